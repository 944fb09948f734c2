import { patternWords, SpellingCorrector } from '../../../../core/routing/spelling-corrector';

const vocabulary = [
  'start the cluster',
  'stop the cluster',
  'scale the endpoint',
  'rotate the key',
  'show failed jobs',
  'failed jobs again and failed jobs today',
  'fail fast',
  'status of quota',
  'state of things',
  'escalate the incident',
];
const corrector = new SpellingCorrector(vocabulary);

describe('spelling correction against the router vocabulary', () => {
  it.each([
    ['strat', 'start'],
    ['sotp', 'stop'],
    ['sclae', 'scale'],
    ['rotte', 'rotate'],
    ['incidnet', 'incident'],
    ['escalaet', 'escalate'],
    ['eslacate', 'escalate'],
  ])('corrects %s to %s', (typed, expected) => {
    expect(corrector.correctWord(typed)).toBe(expected);
  });

  it('never changes a word it knows, a short word or a number', () => {
    expect(corrector.correctWord('state')).toBe('state');
    expect(corrector.correctWord('jbs')).toBe('jbs');
    expect(corrector.correctWord('stp')).toBe('stp');
    expect(corrector.correctWord('4000')).toBe('4000');
  });

  it('allows one edit below seven letters and two from seven', () => {
    expect(corrector.correctWord('qouat')).toBe('qouat');
    expect(corrector.correctWord('incdnet')).toBe('incident');
  });

  it('keeps the first letter (or the first two swapped)', () => {
    expect(corrector.correctWord('ktart')).toBe('ktart');
    expect(corrector.correctWord('tsart')).toBe('start');
  });

  it('prefers the word the vocabulary uses most and gives up on a true tie', () => {
    expect(corrector.correctWord('faild')).toBe('failed');
    expect(corrector.correctWord('stat')).toBe('stat');
  });

  it('corrects a whole text and keeps its punctuation', () => {
    expect(corrector.correctText('Plz STRAT the cluster, then sclae it!')).toBe(
      'plz start the cluster, then scale it!',
    );
  });

  it('leaves inflections of known words and plain words alone', () => {
    const stem = (w: string) => w.replace(/(ing|ed|s)$/, '');
    const withStems = new SpellingCorrector(['rotate the key', 'start it', 'warm up the nodes'], {
      stem,
      alsoKnown: ['warning'],
    });
    expect(withStems.correctWord('keys')).toBe('keys');
    expect(withStems.correctWord('warning')).toBe('warning');
    expect(withStems.correctWord('warmnig')).toBe('warmnig');
    expect(withStems.correctWord('strat')).toBe('start');
    expect(new SpellingCorrector(['warm up the nodes']).correctWord('warmng')).toBe('warmng');
  });

  it('takes the whole words out of a pattern, not stems or escapes', () => {
    expect(patternWords(/\b(restart|rotat\w*|fail(ed|ing)|alerts?|tear down)\b/)).toEqual([
      'restart',
      'tear',
      'down',
    ]);
  });
});
