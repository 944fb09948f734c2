import { editDistance } from '../../../../core/routing/edit-distance';
import { normalizeText } from '../../../../core/routing/text-normalizer';
import { cleanUtterance } from '../../../../core/routing/utterance';

const known = new Set(['delete', 'stop', 'warm', 'prewarm', 'start', 'up', 'startup', 'rotate']);
const knows = (w: string) => known.has(w);

describe('text normalisation before the guards', () => {
  it.each([
    ['dеlete the gpu cluster', 'delete the gpu cluster'],
    ['ｓｔｏｐ ｔｈｅ ｇｐｕ cluster', 'stop the gpu cluster'],
    ['ѕтор the gpu cluster', 'stop the gpu cluster'],
    ['d e l e t e the gpu cluster', 'delete the gpu cluster'],
    ['s.t.o.p gpu-cluster-01', 'stop gpu-cluster-01'],
    ['de-lete the gpu cluster', 'delete the gpu cluster'],
    ['de\u200blete the café key', 'delete the cafe key'],
    ['rotate the key \u2014 now', 'rotate the key - now'],
  ])('%s → %s', (typed, plain) => {
    expect(normalizeText(typed, knows).toLowerCase()).toBe(plain);
  });

  it('keeps names, ordinary hyphenated words and short letter pairs as they are', () => {
    expect(normalizeText('warm-up gpu-cluster-01 on start-up', knows)).toBe(
      'warm-up gpu-cluster-01 on start-up',
    );
    expect(normalizeText('set a to b', knows)).toBe('set a to b');
    expect(normalizeText('Scale fraud-detection blue to 6', knows)).toBe('Scale fraud-detection blue to 6');
  });
});

describe('trailing pleasantries', () => {
  it('drops a trailing please or thanks but never the end of a word', () => {
    expect(cleanUtterance('status of fraud please!!').text).toBe('status of fraud');
    expect(cleanUtterance('rotate the key, thank you.').text).toBe('rotate the key');
    expect(cleanUtterance('check the security').text).toBe('check the security');
    expect(cleanUtterance('show spare capacity').text).toBe('show spare capacity');
  });

  it('handles a long run of punctuation and still finds the request', () => {
    expect(cleanUtterance(`status thanks${'.'.repeat(30_000)}`).text).toBe('status');
    expect(cleanUtterance(`status please${' .'.repeat(10_000)}`).text).toBe('status');
  });
});

describe('edit distance shared by names and spelling', () => {
  it('counts a swap of neighbouring letters as one edit and stops past the limit', () => {
    expect(editDistance('strat', 'start')).toBe(1);
    expect(editDistance('clstr', 'cluster')).toBe(2);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});
