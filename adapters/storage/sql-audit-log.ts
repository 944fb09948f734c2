import type { Selectable } from 'kysely';
import { StorageError } from '../../core/errors';
import type { AuditEvent, AuditLog, AuditQuery } from '../../core/ports';
import type { Database } from './database';
import { prepareStatement, type PreparedStatement } from './prepared-statement';
import type { AuditEventsTable } from './storage-schema';

/** The columns an appended event fills (the id is the table's). */
const auditColumns = [
  'at',
  'correlation_id',
  'actor_id',
  'actor_name',
  'conversation_id',
  'skill',
  'args',
  'decision',
  'outcome',
  'detail',
] as const;

/**
 * The audit log in the `audit_events` table. Append-only: this class has no way to change or remove
 * an event, and the table's triggers refuse updates and deletes from anyone else.
 */
export class SqlAuditLog implements AuditLog {
  /** Every turn appends at least one event: the insert is built once. */
  private readonly insert: PreparedStatement<(typeof auditColumns)[number], unknown>;

  constructor(private readonly database: Database) {
    this.insert = prepareStatement(database.db, auditColumns, (db, value) =>
      db.insertInto('audit_events').values(value),
    );
  }

  async append(event: AuditEvent): Promise<void> {
    if (!(event.at instanceof Date) || Number.isNaN(event.at.getTime())) {
      throw new TypeError('An audit event needs a valid date in "at".');
    }
    const args = JSON.stringify(event.args ?? {});
    try {
      await this.insert.run({
        at: event.at.toISOString(),
        correlation_id: event.correlationId,
        actor_id: event.actorId,
        actor_name: event.actorName ?? null,
        conversation_id: event.conversationId,
        skill: event.skill,
        args,
        decision: event.decision,
        outcome: event.outcome,
        detail: event.detail ?? null,
      });
    } catch (error) {
      throw new StorageError(`Cannot append to the audit log: ${messageOf(error)}`, { cause: error });
    }
  }

  /**
   * Events matching every given filter (`since` is inclusive), oldest first. With `limit`, the most
   * recent `limit` matching events, still oldest first.
   */
  async list(query: AuditQuery = {}): Promise<AuditEvent[]> {
    if (query.limit !== undefined && !(Number.isInteger(query.limit) && query.limit > 0)) {
      throw new RangeError(`An audit query limit must be a positive whole number, not ${query.limit}.`);
    }
    if (query.since !== undefined && Number.isNaN(query.since.getTime())) {
      throw new RangeError('An audit query "since" must be a valid date.');
    }
    let select = this.database.db.selectFrom('audit_events').selectAll();
    if (query.correlationId !== undefined) select = select.where('correlation_id', '=', query.correlationId);
    if (query.actorId !== undefined) select = select.where('actor_id', '=', query.actorId);
    if (query.skill !== undefined) select = select.where('skill', '=', query.skill);
    if (query.since !== undefined) select = select.where('at', '>=', query.since.toISOString());
    let rows: Selectable<AuditEventsTable>[];
    try {
      rows =
        query.limit === undefined
          ? await select.orderBy('id', 'asc').execute()
          : (await select.orderBy('id', 'desc').limit(query.limit).execute()).reverse();
    } catch (error) {
      throw new StorageError(`Cannot read the audit log: ${messageOf(error)}`, { cause: error });
    }
    return rows.map(toEvent);
  }
}

function toEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  const event: AuditEvent = {
    at: new Date(row.at),
    correlationId: row.correlation_id,
    actorId: row.actor_id,
    conversationId: row.conversation_id,
    skill: row.skill,
    args: JSON.parse(row.args) as Record<string, unknown>,
    decision: row.decision,
    outcome: row.outcome,
  };
  if (row.actor_name !== null) event.actorName = row.actor_name;
  if (row.detail !== null) event.detail = row.detail;
  return event;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
