// Deep imports: the package index also loads the AI, planner and tokenizer stack, which opsbot does not
// use here, and which costs about a second at start-up.
import { Application } from '@microsoft/teams-ai/lib/Application';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { Storage } from 'botbuilder';
import type { Logger } from '../core/logger';
import { createCardActionHandler, type CardActionHandlerOptions } from './handlers/card-action.handler';
import {
  createConversationUpdateHandler,
  type ConversationUpdateHandlerOptions,
} from './handlers/conversation-update.handler';
import {
  createMessageHandler,
  createTurnRunner,
  type MessageHandlerOptions,
} from './handlers/message.handler';

/** What the teams-ai application is built from. */
export interface OpsbotAppOptions {
  storage: Storage;
  message: MessageHandlerOptions;
  welcome: ConversationUpdateHandlerOptions['welcome'];
  /** Card buttons (Universal Actions); without it, `adaptiveCard/action` invokes go unanswered. */
  cardActions?: CardActionHandlerOptions;
  logger: Logger;
}

/**
 * The teams-ai `Application`: conversation and user state in the SQL store, messages to the
 * conversation dialog, a welcome on install, every other activity type left unanswered.
 */
export function createOpsbotApp(options: OpsbotAppOptions): Application<TurnState> {
  const app = new Application<TurnState>({
    storage: options.storage,
    removeRecipientMention: false,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.activity('message', createMessageHandler(options.message));
  // Every verb goes to one handler, which refuses the verbs it does not know with a sentence.
  if (options.cardActions) {
    const runTurn = createTurnRunner(options.message);
    app.adaptiveCards.actionExecute(
      /.*/,
      createCardActionHandler({
        ...options.cardActions,
        runCommand: (context, command, confirmed) =>
          runTurn(context, command, confirmed ? 'confirmation' : 'card'),
      }),
    );
  }
  app.conversationUpdate(
    'membersAdded',
    createConversationUpdateHandler({
      welcome: options.welcome,
      clock: options.message.clock,
      logger: options.logger,
    }),
  );
  return app;
}
