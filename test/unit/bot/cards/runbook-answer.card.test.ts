import { renderResult } from '../../../../bot/cards/render-result';
import type { RunbookAnswerResult, RunbookSectionView } from '../../../../skills/results';
import {
  cardBytes,
  cardCommands,
  cardText,
  cardTexts,
  maxCardBytes,
  validateCard,
} from '../../../helpers/validate-card';

const section = (heading: string, steps: RunbookSectionView['steps'] = []): RunbookSectionView => ({
  title: 'Training job fails with "Quota exceeded"',
  heading,
  file: 'knowledge/quota-exceeded.md',
  citation: `knowledge/quota-exceeded.md › ${heading}`,
  steps,
  text: 'The cluster cannot add nodes.',
  score: 0.8,
  command: `ask ${heading}`,
});

function expectValid(card: unknown): void {
  expect(validateCard(card)).toEqual([]);
  expect(cardBytes(card)).toBeLessThan(maxCardBytes);
}

describe('runbook answer card', () => {
  const answered: RunbookAnswerResult = {
    view: 'runbook-answer',
    question: 'my job died with QuotaExceeded',
    answered: true,
    answer: section('Check and raise the compute quota', [
      { text: 'See the usage.', code: 'az ml compute list-usage \\\n  --workspace-name aml-prod-eus2-ai-01' },
      { text: 'Ask for more.' },
    ]),
    related: [section('Avoid hitting the limit again'), section('Good to know')],
    checks: [
      {
        skill: 'status.quota',
        title: 'Compute quota',
        status: 'critical',
        summary: 'NC: 96 of 96 cores (100%)',
        command: 'quota',
      },
      {
        skill: 'status.jobs',
        title: 'Training jobs',
        status: 'ok',
        summary: '0 of 3 jobs failed',
        command: 'jobs',
      },
    ],
    simulated: true,
    suggestions: [
      { label: 'Compute quota', command: 'quota' },
      { label: 'Training jobs', command: 'jobs' },
    ],
  };

  it('shows the numbered steps, the command in monospace, each check with its mark and the citation', () => {
    const card = renderResult(answered);
    expectValid(card);
    const texts = cardTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Check and raise the compute quota',
        '1. See the usage.',
        'az ml compute list-usage \\\n  --workspace-name aml-prod-eus2-ai-01',
        '2. Ask for more.',
        '✗',
        '**Compute quota**: NC: 96 of 96 cores (100%)',
        '✓',
        '**Training jobs**: 0 of 3 jobs failed',
        'Source: knowledge/quota-exceeded.md › Check and raise the compute quota',
        '- Good to know — Training job fails with "Quota exceeded" (knowledge/quota-exceeded.md)',
      ]),
    );
    expect(JSON.stringify(card)).toContain('"fontType":"Monospace"');
    expect(cardText(card)).toMatch(/Simulated data/);
    expect(cardCommands(card).map((c) => c.command)).toEqual([
      'quota',
      'jobs',
      'ask Avoid hitting the limit again',
      'ask Good to know',
    ]);
  });

  it('leaves out the checks block and the simulated label when the page names no check', () => {
    const card = renderResult({ ...answered, checks: [], suggestions: [] });
    expectValid(card);
    expect(cardText(card)).not.toMatch(/Checks run now|Simulated data/);
  });

  it('says "I don\'t know", presents no section as the answer and offers the person buttons', () => {
    const card = renderResult({
      view: 'runbook-answer',
      question: 'pizza?',
      answered: false,
      related: [section('Good to know')],
      checks: [],
      simulated: true,
      suggestions: [
        { label: 'Declare an incident', command: 'declare incident: pizza?' },
        { label: 'Page L2', command: 'page L2: pizza?' },
      ],
    });
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain("I don't know");
    expect(text).toContain('Maybe related (not an answer)');
    expect(text).not.toContain('Source:');
    expect(cardCommands(card).map((c) => c.title)).toEqual(['Declare an incident', 'Page L2']);
  });
  it('shows a written answer above the runbook steps, with the sources it cites and who wrote it', () => {
    const citation = 'knowledge/quota-exceeded.md › Check and raise the compute quota';
    const card = renderResult({
      ...answered,
      written: {
        written: true,
        text: '1. Check the usage of the family [S1].',
        cited: [{ mark: 'S1', citation }],
        writer: 'Azure OpenAI (gpt-4o-router)',
      },
    });
    expectValid(card);
    const texts = cardTexts(card);
    const at = (t: string) => texts.findIndex((x) => x.includes(t));
    expect(at('1. Check the usage of the family [S1].')).toBeGreaterThan(-1);
    expect(texts).toContain(`[S1] ${citation}`);
    expect(at('Written by Azure OpenAI (gpt-4o-router)')).toBeGreaterThan(-1);
    expect(at('Written by Azure OpenAI')).toBeLessThan(texts.indexOf('1. See the usage.'));
    expect(texts).toContain(`Source: ${citation}`);
  });

  it('says in one line why no written answer is shown, and keeps the steps', () => {
    const card = renderResult({ ...answered, written: { written: false, reason: 'rate-limited' } });
    expectValid(card);
    const lines = cardTexts(card).filter((t) => t.includes('Azure OpenAI'));
    expect(lines).toEqual(["Azure OpenAI is throttling requests (429); these are the runbook's own steps."]);
    expect(cardTexts(card)).toContain('1. See the usage.');
  });
});
