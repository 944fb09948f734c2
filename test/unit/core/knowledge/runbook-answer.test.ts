import type { KnowledgeBase, KnowledgeHit } from '../../../../core/knowledge/knowledge-base';
import { answerQuestion } from '../../../../core/knowledge/runbook-answer';

const hit = (pageId: string, heading: string, score: number): KnowledgeHit => ({
  pageId,
  file: `knowledge/${pageId}.md`,
  title: pageId,
  sectionId: `${pageId}#${heading}`,
  heading,
  steps: [],
  text: '',
  score,
  citation: `knowledge/${pageId}.md › ${heading}`,
  checks: [],
  related: [],
  covers: [],
});

const baseOf = (hits: KnowledgeHit[], answerThreshold = 0.4): KnowledgeBase => ({
  search: (_query, options) => hits.slice(0, options?.limit ?? 5),
  answerThreshold,
  reload: () => {
    throw new Error('not used');
  },
  lastLoad: () => {
    throw new Error('not used');
  },
  pages: () => [],
});

describe('answerQuestion', () => {
  it('offers sections of other pages as related reading before more sections of the answer page', () => {
    const kb = baseOf([hit('a', 'one', 0.9), hit('a', 'two', 0.9), hit('a', 'three', 0.8), hit('b', 'one', 0.6), hit('c', 'one', 0.5)]);
    const answer = answerQuestion(kb, 'q');
    expect(answer.best?.sectionId).toBe('a#one');
    expect(answer.related.map((h) => h.sectionId)).toEqual(['b#one', 'c#one']);
  });

  it('fills the related sections from the answer page when no other page matches', () => {
    const kb = baseOf([hit('a', 'one', 0.9), hit('a', 'two', 0.7), hit('b', 'one', 0.6), hit('a', 'three', 0.5)]);
    expect(answerQuestion(kb, 'q', { relatedCount: 3 }).related.map((h) => h.sectionId)).toEqual([
      'b#one',
      'a#two',
      'a#three',
    ]);
  });

  it('answers with the best section that says what is asked, before one that is only about the subject', () => {
    const kb = baseOf([
      { ...hit('a', 'one', 0.8), unanswered: 'the name' },
      hit('b', 'one', 0.7),
      hit('c', 'one', 0.5),
    ]);
    const answer = answerQuestion(kb, 'q');
    expect(answer).toMatchObject({ answered: true, best: { sectionId: 'b#one' } });
    expect(answer.related.map((h) => h.sectionId)).toEqual(['a#one', 'c#one']);
  });

  it('never lets a weak section of another page answer in place of a much better one', () => {
    const kb = baseOf([{ ...hit('a', 'one', 0.8), unanswered: 'how to fix' }, hit('b', 'one', 0.5)]);
    expect(answerQuestion(kb, 'q')).toMatchObject({ answered: false, unanswered: 'how to fix' });
    const samePage = baseOf([{ ...hit('a', 'one', 0.8), unanswered: 'the name' }, hit('a', 'two', 0.45)]);
    expect(answerQuestion(samePage, 'q')).toMatchObject({ answered: true, best: { sectionId: 'a#two' } });
  });

  it('does not know when no section above the threshold says what is asked, and says what is missing', () => {
    const kb = baseOf([
      { ...hit('a', 'one', 0.8), unanswered: 'the name' },
      { ...hit('b', 'one', 0.6), unanswered: 'the name' },
      hit('c', 'one', 0.3),
    ]);
    const answer = answerQuestion(kb, 'q');
    expect(answer).toMatchObject({ answered: false, unanswered: 'the name' });
    expect(answer.related.map((h) => h.sectionId)).toEqual(['a#one', 'b#one']);
  });

  it('answers "don\'t know" below the threshold and offers only the sections reaching half of it', () => {
    const kb = baseOf([hit('a', 'one', 0.39), hit('b', 'one', 0.2), hit('c', 'one', 0.19)]);
    const answer = answerQuestion(kb, 'q');
    expect(answer.answered).toBe(false);
    expect(answer.best).toBeUndefined();
    expect(answer.related.map((h) => h.sectionId)).toEqual(['a#one', 'b#one']);
  });
});
