import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { Logger } from '../../core/logger';
import type { AuditLog, Clock } from '../../core/ports';
import { execute, type ExecuteDeps } from '../../skills/execute';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { commandVerb, confirmVerb } from '../cards/card-kit';
import { messageCard } from '../cards/message.card';
import type { ChangeCards } from '../change-cards';
import { callerOf } from './caller';

/** What the card-action handler needs; built once by the composition root. */
export interface CardActionHandlerOptions {
  config: LandingZoneConfig;
  execute: ExecuteDeps;
  cards: ChangeCards;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Runs started by a press; the server waits for them when it stops. */
  inFlight: Set<Promise<unknown>>;
  /**
   * Runs a button's command as a turn of its own, posting its results as new messages: `confirmed`
   * for the confirming button of a preview (`command.confirm`), a card suggestion otherwise.
   */
  runCommand?: (context: TurnContext, command: string, confirmed: boolean) => Promise<void>;
}

/** Longest command a `command.run` button may carry; the strict commands are short. */
const maxCommandLength = 500;

/**
 * Handles `adaptiveCard/action` invokes (Universal Actions). The verb picks what to do; the card's
 * data is read for the change id and version only; the actor is the invoke's `from.aadObjectId`.
 * The invoke is answered with the change's card as the presser should now see it; the other copies
 * are updated by `execute()` through the change cards. A `proposal.refresh` changes nothing.
 */
export function createCardActionHandler(options: CardActionHandlerOptions) {
  const logger = options.logger.child({ component: 'card-action' });
  return async (context: TurnContext, _state: TurnState, data: unknown): Promise<string> => {
    const activity = context.activity;
    const value = activity.value as { action?: { verb?: unknown } } | undefined;
    const verb = typeof value?.action?.verb === 'string' ? value.action.verb : '';
    const fields = (data && typeof data === 'object' ? data : {}) as {
      changeId?: unknown;
      version?: unknown;
    };
    const actor = callerOf(activity, options.config);
    const correlationId = randomUUID();
    await options.cards.remember(context, options.clock.now());
    logger.debug({ correlationId, verb, activityId: activity.id }, 'card action');

    if ((verb === commandVerb || verb === confirmVerb) && options.runCommand) {
      const command = (fields as { opsbot?: { command?: unknown } }).opsbot?.command;
      const valid =
        typeof command === 'string' && command.trim().length > 0 && command.length <= maxCommandLength;
      if (valid) await options.runCommand(context, command, verb === confirmVerb);
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: {
            statusCode: 200,
            type: 'application/vnd.microsoft.activity.message',
            value: valid
              ? 'Done: see the answer below.'
              : 'That button carries no command I can run; nothing was done.',
          },
        },
      });
      return '';
    }

    let card: AdaptiveCard;
    if (verb === 'proposal.refresh') {
      const change =
        typeof fields.changeId === 'string' ? await options.execute.changes.get(fields.changeId) : undefined;
      card = change
        ? options.cards.render(change, actor, await options.cards.refreshUserIds(change))
        : messageCard({ view: 'message', tone: 'warning', text: 'There is no such change request.' });
    } else {
      const result = await execute(
        {
          verb,
          changeId: fields.changeId,
          version: fields.version,
          actor,
          conversationId: activity.conversation.id,
          correlationId,
        },
        options.execute,
      );
      if (result.running) {
        const done = result.running.done.catch((error: unknown) =>
          logger.error({ err: error }, 'change run failed'),
        );
        options.inFlight.add(done);
        void done.finally(() => options.inFlight.delete(done));
        await options.execute.onChanged?.(result.change!);
      }
      card = result.change
        ? options.cards.render(
            result.change,
            actor,
            await options.cards.refreshUserIds(result.change),
            result.notice,
          )
        : messageCard({
            view: 'message',
            tone: 'warning',
            title: 'Nothing was done',
            text: result.notice?.text ?? 'Nothing was done.',
          });
    }
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: {
        status: 200,
        body: { statusCode: 200, type: CardFactory.contentTypes.adaptiveCard, value: card },
      },
    });
    return '';
  };
}
