import { CardFactory, type Activity } from 'botbuilder';
import type { DeliveryKey, DeliveryLedger, RecordedResponse } from '../../core/deliveries/delivery-ledger';
import type { Logger } from '../../core/logger';
import type { Clock } from '../../core/ports';
import { messageCard } from '../cards/message.card';

/** What the guard needs; built once by the composition root. */
export interface RedeliveryGuardOptions {
  ledger: DeliveryLedger;
  clock: Clock;
  logger: Logger;
  /** How long a redelivered invoke waits for the first delivery's answer before saying it is under way. */
  invokeWaitInMs: number;
  /** How often it looks while waiting. Default 100 ms. */
  pollInMs?: number;
}

/**
 * Each delivery of an activity is handled once. The first delivery (by conversation and activity id)
 * runs its turn; a redelivered message is answered 200 with no turn; a redelivered invoke is answered
 * with the answer the first delivery gave (waiting for it a little if it is still under way), or with
 * a card saying the press is already being handled. Activities without an id cannot be recognised and
 * always run.
 */
export class RedeliveryGuard {
  private readonly logger: Logger;

  constructor(private readonly options: RedeliveryGuardOptions) {
    this.logger = options.logger.child({ component: 'redelivery' });
  }

  async runOnce(
    activity: Activity,
    turn: () => Promise<RecordedResponse | undefined>,
  ): Promise<RecordedResponse | undefined> {
    const key = keyOf(activity);
    if (!key) return turn();
    const { ledger, clock } = this.options;
    let claim = await ledger.claim(key, clock.now());
    if (claim.kind === 'in-progress' && activity.type === 'invoke') claim = await this.waitForAnswer(key);
    if (claim.kind === 'first') {
      let answer: RecordedResponse | undefined;
      try {
        answer = await turn();
      } catch (error) {
        await ledger.release(key).catch(() => undefined);
        throw error;
      }
      const recorded = answer && {
        status: answer.status,
        ...(answer.body === undefined ? {} : { body: answer.body }),
      };
      await ledger
        .complete(key, clock.now(), recorded)
        .catch((error: unknown) =>
          this.logger.warn({ err: error, ...key }, 'could not record a handled delivery'),
        );
      return answer;
    }
    this.logger.info(
      { ...key, type: activity.type, state: claim.kind },
      'redelivered activity: no second turn',
    );
    if (activity.type !== 'invoke') return undefined;
    if (claim.kind === 'handled' && claim.response) return claim.response;
    return alreadyHandled(claim.kind === 'handled');
  }

  private async waitForAnswer(key: DeliveryKey) {
    const until = performance.now() + this.options.invokeWaitInMs;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, this.options.pollInMs ?? 100));
      const claim = await this.options.ledger.claim(key, this.options.clock.now());
      if (claim.kind !== 'in-progress' || performance.now() >= until) return claim;
    }
  }
}

function keyOf(activity: Activity): DeliveryKey | undefined {
  const activityId = activity.id;
  const conversationId = activity.conversation?.id;
  return activityId && conversationId ? { conversationId, activityId } : undefined;
}

/** The invoke answer for a press that was handled (or is being handled) by an earlier delivery. */
function alreadyHandled(done: boolean): RecordedResponse {
  const card = messageCard({
    view: 'message',
    tone: 'info',
    title: done ? 'Already handled' : 'Already being handled',
    text: done
      ? 'This button press reached opsbot twice; it was handled the first time and nothing more was done.'
      : 'This button press reached opsbot twice; the first one is still being handled, and the card updates when it is done.',
  });
  return {
    status: 200,
    body: { statusCode: 200, type: CardFactory.contentTypes.adaptiveCard, value: card },
  };
}
