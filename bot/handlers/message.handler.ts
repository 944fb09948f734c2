import { randomUUID } from 'node:crypto';
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { Logger } from '../../core/logger';
import type { KnowledgeBase } from '../../core/knowledge/knowledge-base';
import type { AuditLog, Clock, ScenarioControl } from '../../core/ports';
import type { ConversationDialog } from '../../dialogs/conversation.dialog';
import type { SkillResult } from '../../skills/results';
import type { AdaptiveCard } from '../cards/adaptive-card';
import type { RenderOptions } from '../cards/render-result';
import type { ChangeCards } from '../change-cards';
import { callerOf } from './caller';
import { handleKbCommand } from './kb-command.handler';
import { handleAlertsCommand, type AlertsCommandOptions } from './alerts-command.handler';
import { handleSimCommand } from './sim-command.handler';
import { stripMentions } from './strip-mentions';

/** What the message handler needs; built once by `bot/app.ts`. */
export interface MessageHandlerOptions {
  dialog: ConversationDialog;
  config: LandingZoneConfig;
  localMode: boolean;
  scenarios?: ScenarioControl;
  /** The runbook knowledge base, for the `kb reload` meta-command. */
  knowledge?: KnowledgeBase;
  /** The ops channel of alert intake, for `alerts here`; absent when intake is not configured. */
  alertChannel?: AlertsCommandOptions['alertChannel'];
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  render: (result: SkillResult, options?: RenderOptions) => AdaptiveCard;
  /** Records and posts change-request cards; without it they are only sent here. */
  changeCards?: ChangeCards;
  simulated?: boolean;
  /** Told the activity id of each result sent (the incident card is updated in place later). */
  onSent?: (result: SkillResult, activityId: string) => Promise<void>;
}

/**
 * Handles a message activity as one turn. A button of a card posted before buttons were verbs sends
 * its command in `value.opsbot.command` (an Action.Submit), usually without text.
 */
export function createMessageHandler(options: MessageHandlerOptions) {
  const runTurn = createTurnRunner(options);
  return async (context: TurnContext, _state: TurnState): Promise<void> => {
    const activity = context.activity;
    const fromCard = !activity.text?.trim() && typeof commandFromValue(activity) === 'string';
    const text = activity.text?.trim() ? activity.text : (commandFromValue(activity) ?? '');
    await runTurn(context, text, fromCard ? 'card' : 'typed');
  };
}

/**
 * One turn from text to posted cards: strips @mentions, takes the `sim …` and `kb …` meta-commands,
 * hands everything else to the conversation dialog, sends each result as an Adaptive Card and posts
 * change-request cards for their approvers. Messages and `command.run` buttons both come here.
 */
export function createTurnRunner(options: MessageHandlerOptions) {
  const logger = options.logger.child({ component: 'message-handler' });
  return async (
    context: TurnContext,
    rawText: string,
    origin: 'typed' | 'card' | 'confirmation',
  ): Promise<void> => {
    const activity = context.activity;
    const text = stripMentions(rawText);
    const turn = {
      text,
      caller: callerOf(activity, options.config),
      conversationId: activity.conversation.id,
      correlationId: randomUUID(),
    };
    logger.debug(
      { correlationId: turn.correlationId, activityId: activity.id, length: text.length, origin },
      'message',
    );

    const conversationType = activity.conversation?.conversationType ?? 'personal';
    const meta =
      (await handleSimCommand(turn, options)) ??
      (await handleKbCommand(turn, options)) ??
      (await handleAlertsCommand({ ...turn, conversationType }, options));
    const results = meta
      ? [meta]
      : await options.dialog.handleMessage({ ...turn, localMode: options.localMode, origin });

    const cards = options.changeCards;
    if (cards) await cards.remember(context, options.clock.now());
    const personal = conversationType === 'personal';
    const rendered = await Promise.all(
      results.map(async (result) => {
        if (result.view !== 'change-request' || !cards)
          return options.render(result, { simulated: options.simulated ?? false });
        const refreshUserIds = await cards.refreshUserIds(result.change);
        return cards.render(result.change, personal ? turn.caller : undefined, refreshUserIds);
      }),
    );
    const sent = await context.sendActivities(
      rendered.map((card) => ({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] })),
    );
    if (cards) {
      for (const [i, result] of results.entries()) {
        const activityId = sent[i]?.id;
        if (result.view === 'change-request' && activityId) {
          await cards.publish(context, result.change, activityId, turn.caller, result.fresh === true);
        }
      }
    }
    if (options.onSent) {
      for (const [i, result] of results.entries()) {
        const activityId = sent[i]?.id;
        if (activityId) await options.onSent(result, activityId);
      }
    }
  };
}

function commandFromValue(activity: Activity): string | undefined {
  const value = activity.value as { opsbot?: { command?: unknown } } | undefined;
  const command = value?.opsbot?.command;
  return typeof command === 'string' ? command : undefined;
}
