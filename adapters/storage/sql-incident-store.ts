import { sql, type Selectable, type Transaction, type Updateable } from 'kysely';
import { StorageError } from '../../core/errors';
import {
  formatIncidentId,
  type EngagedPerson,
  type Incident,
  type IncidentType,
  type TimelineEntry,
  type TimelineKind,
} from '../../core/incidents/incident';
import type {
  IncidentFilter,
  IncidentPatch,
  IncidentStore,
  NewIncident,
} from '../../core/incidents/incident-store';
import type { Database } from './database';
import type { IncidentsTable, IncidentTimelineTable, StorageSchema } from './storage-schema';

const sequenceName = 'incident';

/**
 * Incidents in the `incidents` and `incident_timeline` tables. A new incident takes its number
 * from the `incident_sequence` row with one upsert that increments and returns it, inside the
 * transaction that inserts the incident: on PostgreSQL the row lock makes a second writer wait for
 * the first to commit; on SQLite the upsert takes the file's write lock (busy timeout). State
 * changes are `update … where version = expected`, so a lost race changes nothing and says so.
 */
export class SqlIncidentStore implements IncidentStore {
  constructor(private readonly database: Database) {}

  async create(incident: NewIncident, entries: TimelineEntry[]): Promise<Incident> {
    return this.guard('create', () =>
      this.database.db.transaction().execute(async (trx) => {
        const { value } = await trx
          .insertInto('incident_sequence')
          .values({ name: sequenceName, value: 1 })
          .onConflict((oc) =>
            oc.column('name').doUpdateSet((eb) => ({ value: eb('incident_sequence.value', '+', 1) })),
          )
          .returning('value')
          .executeTakeFirstOrThrow();
        const number = Number(value);
        const id = formatIncidentId(number);
        const row = await trx
          .insertInto('incidents')
          .values(toNewRow(id, number, incident))
          .returningAll()
          .executeTakeFirstOrThrow();
        await insertEntries(trx, id, entries);
        return toIncident(row);
      }),
    );
  }

  async get(id: string): Promise<Incident | undefined> {
    const row = await this.guard('read', () =>
      this.database.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst(),
    );
    return row && toIncident(row);
  }

  async list(filter: IncidentFilter = {}): Promise<Incident[]> {
    let select = this.database.db.selectFrom('incidents').selectAll();
    if (filter.open) select = select.where('state', '<>', 'resolved');
    if (filter.conversationId !== undefined)
      select = select.where('conversation_id', '=', filter.conversationId);
    const rows = await this.guard('list', () => select.orderBy('number', 'desc').execute());
    return rows.map(toIncident);
  }

  async update(
    id: string,
    expectedVersion: number,
    patch: IncidentPatch,
    entries: TimelineEntry[],
    now: Date,
  ): Promise<Incident | undefined> {
    return this.guard('update', () =>
      this.database.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('incidents')
          .set({ ...toPatchRow(patch), updated_at: instant(now), version: expectedVersion + 1 })
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await insertEntries(trx, id, entries);
        return toIncident(row);
      }),
    );
  }

  async append(id: string, entry: TimelineEntry): Promise<void> {
    await this.guard('append to the timeline of', () => insertEntries(this.database.db, id, [entry]));
  }

  async timeline(id: string): Promise<TimelineEntry[]> {
    const rows = await this.guard('read the timeline of', () =>
      this.database.db
        .selectFrom('incident_timeline')
        .selectAll()
        .where('incident_id', '=', id)
        .orderBy('id', 'asc')
        .execute(),
    );
    return rows.map(toEntry);
  }

  async annotate(
    id: string,
    annotation: { cardActivityId?: string; externalRefs?: Record<string, string> },
  ): Promise<void> {
    const refs = annotation.externalRefs ? JSON.stringify(annotation.externalRefs) : undefined;
    // The refs are merged into the stored object in the statement itself, so two notifiers recording
    // their ids at once keep both.
    const merged =
      refs === undefined
        ? undefined
        : this.database.dialect === 'postgres'
          ? sql<string>`(external_refs::jsonb || ${refs}::jsonb)::text`
          : sql<string>`json_patch(external_refs, ${refs})`;
    if (annotation.cardActivityId === undefined && merged === undefined) return;
    await this.guard('annotate', () =>
      this.database.db
        .updateTable('incidents')
        .set({
          ...(annotation.cardActivityId !== undefined ? { card_activity_id: annotation.cardActivityId } : {}),
          ...(merged !== undefined ? { external_refs: merged } : {}),
        })
        .where('id', '=', id)
        .execute(),
    );
  }

  private async guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new StorageError(
        `Cannot ${operation} incidents: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
}

type Writer = Pick<Transaction<StorageSchema>, 'insertInto'>;

async function insertEntries(db: Writer, incidentId: string, entries: TimelineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('incident_timeline')
    .values(
      entries.map((entry) => ({
        incident_id: incidentId,
        at: instant(entry.at),
        kind: entry.kind,
        actor_id: entry.actor?.id ?? null,
        actor_name: entry.actor?.name ?? null,
        text: entry.text,
        data: entry.data ? JSON.stringify(entry.data) : null,
      })),
    )
    .execute();
}

function toNewRow(id: string, number: number, incident: NewIncident) {
  return {
    id,
    number,
    summary: incident.summary,
    severity: incident.severity,
    type: incident.type,
    state: incident.state,
    owner_id: incident.owner.id,
    owner_name: incident.owner.name,
    declared_by_id: incident.declaredBy.id,
    declared_by_name: incident.declaredBy.name,
    conversation_id: incident.conversationId,
    tier: incident.tier,
    tier_index: incident.tierIndex,
    engaged: JSON.stringify(incident.engaged),
    declared_at: instant(incident.declaredAt),
    updated_at: instant(incident.declaredAt),
    response_due_at: instant(incident.responseDueAt),
    responded_at: optionalInstant(incident.respondedAt),
    next_escalation_at: optionalInstant(incident.nextEscalationAt),
    resolved_at: optionalInstant(incident.resolvedAt),
    resolution: incident.resolution ?? null,
    external_refs: JSON.stringify(incident.externalRefs),
    version: 1,
  };
}

function toPatchRow(patch: IncidentPatch): Updateable<IncidentsTable> {
  const row: Updateable<IncidentsTable> = {};
  if (patch.state !== undefined) row.state = patch.state;
  if (patch.severity !== undefined) row.severity = patch.severity;
  if (patch.owner !== undefined) {
    row.owner_id = patch.owner.id;
    row.owner_name = patch.owner.name;
  }
  if (patch.tierIndex !== undefined) row.tier_index = patch.tierIndex;
  if (patch.tier !== undefined) row.tier = patch.tier;
  if (patch.engaged !== undefined) row.engaged = JSON.stringify(patch.engaged);
  if (patch.respondedAt !== undefined) row.responded_at = instant(patch.respondedAt);
  if (patch.responseDueAt !== undefined) row.response_due_at = instant(patch.responseDueAt);
  if (patch.resolution !== undefined) row.resolution = patch.resolution;
  if (patch.nextEscalationAt !== undefined) row.next_escalation_at = optionalInstant(patch.nextEscalationAt);
  if (patch.resolvedAt !== undefined) row.resolved_at = optionalInstant(patch.resolvedAt);
  return row;
}

function instant(value: Date): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError('An incident needs valid dates.');
  }
  return value.toISOString();
}

function optionalInstant(value: Date | null | undefined): string | null {
  return value ? instant(value) : null;
}

function toIncident(row: Selectable<IncidentsTable>): Incident {
  const incident: Incident = {
    id: row.id,
    number: Number(row.number),
    summary: row.summary,
    severity: row.severity,
    type: row.type as IncidentType,
    state: row.state,
    owner: { id: row.owner_id, name: row.owner_name },
    declaredBy: { id: row.declared_by_id, name: row.declared_by_name },
    conversationId: row.conversation_id,
    tierIndex: Number(row.tier_index),
    tier: row.tier,
    engaged: JSON.parse(row.engaged) as EngagedPerson[],
    declaredAt: new Date(row.declared_at),
    updatedAt: new Date(row.updated_at),
    responseDueAt: new Date(row.response_due_at),
    externalRefs: JSON.parse(row.external_refs) as Record<string, string>,
    version: Number(row.version),
  };
  if (row.card_activity_id !== null) incident.cardActivityId = row.card_activity_id;
  if (row.responded_at !== null) incident.respondedAt = new Date(row.responded_at);
  if (row.next_escalation_at !== null) incident.nextEscalationAt = new Date(row.next_escalation_at);
  if (row.resolved_at !== null) incident.resolvedAt = new Date(row.resolved_at);
  if (row.resolution !== null) incident.resolution = row.resolution;
  return incident;
}

function toEntry(row: Selectable<IncidentTimelineTable>): TimelineEntry {
  const entry: TimelineEntry = { at: new Date(row.at), kind: row.kind as TimelineKind, text: row.text };
  if (row.actor_id !== null) entry.actor = { id: row.actor_id, name: row.actor_name ?? row.actor_id };
  if (row.data !== null) entry.data = JSON.parse(row.data) as Record<string, unknown>;
  return entry;
}
