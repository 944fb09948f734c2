import { checkActivity } from '../../../../bot/edge/activity.schema';

const valid = {
  type: 'message',
  id: 'activity-1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:4000',
  from: { id: '29:u', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
  recipient: { id: '28:bot' },
  conversation: { id: 'c1' },
  text: 'status',
};

const problemOf = (body: unknown, localMode = true) => {
  const checked = checkActivity(body, { localMode });
  return checked.ok ? undefined : checked.problem;
};

describe('checkActivity', () => {
  it('accepts a complete activity and keeps the fields it does not know', () => {
    const checked = checkActivity(
      { ...valid, channelData: { tenant: { id: 't' } }, extra: [1] },
      { localMode: true },
    );
    expect(checked).toEqual({
      ok: true,
      activity: { ...valid, channelData: { tenant: { id: 't' } }, extra: [1] },
    });
  });

  it.each([
    [[1, 2], 'The body must be a JSON object (an activity).'],
    [{ ...valid, conversation: undefined }, 'The activity is missing conversation.id.'],
    [{ ...valid, from: {} }, 'The activity is missing from.id.'],
    [{ ...valid, type: undefined, from: undefined }, 'The activity is missing type, from.id.'],
    [{ ...valid, type: 'telepathy' }, 'Unknown activity type "telepathy".'],
    [{ ...valid, serviceUrl: 'not a url' }, 'The activity serviceUrl is not a URL.'],
    [{ ...valid, serviceUrl: 'ftp://127.0.0.1/' }, 'The activity serviceUrl must be http or https.'],
    [{ ...valid, serviceUrl: 'https://smba.trafficmanager.net/emea/' }, 'In local mode the bot only replies'],
    [{ ...valid, text: { a: 1 } }, 'text must be a string, not an object'],
    [{ ...valid, from: { id: 'u', aadObjectId: 7 } }, 'from.aadObjectId must be a string, not a number'],
    [{ ...valid, from: { id: 'u', aadObjectId: ['x'] } }, 'from.aadObjectId must be a string, not an array'],
    [{ ...valid, from: { id: 'u', aadObjectId: '' } }, 'from.aadObjectId is empty'],
    [{ ...valid, from: { id: 'u', aadObjectId: 'a b' } }, 'from.aadObjectId is not an object id'],
    [{ ...valid, from: { id: 'u', name: 42 } }, 'from.name must be a string, not a number'],
    [{ ...valid, from: { id: 'u', name: 'n'.repeat(1025) } }, 'from.name is longer than 1024 characters'],
    [{ ...valid, text: 't'.repeat(40_001) }, 'text is longer than 40000 characters'],
    [{ ...valid, conversation: { id: 5 } }, 'conversation.id must be a string, not a number'],
    [{ ...valid, membersAdded: 'everyone' }, 'membersAdded must be an array'],
    [
      { ...valid, type: 'invoke', name: 'adaptiveCard/action', value: { action: 'x' } },
      'value.action must be an object, not "x"',
    ],
    [
      { ...valid, type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: 3 } } },
      'value.action.verb must be a string, not a number',
    ],
  ])('rejects %j', (body, expected) => {
    expect(problemOf(body)).toContain(expected);
  });

  it('names at most three problems and counts the rest', () => {
    const body = { ...valid, text: 1, locale: 2, replyToId: 3, name: 4 };
    expect(problemOf(body)).toBe(
      'The activity is malformed: text must be a string, not a number; name must be a string, not a number; replyToId must be a string, not a number (and 1 more).',
    );
  });

  it('treats null optional fields as absent', () => {
    expect(
      problemOf({ ...valid, from: { id: 'u', aadObjectId: null, name: null }, text: null }),
    ).toBeUndefined();
  });

  it('lets production replies go to the Teams service over https only', () => {
    expect(
      problemOf({ ...valid, serviceUrl: 'https://smba.trafficmanager.net/emea/' }, false),
    ).toBeUndefined();
    expect(problemOf({ ...valid, serviceUrl: 'http://smba.trafficmanager.net/emea/' }, false)).toBe(
      'The activity serviceUrl must be an https:// URL.',
    );
  });
});
