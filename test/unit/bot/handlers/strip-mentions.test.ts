import { stripMentions } from '../../../../bot/handlers/strip-mentions';

describe('stripMentions', () => {
  it.each([
    ['<at>opsbot</at> status fraud-detection', 'status fraud-detection'],
    ['<at>Ops Bot</at>&nbsp;help', 'help'],
    ['status <at>opsbot</at>', 'status'],
    ['  jobs   12 ', 'jobs 12'],
    ['<AT>opsbot</AT>', ''],
  ])('turns %j into %j', (input, expected) => {
    expect(stripMentions(input)).toBe(expected);
  });
});
