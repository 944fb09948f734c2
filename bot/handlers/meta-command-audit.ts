import type { AuditEvent, AuditLog, Clock } from '../../core/ports';
import type { Caller } from '../../skills/skill';

/** The turn of a meta-command (`sim …`, `kb …`): who asked, where. */
export interface MetaCommandTurn {
  text: string;
  caller: Caller;
  conversationId: string;
  correlationId: string;
}

/** Appends the audit event of a meta-command, which runs outside `propose()` and so writes its own. */
export function auditMetaCommand(
  turn: MetaCommandTurn,
  log: { audit: AuditLog; clock: Clock },
  event: Pick<AuditEvent, 'args' | 'decision' | 'outcome' | 'detail'>,
): Promise<void> {
  return log.audit.append({
    at: log.clock.now(),
    correlationId: turn.correlationId,
    actorId: turn.caller.aadObjectId,
    actorName: turn.caller.name,
    conversationId: turn.conversationId,
    skill: 'none',
    ...event,
  });
}
