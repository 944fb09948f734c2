import type { KnowledgeHit } from '../../../../core/knowledge/knowledge-base';
import {
  evaluateAnswers,
  parseQuestionSet,
  sectionsRelate,
} from '../../../../core/knowledge/knowledge-evaluation';
import type { RunbookAnswer } from '../../../../core/knowledge/runbook-answer';

const hit = (covers: string[], score = 0.9): KnowledgeHit => ({
  pageId: 'p',
  file: 'knowledge/p.md',
  title: 'P',
  sectionId: `p#${covers.join('-')}`,
  heading: 'H',
  steps: [],
  text: '',
  score,
  citation: 'knowledge/p.md › H',
  checks: [],
  related: [],
  covers,
});
const answered = (...hits: KnowledgeHit[]): RunbookAnswer => ({
  question: 'q',
  answered: true,
  best: hits[0],
  related: hits.slice(1),
});
const refused: RunbookAnswer = { question: 'q', answered: false, related: [] };

describe('parseQuestionSet', () => {
  it('reads answerable and unanswerable lines and skips blank ones', () => {
    const text = '{"question": "a?", "covers": "5.2"}\n\n{"question": "b?", "answerable": false}\n{"question": "c?", "covers": 1}';
    expect(parseQuestionSet(text, 'set.jsonl')).toEqual([
      { question: 'a?', answerable: true, covers: '5.2' },
      { question: 'b?', answerable: false },
      { question: 'c?', answerable: true, covers: '1' },
    ]);
  });

  it('names the file and line of a bad line', () => {
    expect(() => parseQuestionSet('{"question": "a?"}', 'set.jsonl')).toThrow(/^set.jsonl:1: give "covers"/);
    expect(() => parseQuestionSet('ok\n', 's')).toThrow('s:1: not valid JSON');
    expect(() => parseQuestionSet('{"question": "a?", "covers": "x"}', 's')).toThrow(/s:1: expected a handover section/);
    expect(() => parseQuestionSet('{"question": "a?", "covers": "1", "answerable": false}', 's')).toThrow(
      /unanswerable question has no "covers"/,
    );
  });
});

describe('sectionsRelate', () => {
  it('relates a section to itself, its parent and its children, not to a sibling or a look-alike', () => {
    expect(sectionsRelate('5.2', '5.2')).toBe(true);
    expect(sectionsRelate('5', '5.2')).toBe(true);
    expect(sectionsRelate('10.2', '10')).toBe(true);
    expect(sectionsRelate('5.2', '5.3')).toBe(false);
    expect(sectionsRelate('1', '10.2')).toBe(false);
  });
});

describe('evaluateAnswers', () => {
  it('counts hit@1 on the answer, hit@3 on the answer and its related sections, and both refusal shares', () => {
    const cases = parseQuestionSet(
      [
        '{"question": "1", "covers": "5.2"}',
        '{"question": "2", "covers": "9.2"}',
        '{"question": "3", "covers": "3"}',
        '{"question": "4", "covers": "6.3"}',
        '{"question": "5", "answerable": false}',
        '{"question": "6", "answerable": false}',
      ].join('\n'),
      's',
    );
    const e = evaluateAnswers(cases, [
      answered(hit(['5.2'])),
      answered(hit(['5.2']), hit(['7.1']), hit(['9.1', '9.2'])),
      answered(hit(['3.2'])),
      refused,
      refused,
      answered(hit(['1'], 0.5)),
    ]);
    expect(e).toMatchObject({ total: 6, answerable: 4, unanswerable: 2 });
    expect(e.hitAt1).toBe(2 / 4);
    expect(e.hitAt3).toBe(3 / 4);
    expect(e.refusedUnanswerable).toBe(1 / 2);
    expect(e.refusedAnswerable).toBe(1 / 4);
    expect(e.misses.map((m) => [m.question, m.kind])).toEqual([
      ['2', 'wrong'],
      ['4', 'refused'],
      ['6', 'answered-unanswerable'],
    ]);
  });
});
