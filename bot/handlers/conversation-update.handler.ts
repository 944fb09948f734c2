import { CardFactory, type TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { Logger } from '../../core/logger';
import type { Clock } from '../../core/ports';
import type { AdaptiveCard } from '../cards/adaptive-card';

/** What the install handler needs; built once by `bot/app.ts`. */
export interface ConversationUpdateHandlerOptions {
  /** The welcome card for this conversation. */
  welcome: () => AdaptiveCard;
  clock: Clock;
  logger: Logger;
}

/** Conversation state the bot keeps itself (the rest belongs to dialogs). */
export interface WelcomeState {
  welcomedAt?: string;
}

/**
 * Handles `membersAdded` (the bot installed in a chat, team or personal scope, or people joining):
 * sends the welcome card once per conversation and remembers that it did, in the SQL state store.
 */
export function createConversationUpdateHandler(options: ConversationUpdateHandlerOptions) {
  const logger = options.logger.child({ component: 'install-handler' });
  return async (context: TurnContext, state: TurnState): Promise<void> => {
    const conversation = state.conversation as WelcomeState;
    if (conversation.welcomedAt) return;
    await context.sendActivity({
      type: 'message',
      attachments: [CardFactory.adaptiveCard(options.welcome())],
    });
    conversation.welcomedAt = options.clock.now().toISOString();
    logger.info({ conversationId: context.activity.conversation.id }, 'welcomed');
  };
}
