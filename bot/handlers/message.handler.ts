import { randomUUID } from 'node:crypto';
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { Logger } from '../../core/logger';
import { lookUpPerson } from '../../core/policy/roster';
import type { AuditLog, Clock, ScenarioControl } from '../../core/ports';
import type { ConversationDialog } from '../../dialogs/conversation.dialog';
import type { SkillResult } from '../../skills/results';
import type { Caller } from '../../skills/skill';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { handleSimCommand } from './sim-command.handler';
import { stripMentions } from './strip-mentions';

/** What the message handler needs; built once by `bot/app.ts`. */
export interface MessageHandlerOptions {
  dialog: ConversationDialog;
  config: LandingZoneConfig;
  localMode: boolean;
  scenarios?: ScenarioControl;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  render: (result: SkillResult) => AdaptiveCard;
  /** Told the activity id of each result sent, with the activity it answers (the incident card is updated in place later). */
  onSent?: (result: SkillResult, activityId: string, answered: Activity) => Promise<void>;
}

/**
 * Handles a message activity: strips @mentions, takes the local-only `sim …` meta-command, hands
 * everything else to the conversation dialog and sends each result as an Adaptive Card. A card
 * button's command arrives in `value.opsbot.command` (a plain Action.Submit), usually without text.
 */
export function createMessageHandler(options: MessageHandlerOptions) {
  const logger = options.logger.child({ component: 'message-handler' });
  return async (context: TurnContext, _state: TurnState): Promise<void> => {
    const activity = context.activity;
    const fromCard = !activity.text?.trim() && typeof commandFromValue(activity) === 'string';
    const text = stripMentions(activity.text?.trim() ? activity.text : (commandFromValue(activity) ?? ''));
    const turn = {
      text,
      caller: callerOf(activity, options.config),
      conversationId: activity.conversation.id,
      correlationId: randomUUID(),
    };
    logger.debug(
      { correlationId: turn.correlationId, activityId: activity.id, length: text.length },
      'message',
    );

    const sim = await handleSimCommand(turn, options);
    const results = sim
      ? [sim]
      : await options.dialog.handleMessage({
          ...turn,
          localMode: options.localMode,
          origin: fromCard ? 'card' : 'typed',
        });

    const sent = await context.sendActivities(
      results.map((result) => ({
        type: 'message',
        attachments: [CardFactory.adaptiveCard(options.render(result))],
      })),
    );
    if (options.onSent) {
      for (const [i, result] of results.entries()) {
        const id = sent[i]?.id;
        if (id) await options.onSent(result, id, activity);
      }
    }
  };
}

function commandFromValue(activity: Activity): string | undefined {
  const value = activity.value as { opsbot?: { command?: unknown } } | undefined;
  const command = value?.opsbot?.command;
  return typeof command === 'string' ? command : undefined;
}

/** The caller's identity comes from the activity's `from`, never from card data. */
function callerOf(activity: Activity, config: LandingZoneConfig): Caller {
  const from = activity.from;
  const person = lookUpPerson(config, from.aadObjectId, from.name || 'Someone');
  return {
    aadObjectId: from.aadObjectId ?? `channel-user:${from.id}`,
    name: person.name,
    roles: person.roles,
  };
}
