import { systemClock } from '../../core/clock';
import type { KnowledgeBase } from '../../core/knowledge/knowledge-base';
import { answerQuestion } from '../../core/knowledge/runbook-answer';
import { allSkills } from '../../skills/catalog';
import { loadBotConfig } from '../config';
import { createKnowledgeBase } from '../knowledge-base';
import { lineBatches, QuietOutput } from './line-io';
import type { Subcommand } from './opsbot.cli';

const usage = `Usage: opsbot ask "<question>"   answer one question from the runbooks, print one JSON line
       opsbot ask --stdin        answer each input line, print one JSON line per input line, in order

Options:
  --stdin     read one question per line from standard input
  --timing    with --stdin: print the answering time to stderr at the end
  -h, --help  print this help

Each line: {"question": "...", "answered": true|false, "citations": [{"page": "knowledge/<file>.md",
"heading": "...", "score": 0.0}], "steps": ["..."]}; best citation first. Not answered: no citations, no steps.
The runbooks are read from KNOWLEDGE_DIR, or knowledge/ when unset.
`;

/** One answer as `opsbot ask` prints it. */
export interface AskRecord {
  question: string;
  answered: boolean;
  citations: { page: string; heading: string; score: number }[];
  steps: string[];
}

/** The answer to one question as a JSON-ready record: the answer's section first, then its related ones. */
export function askRecord(kb: KnowledgeBase, question: string): AskRecord {
  const answer = answerQuestion(kb, question);
  if (!answer.answered || !answer.best) return { question, answered: false, citations: [], steps: [] };
  return {
    question,
    answered: true,
    citations: [answer.best, ...answer.related].map((h) => ({
      page: h.file,
      heading: h.heading,
      score: h.score,
    })),
    steps: answer.best.steps.map((s) => (s.code ? `${s.text}\n${s.code}`.trim() : s.text)),
  };
}

/** `opsbot ask`: answers from the runbook knowledge base as JSON lines; nothing else on standard output. */
export const ask: Subcommand = async (argv) => {
  const help = argv.includes('--help') || argv.includes('-h');
  const stdin = argv.includes('--stdin');
  const timing = argv.includes('--timing');
  const words = argv.filter((a) => !['--stdin', '--timing', '--help', '-h'].includes(a));
  if (help) {
    process.stdout.write(usage);
    return 0;
  }
  const unknown = words.find((w) => /^--?[a-z]/i.test(w));
  const problem = unknown
    ? `unknown option "${unknown}"`
    : stdin && words.length
      ? 'give either a question or --stdin, not both'
      : !stdin && !words.length
        ? 'no question given'
        : timing && !stdin
          ? '--timing goes with --stdin'
          : undefined;
  if (problem) {
    process.stderr.write(`opsbot ask: ${problem}\n\n${usage}`);
    return 2;
  }
  const config = loadBotConfig(process.env);
  const kb = createKnowledgeBase(config.knowledge, allSkills, systemClock);
  for (const s of kb.lastLoad().skipped)
    process.stderr.write(`opsbot ask: skipped ${s.file}: ${s.problem}\n`);
  const output = new QuietOutput('opsbot ask');
  const line = (question: string) => `${JSON.stringify(askRecord(kb, question))}\n`;
  if (!stdin) {
    output.write(line(words.join(' ')));
    return output.failed ? 1 : 0;
  }
  const startedAt = process.hrtime.bigint();
  let count = 0;
  for await (const lines of lineBatches(process.stdin)) {
    output.write(lines.map(line).join(''));
    count += lines.length;
    if (output.closed) break;
  }
  if (timing) {
    const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
    process.stderr.write(
      `answered ${count} questions in ${ms.toFixed(0)} ms after start-up (${(process.uptime() * 1000).toFixed(0)} ms since process start)\n`,
    );
  }
  return output.failed ? 1 : 0;
};
