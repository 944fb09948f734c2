import { describeActivityProblem } from '../../../bot/server';

const valid = {
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:4000',
  from: { id: '29:u' },
  recipient: { id: '28:bot' },
  conversation: { id: 'c1' },
  text: 'status',
};

describe('describeActivityProblem', () => {
  it('accepts a complete activity', () => {
    expect(describeActivityProblem(valid, true)).toBeUndefined();
  });

  it.each([
    [[1, 2], 'must be a JSON object'],
    [{ ...valid, conversation: undefined }, 'missing conversation.id'],
    [{ ...valid, from: {} }, 'missing from.id'],
    [{ ...valid, type: undefined, from: undefined }, 'missing type, from.id'],
    [{ ...valid, type: 'telepathy' }, 'Unknown activity type "telepathy"'],
    [{ ...valid, serviceUrl: 'not a url' }, 'serviceUrl is not a URL'],
    [{ ...valid, serviceUrl: 'https://smba.trafficmanager.net/emea/' }, 'In local mode the bot only replies'],
  ])('rejects %j', (body, expected) => {
    expect(describeActivityProblem(body, true)).toContain(expected);
  });

  it('lets production replies go to the Teams service', () => {
    expect(
      describeActivityProblem({ ...valid, serviceUrl: 'https://smba.trafficmanager.net/emea/' }, false),
    ).toBeUndefined();
  });
});
