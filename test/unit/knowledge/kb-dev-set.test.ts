import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateKnowledgeBase } from '../../../bot/cli/eval-kb.command';
import { defaultKnowledgeDir } from '../../../bot/config';
import { createKnowledgeBase } from '../../../bot/knowledge-base';
import { parseQuestionSet } from '../../../core/knowledge/knowledge-evaluation';
import { allSkills } from '../../../skills/catalog';

const root = join(__dirname, '..', '..', '..');

describe('the runbook pages of knowledge/ on the dev question set', () => {
  const kb = createKnowledgeBase(
    { directory: defaultKnowledgeDir, path: join(root, defaultKnowledgeDir) },
    allSkills,
    { now: () => new Date('2026-01-05T08:00:00Z') },
  );
  const cases = parseQuestionSet(readFileSync(join(root, 'test/fixtures/kb-dev.jsonl'), 'utf8'), 'kb-dev.jsonl');

  it('loads every page without a problem', () => {
    expect(kb.lastLoad().skipped).toEqual([]);
    expect(kb.lastLoad().pages).toBeGreaterThanOrEqual(20);
  });

  it('keeps the measured floors: hit@1, hit@3, refusals of unanswerable and of answerable questions', () => {
    expect(cases.filter((c) => !c.answerable).length).toBeGreaterThanOrEqual(10);
    const e = evaluateKnowledgeBase(kb, cases);
    expect(e.hitAt1).toBeGreaterThanOrEqual(40 / 44);
    expect(e.hitAt3).toBeGreaterThanOrEqual(43 / 44);
    expect(e.refusedUnanswerable).toBeGreaterThanOrEqual(11 / 12);
    expect(e.refusedAnswerable).toBe(0);
  });

  it('covers every operational section of the handover with at least one page', () => {
    const covered = new Set(kb.pages().flatMap((p) => p.covers));
    const sections = ['1', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2', '4.3', '5.1', '5.2', '5.3', '5.4'];
    sections.push('6.1', '6.2', '6.3', '7.1', '7.2', '8.1', '8.2', '9.1', '9.2', '10.1', '10.2');
    sections.push('11.1', '11.2', '12.1', '12.2', '13.1', '13.2', '14.1', '14.2');
    expect(sections.filter((s) => !covered.has(s))).toEqual([]);
  });
});
