import type { MoodRule } from '../../../../core/routing/mood/mood-rule';
import { readMood } from '../../../../core/routing/mood/mood-rule';
import { messageMoods, prefixMoods } from '../../../../core/routing/mood/mood-table';
import { gateChecker } from '../../../helpers/change-gate';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

describe('readMood', () => {
  const rules: MoodRule[] = [
    { mood: 'negated', on: 'rest', cue: /\bnot\b/ },
    { mood: 'conditional', on: 'later', cue: /^if\b/ },
    { mood: 'question', on: 'rest', cue: /\?/ },
  ];

  it('gives the mood of the first row whose cue is found in its region', () => {
    expect(readMood(rules, { rest: 'not now?' })).toBe('negated');
    expect(readMood(rules, { rest: 'now?' })).toBe('question');
  });

  it('reads a list region clause by clause, and skips a region it is not given', () => {
    expect(readMood(rules, { later: ['please', 'if nobody uses it'] })).toBe('conditional');
    expect(readMood(rules, { later: ['please if nobody uses it'] })).toBeUndefined();
    expect(readMood(rules, {})).toBeUndefined();
  });
});

describe('the mood tables', () => {
  it.each([
    ['rotate the key, what could possibly go wrong', 'negated'],
    ['sure, scale fraud to 9, what is the worst that can happen', 'negated'],
    ['stop the gpu cluster, not a chance', 'negated'],
    ['resolve it, that is what priya would say', 'reported'],
    ['stop gpu-cluster-01 (kidding)', 'negated'],
    ['start gpu-cluster-01 --force', 'flag'],
    ['stop the gpu cluster now', undefined],
  ] as const)('reads "%s" on the whole message as %s', (message, mood) => {
    expect(readMood(messageMoods, { message, typed: message })).toBe(mood);
  });

  it.each([
    ['i don t think we', 'negated'],
    ['once the run is over', 'conditional'],
    ['diego said', 'reported'],
    ['should we', 'question'],
    ['the nodes', undefined],
  ] as const)('reads the words "%s" before a verb as %s', (prefix, mood) => {
    expect(readMood(prefixMoods, { prefix })).toBe(mood);
  });
});

describe('the gate classes that replaced one-probe phrases', () => {
  const check = gateChecker(loadShippedConfig());

  it.each([
    ['compute.stop', 'our vendor: stop gpu-cluster-01', 'reported'],
    ['compute.stop', 'answer me this: stop gpu-cluster-01', 'reported'],
    ['compute.stop', 'not fraud-detection, stop the gpu cluster', 'negated'],
    ['secret.rotate', 'not the openai key, rotate it', 'negated'],
  ] as const)('%s for "%s" is refused as %s', (skill, lower, refusal) => {
    expect(check(skill, lower)).toEqual({ allowed: false, refusal });
  });

  it('still lets the plain request through', () => {
    expect(check('compute.stop', 'stop gpu-cluster-01')).toEqual({ allowed: true, resource: 'named' });
  });
});
