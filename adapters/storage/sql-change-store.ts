import type { Selectable } from 'kysely';
import {
  formatChangeId,
  parseChangeId,
  type ChangeCardCopy,
  type ChangePatch,
  type ChangeQuery,
  type ChangeRequest,
  type ChangeStore,
  type NewChangeRequest,
} from '../../core/changes/change-request';
import { StorageError } from '../../core/errors';
import { isDuplicateKey, type Database } from './database';
import type { ChangeRequestsTable } from './storage-schema';

/** How often `create` retries when another instance took the same number at the same moment. */
const numberAttempts = 64;

/**
 * Change requests in the `change_requests` table, shared by every bot instance. Numbers are
 * `max + 1` under the primary key: two instances creating at once collide on the key and the loser
 * takes the next number. `update` is one conditional statement (`where version = expected`), so of
 * two callers holding the same version exactly one changes the row.
 */
export class SqlChangeStore implements ChangeStore {
  constructor(private readonly database: Database) {}

  async create(change: NewChangeRequest, now: Date): Promise<ChangeRequest> {
    const db = this.database.db;
    for (let attempt = 1; ; attempt++) {
      const top = await db
        .selectFrom('change_requests')
        .select((eb) => eb.fn.max('number').as('top'))
        .executeTakeFirst();
      const number = Number(top?.top ?? 0) + 1;
      const stored: ChangeRequest = {
        ...change,
        id: formatChangeId(number),
        version: 1,
        updatedAt: now,
      };
      try {
        await db
          .insertInto('change_requests')
          .values({
            number,
            state: stored.state,
            version: 1,
            requester_id: stored.requester.aadObjectId,
            conversation_id: stored.conversationId,
            body: JSON.stringify(stored),
            created_at: stored.createdAt.toISOString(),
            updated_at: now.toISOString(),
          })
          .execute();
        return stored;
      } catch (error) {
        if (attempt < numberAttempts && isDuplicateKey(error)) continue;
        throw new StorageError(`The change request could not be stored: ${describe(error)}`, {
          cause: error,
        });
      }
    }
  }

  async get(id: string): Promise<ChangeRequest | undefined> {
    const number = parseChangeId(id);
    if (number === undefined) return undefined;
    const row = await this.database.db
      .selectFrom('change_requests')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? toChange(row) : undefined;
  }

  async list(query: ChangeQuery = {}): Promise<ChangeRequest[]> {
    let select = this.database.db.selectFrom('change_requests').selectAll();
    if (query.states?.length) select = select.where('state', 'in', query.states);
    if (query.requesterId) select = select.where('requester_id', '=', query.requesterId);
    const rows = await select
      .orderBy('number', 'desc')
      .limit(query.limit ?? 50)
      .execute();
    return rows.map(toChange);
  }

  async update(
    id: string,
    expectedVersion: number,
    patch: ChangePatch,
    now: Date,
  ): Promise<ChangeRequest | undefined> {
    const current = await this.get(id);
    if (!current || current.version !== expectedVersion) return undefined;
    const next: ChangeRequest = { ...current, ...patch, version: expectedVersion + 1, updatedAt: now };
    const result = await this.database.db
      .updateTable('change_requests')
      .set({
        state: next.state,
        version: next.version,
        body: JSON.stringify(next),
        updated_at: now.toISOString(),
      })
      .where('number', '=', parseChangeId(id)!)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n ? next : undefined;
  }

  async addCardCopy(copy: ChangeCardCopy): Promise<void> {
    const number = parseChangeId(copy.changeId);
    if (number === undefined) throw new TypeError(`"${copy.changeId}" is not a change id.`);
    await this.database.db
      .insertInto('change_card_copies')
      .values({
        change_number: number,
        conversation_id: copy.conversationId,
        activity_id: copy.activityId,
        viewer_id: copy.viewerId ?? null,
        reference: JSON.stringify(copy.reference),
      })
      .onConflict((oc) => oc.columns(['change_number', 'conversation_id', 'activity_id']).doNothing())
      .execute();
  }

  async listCardCopies(changeId: string): Promise<ChangeCardCopy[]> {
    const number = parseChangeId(changeId);
    if (number === undefined) return [];
    const rows = await this.database.db
      .selectFrom('change_card_copies')
      .selectAll()
      .where('change_number', '=', number)
      .execute();
    return rows.map((row) => ({
      changeId: formatChangeId(Number(row.change_number)),
      conversationId: row.conversation_id,
      activityId: row.activity_id,
      ...(row.viewer_id ? { viewerId: row.viewer_id } : {}),
      reference: JSON.parse(row.reference) as Record<string, unknown>,
    }));
  }
}

const instantFields = ['createdAt', 'expiresAt', 'runAt', 'updatedAt'] as const;

/** The stored document with its dates revived; the columns win where they are the source of truth. */
function toChange(row: Selectable<ChangeRequestsTable>): ChangeRequest {
  let body: ChangeRequest;
  try {
    body = JSON.parse(row.body) as ChangeRequest;
  } catch (error) {
    throw new StorageError(`The change request ${formatChangeId(Number(row.number))} is not valid JSON.`, {
      cause: error,
    });
  }
  for (const field of instantFields) {
    const value = body[field] as unknown;
    if (typeof value === 'string') (body as unknown as Record<string, unknown>)[field] = new Date(value);
  }
  for (const approval of body.approvals) approval.at = new Date(approval.at);
  if (body.closure) body.closure.at = new Date(body.closure.at);
  if (body.outcome?.finishedAt) body.outcome.finishedAt = new Date(body.outcome.finishedAt);
  if (body.decision.notBefore) body.decision.notBefore = new Date(body.decision.notBefore);
  if (body.decision.windowEnd) body.decision.windowEnd = new Date(body.decision.windowEnd);
  return { ...body, state: row.state as ChangeRequest['state'], version: Number(row.version) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
