import { CardFactory, type CloudAdapter, type ConversationReference, type Entity } from 'botbuilder';
import type { Logger } from '../core/logger';
import type { ConversationDirectory } from '../core/ports';
import type { ChatPost, IncidentChat } from '../skills/incident/incident-chat';
import type { SkillResult } from '../skills/results';
import type { AdaptiveCard } from './cards/adaptive-card';

/** What the proactive chat needs from the composition root. */
export interface ProactiveIncidentChatOptions {
  adapter: CloudAdapter;
  /** The bot's app id; empty in local mode. */
  appId: string;
  /** Where the bot keeps the conversations it has heard from. */
  directory: ConversationDirectory;
  render: (result: SkillResult) => AdaptiveCard;
  logger: Logger;
}

/**
 * Posts and updates incident messages outside a turn: continues the stored conversation with the
 * adapter, sends (or replaces) the activity, and @mentions people by their Entra object id.
 */
export class ProactiveIncidentChat implements IncidentChat {
  private readonly logger: Logger;

  constructor(private readonly options: ProactiveIncidentChatOptions) {
    this.logger = options.logger.child({ component: 'proactive' });
  }

  async post(conversationId: string, post: ChatPost): Promise<string | undefined> {
    const reference = await this.referenceOf(conversationId);
    if (!reference) {
      this.logger.warn({ conversationId }, 'no conversation reference; the post is dropped');
      return undefined;
    }
    const entities: Entity[] = (post.mentions ?? []).map((person) => ({
      type: 'mention',
      text: `<at>${person.name}</at>`,
      mentioned: { id: person.id, name: person.name },
    }));
    let id: string | undefined;
    await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
      const response = await context.sendActivity({
        type: 'message',
        text: post.text,
        ...(entities.length ? { entities } : {}),
        ...(post.result ? { attachments: [CardFactory.adaptiveCard(this.options.render(post.result))] } : {}),
      });
      id = response?.id;
    });
    return id;
  }

  async update(conversationId: string, activityId: string, result: SkillResult): Promise<boolean> {
    const reference = await this.referenceOf(conversationId);
    if (!reference) return false;
    await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
      await context.updateActivity({
        type: 'message',
        id: activityId,
        conversation: context.activity.conversation,
        attachments: [CardFactory.adaptiveCard(this.options.render(result))],
      });
    });
    return true;
  }

  private async referenceOf(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    const known = await this.options.directory.get(`conversation:${conversationId}`);
    return known?.reference as Partial<ConversationReference> | undefined;
  }
}
