import { randomUUID } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../../core/logger';
import type { AuditLog, Clock } from '../../core/ports';

/** A reply, update or proactive post that did not reach the connector; already logged and audited. */
export class UndeliveredError extends Error {
  constructor(
    readonly what: 'reply' | 'update',
    cause: unknown,
  ) {
    super(`The ${what} could not be delivered: ${reasonOf(cause)}`, { cause });
    this.name = 'UndeliveredError';
  }
}

/** What the middleware needs. */
export interface UndeliveredAuditOptions {
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}

/**
 * Watches every send and update of a turn (proactive turns included): one that fails is logged once
 * and audited as undelivered, then rethrown as an `UndeliveredError`, so that the turn's error handler
 * does not try to send an apology down the same broken path.
 */
export function undeliveredAudit(options: UndeliveredAuditOptions): Middleware {
  const logger = options.logger.child({ component: 'delivery' });
  const record = async (context: TurnContext, what: 'reply' | 'update', count: number, error: unknown) => {
    const activity = context.activity;
    const reason = reasonOf(error);
    logger.warn(
      { activityId: activity.id, conversationId: activity.conversation?.id, what, reason },
      'undelivered',
    );
    await options.audit
      .append({
        at: options.clock.now(),
        correlationId: activity.id ?? randomUUID(),
        actorId: activity.from?.aadObjectId || 'system',
        conversationId: activity.conversation?.id ?? 'unknown',
        skill: 'none',
        args: { what, activities: count },
        decision: 'delivery',
        outcome: 'undelivered',
        detail: reason,
      })
      .catch((auditError: unknown) =>
        logger.error({ err: auditError }, 'could not audit an undelivered reply'),
      );
  };
  return {
    onTurn: async (context, next) => {
      context.onSendActivities(async (ctx, activities, send) => {
        try {
          return await send();
        } catch (error) {
          if (error instanceof UndeliveredError) throw error;
          await record(ctx, 'reply', activities.length, error);
          throw new UndeliveredError('reply', error);
        }
      });
      context.onUpdateActivity(async (ctx, _activity, update) => {
        try {
          await update();
        } catch (error) {
          if (error instanceof UndeliveredError) throw error;
          await record(ctx, 'update', 1, error);
          throw new UndeliveredError('update', error);
        }
      });
      await next();
    },
  };
}

function reasonOf(error: unknown): string {
  const { name, message, statusCode } = (error ?? {}) as {
    name?: unknown;
    message?: unknown;
    statusCode?: unknown;
  };
  const status = typeof statusCode === 'number' ? ` (HTTP ${statusCode})` : '';
  return `${typeof name === 'string' ? name : 'Error'}: ${String(message ?? error).slice(0, 300)}${status}`;
}
