import type { ConversationDirectory, KnownConversation } from '../../core/ports';
import type { Database } from './database';
import { prepareStatement } from './prepared-statement';

/** Conversation references in `conversation_references`, one row per key, the newest reference winning. */
export class SqlConversationDirectory implements ConversationDirectory {
  // Every message's reference is remembered (its activity id changes): the upsert is built once.
  private readonly upsert;

  constructor(private readonly database: Database) {
    this.upsert = prepareStatement(
      database.db,
      ['key', 'aad_object_id', 'conversation_type', 'reference', 'updated_at'],
      (db, row) =>
        db
          .insertInto('conversation_references')
          .values(row)
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({
              aad_object_id: row.aad_object_id,
              conversation_type: row.conversation_type,
              reference: row.reference,
              updated_at: row.updated_at,
            }),
          ),
    );
  }

  async remember(conversation: KnownConversation, now: Date): Promise<void> {
    await this.upsert.run({
      key: conversation.key,
      aad_object_id: conversation.aadObjectId?.toLowerCase() ?? null,
      conversation_type: conversation.conversationType,
      reference: JSON.stringify(conversation.reference),
      updated_at: now.toISOString(),
    });
  }

  async get(key: string): Promise<KnownConversation | undefined> {
    const row = await this.database.db
      .selectFrom('conversation_references')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? toConversation(row) : undefined;
  }

  async personalChats(aadObjectIds: string[]): Promise<KnownConversation[]> {
    if (!aadObjectIds.length) return [];
    const rows = await this.database.db
      .selectFrom('conversation_references')
      .selectAll()
      .where(
        'key',
        'in',
        aadObjectIds.map((id) => `personal:${id.toLowerCase()}`),
      )
      .execute();
    return rows.map(toConversation);
  }
}

function toConversation(row: {
  key: string;
  aad_object_id: string | null;
  conversation_type: string;
  reference: string;
}): KnownConversation {
  return {
    key: row.key,
    ...(row.aad_object_id ? { aadObjectId: row.aad_object_id } : {}),
    conversationType: row.conversation_type,
    reference: JSON.parse(row.reference) as Record<string, unknown>,
  };
}
