import type { Clock, KeyValueStore } from '../core/ports';

/** Whose interaction it is: one person in one conversation (a group chat has many). */
export interface InteractionOwner {
  conversationId: string;
  /** Entra object id of the person. */
  aadObjectId: string;
}

/**
 * What a person can be in the middle of between two messages. Only a clarify question waits on the
 * next message; a proposal and an incident declaration wait on their cards' buttons, as rows of the
 * change and incident stores, and are not read from text.
 */
export const interactionKinds = ['clarify'] as const;
export type InteractionKind = (typeof interactionKinds)[number];

/** A stored interaction: its own fields plus when it began. */
export type InteractionState = Record<string, unknown> & { askedAt: string };

/** Options of the registry; built once by the composition root. */
export interface PendingInteractionsOptions {
  store: KeyValueStore;
  clock: Clock;
  /** How long each kind is remembered; 30 minutes when absent. */
  ttlInMs?: Partial<Record<InteractionKind, number>>;
}

/**
 * The registry of pending interactions, keyed by kind and person (`<kind>/<conversationId>/<aadObjectId>`
 * in the key/value store, so a restart or another instance loses nothing). A message consults it once:
 * every kind is read in one go, an expired one is dropped.
 */
export class PendingInteractions {
  constructor(private readonly options: PendingInteractionsOptions) {}

  /** The interaction the person is in the middle of, if any. */
  async find(
    owner: InteractionOwner,
  ): Promise<{ kind: InteractionKind; state: InteractionState } | undefined> {
    const keys = interactionKinds.map((kind) => this.key(kind, owner));
    const items = await this.options.store.read(keys);
    for (const kind of interactionKinds) {
      const item = items[this.key(kind, owner)];
      if (!item) continue;
      const state = item.value as InteractionState;
      const age = this.options.clock.now().getTime() - new Date(state.askedAt).getTime();
      if (age > (this.options.ttlInMs?.[kind] ?? 30 * 60_000)) {
        await this.clear(kind, owner);
        continue;
      }
      return { kind, state };
    }
    return undefined;
  }

  put(kind: InteractionKind, owner: InteractionOwner, state: InteractionState): Promise<void> {
    return this.options.store.write({ [this.key(kind, owner)]: { value: state } });
  }

  clear(kind: InteractionKind, owner: InteractionOwner): Promise<void> {
    return this.options.store.delete([this.key(kind, owner)]);
  }

  private key(kind: InteractionKind, owner: InteractionOwner): string {
    return `${kind}/${owner.conversationId}/${owner.aadObjectId}`;
  }
}
