/**
 * Deadlines and retries for every call the Bot Framework connector client makes (replies, updates,
 * proactive posts): one pipeline policy that bounds each attempt and all attempts together, and retries
 * only the statuses Teams asks bots to retry (429, 412, 502, 504) with jittered exponential backoff,
 * honouring `Retry-After`. A timed-out call is not retried: the message may have been posted.
 */

/** The statuses Teams' guidance says a bot should retry. */
export const retriedStatuses: ReadonlySet<number> = new Set([412, 429, 502, 504]);

/** How long outbound calls may take. */
export interface DeliveryPolicyOptions {
  /** One attempt, including getting the bot's own token. */
  attemptTimeoutInMs: number;
  /** All attempts and the waits between them. */
  budgetInMs: number;
  /** Default 3. */
  maxAttempts?: number;
  /** First backoff step; doubled per attempt, a random share of it is waited. Default 250 ms. */
  baseDelayInMs?: number;
  /** Default `Math.random`. */
  random?: () => number;
}

/** An outbound call that did not finish within its deadline. */
export class OutboundDeadlineError extends Error {
  readonly code = 'OUTBOUND_DEADLINE';
  constructor(
    readonly url: string,
    readonly timeoutInMs: number,
  ) {
    super(`The call to ${describeUrl(url)} did not finish within ${timeoutInMs} ms.`);
    this.name = 'OutboundDeadlineError';
  }
}

/** The parts of a core-rest-pipeline request and response the policy touches. */
interface PipelineRequestLike {
  url: string;
  abortSignal?: AbortSignal;
}
interface PipelineResponseLike {
  status: number;
  headers: { get(name: string): string | undefined };
}
type SendRequest = (request: PipelineRequestLike) => Promise<PipelineResponseLike>;

/** A core-rest-pipeline policy, described by shape so that this file imports no SDK. */
export interface DeliveryPolicy {
  name: string;
  sendRequest(request: PipelineRequestLike, next: SendRequest): Promise<PipelineResponseLike>;
}

export const deliveryPolicyName = 'opsbotDeliveryPolicy';

export function createDeliveryPolicy(options: DeliveryPolicyOptions): DeliveryPolicy {
  const maxAttempts = options.maxAttempts ?? 3;
  const baseDelay = options.baseDelayInMs ?? 250;
  const random = options.random ?? Math.random;
  return {
    name: deliveryPolicyName,
    async sendRequest(request, next) {
      const started = performance.now();
      for (let attempt = 1; ; attempt++) {
        const remaining = options.budgetInMs - (performance.now() - started);
        const timeout = Math.min(options.attemptTimeoutInMs, remaining);
        if (timeout <= 0) throw new OutboundDeadlineError(request.url, options.budgetInMs);
        let outcome: { response: PipelineResponseLike } | { error: unknown };
        try {
          outcome = { response: await attemptOnce(request, next, Math.ceil(timeout)) };
        } catch (error) {
          if (error instanceof OutboundDeadlineError) throw error;
          outcome = { error };
        }
        // The deserializer throws for an error status; the status is on the error then.
        const answered = 'response' in outcome ? outcome.response : responseOf(outcome.error);
        const retry = answered !== undefined && retriedStatuses.has(answered.status) && attempt < maxAttempts;
        const delay = retry ? retryDelay(answered, attempt, baseDelay, random) : 0;
        if (!retry || performance.now() - started + delay >= options.budgetInMs) {
          if ('response' in outcome) return outcome.response;
          throw outcome.error;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    },
  };
}

/** The HTTP answer carried by a pipeline error (core-rest-pipeline's `RestError`), if any. */
function responseOf(error: unknown): PipelineResponseLike | undefined {
  const { statusCode, response } = (error ?? {}) as { statusCode?: unknown; response?: PipelineResponseLike };
  if (response && typeof response.status === 'number') return response;
  return typeof statusCode === 'number'
    ? { status: statusCode, headers: { get: () => undefined } }
    : undefined;
}

async function attemptOnce(
  request: PipelineRequestLike,
  next: SendRequest,
  timeoutInMs: number,
): Promise<PipelineResponseLike> {
  const outer = request.abortSignal;
  const controller = new AbortController();
  if (outer?.aborted) controller.abort(outer.reason);
  const forward = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', forward);
  request.abortSignal = controller.signal;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new OutboundDeadlineError(request.url, timeoutInMs));
      controller.abort();
    }, timeoutInMs);
  });
  try {
    return await Promise.race([next(request), timedOut]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', forward);
    request.abortSignal = outer;
  }
}

function retryDelay(
  response: PipelineResponseLike,
  attempt: number,
  baseDelay: number,
  random: () => number,
): number {
  const header = response.headers.get('retry-after');
  const seconds = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
  if (seconds !== undefined) return seconds * 1000;
  return Math.round(random() * baseDelay * 2 ** (attempt - 1));
}

/** Host and path only: conversation ids are fine in a log, tokens never travel in URLs here. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the connector';
  }
}
