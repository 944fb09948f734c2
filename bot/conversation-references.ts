import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { KeyValueStore } from '../core/ports';

const keyPrefix = 'opsbot/conversation-reference/';

/**
 * The conversation reference of every conversation the bot has heard from, kept in the state store
 * so that any instance, after any restart, can post in it (escalations, card updates). Written only
 * when it changes; one read per conversation and process otherwise.
 */
export class ConversationReferences {
  private readonly cache = new Map<string, string>();

  constructor(private readonly store: KeyValueStore) {}

  /** Keeps the reference of the activity's conversation. */
  async remember(activity: Activity): Promise<void> {
    if (!activity.conversation?.id || !activity.serviceUrl) return;
    const reference = TurnContext.getConversationReference(activity);
    delete reference.activityId;
    const json = JSON.stringify(reference);
    if (this.cache.get(reference.conversation!.id) === json) return;
    await this.store.write({
      [keyPrefix + reference.conversation!.id]: { value: reference as Record<string, unknown> },
    });
    this.cache.set(reference.conversation!.id, json);
  }

  async get(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    const cached = this.cache.get(conversationId);
    if (cached) return JSON.parse(cached) as Partial<ConversationReference>;
    const stored = (await this.store.read([keyPrefix + conversationId]))[keyPrefix + conversationId];
    if (!stored) return undefined;
    this.cache.set(conversationId, JSON.stringify(stored.value));
    return stored.value as Partial<ConversationReference>;
  }
}
