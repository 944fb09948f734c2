import type { RoleId } from '../../core/config/landing-zone.schema';
import { ErrorCodes } from '../../core/errors';
import type { KnowledgeBase, LoadReport } from '../../core/knowledge/knowledge-base';
import type { AuditLog, Clock } from '../../core/ports';
import type { MessageResult } from '../../skills/results';
import { auditMetaCommand, type MetaCommandTurn } from './meta-command-audit';

/** What the `kb …` meta-command needs. */
export interface KbCommandOptions {
  localMode: boolean;
  /** Absent when the bot runs without a knowledge base. */
  knowledge?: KnowledgeBase;
  audit: AuditLog;
  clock: Clock;
}

/** Roles that may reload the runbooks on a production bot: the operators who edit them. */
export const kbReloadRoles: readonly RoleId[] = ['l2', 'l3', 'platform-architect'];

const kbPattern = /^kb(?:\s+(.*))?$/i;

/**
 * The `kb reload` meta-command: reads the knowledge folder again and answers with the load report
 * (pages, sections, skipped files and why). Local mode, or a caller with a role of `kbReloadRoles`.
 * Returns undefined when the text is not a `kb` command, so the dialog takes it.
 */
export async function handleKbCommand(
  turn: MetaCommandTurn,
  options: KbCommandOptions,
): Promise<MessageResult | undefined> {
  const match = kbPattern.exec(turn.text.trim());
  if (!match) return undefined;
  const words = (match[1] ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  const audit = (decision: string, outcome: string, detail: string) =>
    auditMetaCommand(turn, options, {
      args: { command: `kb ${words.join(' ')}`.trim() },
      decision,
      outcome,
      detail,
    });

  if (words.length !== 1 || words[0] !== 'reload') {
    return {
      view: 'message',
      tone: 'warning',
      title: 'Knowledge base command not understood',
      text: 'Use `kb reload` to read the runbook folder again. To ask the runbooks, write `ask <question>`.',
    };
  }
  if (!options.localMode && !kbReloadRoles.some((role) => turn.caller.roles.includes(role))) {
    await audit('denied:role', `error:${ErrorCodes.notAllowed}`, 'kb reload meta-command');
    return {
      view: 'message',
      tone: 'warning',
      title: 'Not allowed',
      text: `Reloading the runbooks needs one of these roles: ${kbReloadRoles.join(', ')}. You have: ${turn.caller.roles.join(', ')}.`,
    };
  }
  if (!options.knowledge) {
    await audit('not-enabled', `error:${ErrorCodes.notEnabled}`, 'kb reload meta-command');
    return {
      view: 'message',
      tone: 'warning',
      title: 'No knowledge base',
      text: 'This bot runs without a runbook knowledge base, so there is nothing to reload.',
    };
  }
  const report = options.knowledge.reload();
  await audit(
    'allowed',
    'ok',
    `kb reload meta-command: ${report.pages} pages, ${report.sections} sections, ${report.skipped.length} skipped`,
  );
  return describeLoad(report);
}

/** The load report as a chat answer: counts, then each skipped file with its problem. */
export function describeLoad(report: LoadReport): MessageResult {
  const counts = `${report.pages} ${report.pages === 1 ? 'page' : 'pages'} with ${report.sections} ${report.sections === 1 ? 'section' : 'sections'} loaded from \`${report.directory}\`.`;
  if (!report.skipped.length) {
    return { view: 'message', title: 'Runbooks reloaded', text: `${counts} Every file loaded.` };
  }
  const lines = report.skipped.map((s) => `- \`${s.file}\`: ${s.problem}`);
  return {
    view: 'message',
    tone: 'warning',
    title: `Runbooks reloaded, ${report.skipped.length} skipped`,
    text: `${counts} These files were skipped; fix them and reload:\n${lines.join('\n')}`,
  };
}
