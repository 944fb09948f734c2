import { focusValues, questionFocus } from '../../../../adapters/knowledge/question-focus';

describe('questionFocus', () => {
  it('reads the head of the noun phrase a what/which question asks for, keeping the rest as modifiers', () => {
    expect(questionFocus("what's the name of the platform architect?")).toEqual({
      kind: 'words',
      words: ['name'],
      modifiers: [],
      asked: 'the name',
    });
    expect(questionFocus('which ports does the NSG need open')).toMatchObject({ words: ['ports'] });
    expect(questionFocus('what TPM quota do we have on the gpt-4 deployment')).toMatchObject({
      words: ['quota'],
      modifiers: ['tpm'],
    });
    expect(questionFocus('whats the on-call phone number for cloud ops')).toMatchObject({ words: ['number'] });
  });

  it('skips nouns that name the shape of an answer ("steps", "process"), and what is left of them', () => {
    expect(questionFocus("we think an API key got leaked, what's the incident process")).toMatchObject({
      words: ['incident'],
    });
    expect(questionFocus('after containing a breach, what are the next steps?')).toBeUndefined();
  });

  it('reads the verb of "how do I …", hyphenated or after an adverb', () => {
    expect(questionFocus('how do I push a docker image to our registry')).toMatchObject({ words: ['push'] });
    expect(questionFocus('how do I fine-tune gpt-4 on our data')).toMatchObject({ words: ['fine', 'tune'] });
    expect(questionFocus('how do I manually bump the endpoint to 10')).toMatchObject({ words: ['bump'] });
  });

  it('asks for a kind of value: how long, how often, what it costs, which day', () => {
    expect(questionFocus('how long are audit logs retained')).toMatchObject({ kind: 'value', value: 'duration' });
    expect(questionFocus('how often do we test DR')).toMatchObject({ kind: 'value', value: 'frequency' });
    expect(questionFocus('how much does the gpu cluster cost per month')).toMatchObject({ value: 'amount' });
    expect(questionFocus('how much of the storage are we using')).toBeUndefined();
    expect(questionFocus('which day of the week is DR readiness checked')).toMatchObject({ value: 'when' });
  });

  it('has no focus for a verb that only asks how to deal with the subject ("how do I fix …")', () => {
    expect(questionFocus('how do I fix a quota exceeded error')).toBeUndefined();
    expect(questionFocus('how should we handle a leaked key')).toBeUndefined();
  });

  it('has no focus for a symptom, a why or a where', () => {
    expect(questionFocus('endpoint throwing 503s since 2am')).toBeUndefined();
    expect(questionFocus('why is the gpu cluster slow to scale')).toBeUndefined();
    expect(questionFocus('where are the runbooks stored')).toBeUndefined();
  });

  it('recognises each value as runbooks write it', () => {
    expect(focusValues.duration.test('Kept for 30 days')).toBe(true);
    expect(focusValues.duration.test('Kept for a while')).toBe(false);
    expect(focusValues.frequency.test('Tested quarterly')).toBe(true);
    expect(focusValues.amount.test('about $3.67 an hour')).toBe(true);
    expect(focusValues.amount.test('costs a lot')).toBe(false);
    expect(focusValues.when.test('every Monday at 9 AM UTC')).toBe(true);
  });
});
