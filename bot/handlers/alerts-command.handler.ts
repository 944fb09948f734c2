import type { RoleId } from '../../core/config/landing-zone.schema';
import { ErrorCodes } from '../../core/errors';
import type { AuditLog, Clock } from '../../core/ports';
import type { MessageResult } from '../../skills/results';
import type { AlertChannel } from '../../skills/incident/alert-channel';
import { auditMetaCommand, type MetaCommandTurn } from './meta-command-audit';

/** What the `alerts here` meta-command needs. */
export interface AlertsCommandOptions {
  localMode: boolean;
  /** Absent when alert intake is not configured (no `ALERTS_SHARED_SECRET`). */
  alertChannel?: AlertChannel;
  audit: AuditLog;
  clock: Clock;
}

/** Roles that may choose where Azure Monitor alerts are posted: the operators who run the channel. */
export const alertChannelRoles: readonly RoleId[] = ['l2', 'l3', 'platform-architect'];

const pattern = /^alerts\s+(here|where)\s*[.!?]?$/i;

/**
 * `alerts here` makes this conversation the ops channel that Azure Monitor alert cards go to;
 * `alerts where` says which one it is. Local mode, or a caller with a role of `alertChannelRoles`
 * (for `here`). Returns undefined for any other text (`alerts` alone is the alerts status).
 */
export async function handleAlertsCommand(
  turn: MetaCommandTurn & { conversationType?: string },
  options: AlertsCommandOptions,
): Promise<MessageResult | undefined> {
  const match = pattern.exec(turn.text.trim());
  if (!match) return undefined;
  const verb = match[1].toLowerCase();
  const audit = (decision: string, outcome: string, detail: string) =>
    auditMetaCommand(turn, options, { args: { command: `alerts ${verb}` }, decision, outcome, detail });
  if (!options.alertChannel) {
    await audit('not-enabled', `error:${ErrorCodes.notEnabled}`, 'alert intake is not configured');
    return {
      view: 'message',
      tone: 'warning',
      title: 'Alert intake is off',
      text: 'This bot takes no Azure Monitor alerts: set `ALERTS_SHARED_SECRET` and point the action group’s webhook at `/api/alerts` first.',
    };
  }
  const current = await options.alertChannel.current();
  if (verb === 'where') {
    await audit('allowed', 'ok', 'alerts where meta-command');
    return {
      view: 'message',
      tone: 'info',
      text: current
        ? current === turn.conversationId
          ? 'Azure Monitor alert cards come to this conversation.'
          : 'Azure Monitor alert cards go to another conversation. Write `alerts here` in a channel to bring them there.'
        : 'No conversation takes Azure Monitor alert cards yet: alerts are only recorded. Write `alerts here` in the ops channel.',
    };
  }
  if (!options.localMode && !alertChannelRoles.some((role) => turn.caller.roles.includes(role))) {
    await audit('denied:role', `error:${ErrorCodes.notAllowed}`, 'alerts here meta-command');
    return {
      view: 'message',
      tone: 'warning',
      title: 'Not allowed',
      text: `Choosing where alerts are posted needs one of these roles: ${alertChannelRoles.join(', ')}. You have: ${turn.caller.roles.join(', ') || 'none'}.`,
    };
  }
  if (turn.conversationType === 'personal') {
    await audit(
      'rejected:personal-chat',
      `error:${ErrorCodes.invalidArguments}`,
      'alerts here in a personal chat',
    );
    return {
      view: 'message',
      tone: 'warning',
      title: 'Choose a shared conversation',
      text: 'Alert cards go to a channel or group chat the on-call team reads. Write `alerts here` there, not in a personal chat.',
    };
  }
  await options.alertChannel.choose({
    conversationId: turn.conversationId,
    chosenBy: turn.caller.name,
    chosenAt: options.clock.now().toISOString(),
  });
  await audit(
    'allowed',
    'ok',
    current && current !== turn.conversationId ? 'alert channel moved here' : 'alert channel set here',
  );
  return {
    view: 'message',
    tone: 'info',
    title: 'Alerts come here now',
    text:
      current === turn.conversationId
        ? 'This conversation already takes the Azure Monitor alert cards; nothing changed.'
        : `Azure Monitor alert cards will be posted to this conversation from now on${current ? ' instead of the previous one' : ''}.`,
  };
}
