import {
  CardFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../core/logger';
import type { AuditLog, Clock } from '../core/ports';
import { messageCard } from './cards/message.card';
import { createDeliveryPolicy } from './edge/connector-delivery.policy';
import { channelSettingsWith, OpsbotAuthentication } from './edge/opsbot-authentication';
import { installSigningKeyCache } from './edge/signing-key-cache';
import { UndeliveredError, undeliveredAudit } from './edge/undelivered-audit.middleware';
import { OpsbotCloudAdapter } from './opsbot-adapter';
import type { BotConfig } from './config';

/**
 * The Bot Framework adapter with opsbot's edge (issue 12): bounded signing-key fetches, deadlines
 * on every connector call, undelivered replies audited, and a failed turn answered with a short
 * card that carries its reference instead of the error.
 */
export function buildAdapter(
  config: BotConfig,
  logger: Logger,
  audit: AuditLog,
  clock: Clock,
): OpsbotCloudAdapter {
  const credentials = config.credentials;
  const settings: ConfigurationBotFrameworkAuthenticationOptions = credentials
    ? {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppPassword: credentials.appPassword,
        MicrosoftAppType: credentials.appType,
        MicrosoftAppTenantId: credentials.tenantId,
        ...(config.openIdMetadataUrl ? channelSettingsWith(config.openIdMetadataUrl) : {}),
      }
    : {};
  // The edge (issue 12): bounded signing-key fetches, deadlines on every connector call, undelivered replies audited.
  const authentication = new OpsbotAuthentication({
    settings,
    deliveryPolicy: createDeliveryPolicy({
      attemptTimeoutInMs: config.outboundTimeoutMs,
      budgetInMs: 2 * config.outboundTimeoutMs,
    }),
    ...(config.localMode
      ? {}
      : { precheck: installSigningKeyCache({ clock, logger: logger.child({ component: 'auth' }) }) }),
  });
  const adapter = new OpsbotCloudAdapter(authentication);
  adapter.use(undeliveredAudit({ audit, clock, logger }));
  const turnLogger = logger.child({ component: 'turn' });
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    const reference = context.activity.id ?? 'unknown';
    if (error instanceof UndeliveredError) {
      turnLogger.warn(
        { activityId: reference, reason: error.message },
        'turn ended: its reply was not delivered',
      );
      return;
    }
    turnLogger.error(
      { err: error, activityId: reference, conversationId: context.activity.conversation?.id },
      'turn failed',
    );
    if (context.activity.type !== 'message') return;
    try {
      await context.sendActivity({
        type: 'message',
        attachments: [
          CardFactory.adaptiveCard(
            messageCard({
              view: 'message',
              tone: 'error',
              title: 'Something went wrong',
              text: `I could not finish that request. Reference: ${reference.slice(0, 8)} (the log has the details).`,
            }),
          ),
        ],
      });
    } catch (sendError) {
      turnLogger.warn({ err: sendError }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}
