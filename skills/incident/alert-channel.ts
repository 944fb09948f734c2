import type { KeyValueStore } from '../../core/ports';

/** Where the ops channel choice is kept in the key/value store. */
const settingKey = 'opsbot-settings/alert-channel';

/** The conversation alert cards go to, and who chose it. */
export interface AlertChannelChoice {
  conversationId: string;
  chosenBy: string;
  chosenAt: string;
}

/**
 * The ops channel of alert intake: chosen in chat by an operator (`alerts here`) and kept in the
 * store, so every instance and every restart posts alerts to the same conversation; the configured
 * `ALERTS_CONVERSATION_ID` answers until someone chooses.
 */
export class AlertChannel {
  constructor(
    private readonly store: KeyValueStore,
    private readonly configured?: string,
  ) {}

  /** The conversation alert cards go to now, if any. */
  async current(): Promise<string | undefined> {
    return (await this.choice())?.conversationId ?? this.configured;
  }

  /** The operator's choice, if one was made in chat. */
  async choice(): Promise<AlertChannelChoice | undefined> {
    const item = (await this.store.read([settingKey]))[settingKey];
    const value = item?.value as Partial<AlertChannelChoice> | undefined;
    return typeof value?.conversationId === 'string' &&
      typeof value.chosenBy === 'string' &&
      typeof value.chosenAt === 'string'
      ? { conversationId: value.conversationId, chosenBy: value.chosenBy, chosenAt: value.chosenAt }
      : undefined;
  }

  /** Makes `conversationId` the ops channel. */
  async choose(choice: AlertChannelChoice): Promise<void> {
    await this.store.write({ [settingKey]: { value: { ...choice } } });
  }
}
