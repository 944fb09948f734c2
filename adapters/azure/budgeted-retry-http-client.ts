import type { HttpClient, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';

/** How the Azure adapter retries throttled and failing calls without breaking a chat turn. */
export interface RetryBudgetOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff for 5xx and network errors; doubles each retry. */
  baseDelayInMs: number;
  /** Largest single backoff. */
  maxDelayInMs: number;
  /** Total time one request may spend waiting between attempts; keeps a chat turn under Teams' ~15 s. */
  timeBudgetInMs: number;
}

export const defaultRetryBudget: RetryBudgetOptions = {
  maxRetries: 4,
  baseDelayInMs: 500,
  maxDelayInMs: 4000,
  timeBudgetInMs: 8000,
};

/** Waits; injected so tests see the requested delays instead of sleeping. */
export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const retriedStatuses = new Set([408, 429, 500, 502, 503, 504]);

/** Milliseconds the service asked us to wait, from `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After`. */
export function retryAfterInMs(response: PipelineResponse, now: Date): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(response.headers.get(name));
    if (response.headers.get(name) && Number.isFinite(value)) return Math.max(0, value);
  }
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Wraps an HttpClient so that 429 (honouring Retry-After) and 5xx answers and network errors are
 * retried with exponential backoff, but never past the time budget: when the next wait would not
 * fit, the last answer goes back to the SDK, which raises it and the adapter maps it to a clear
 * message. The SDK's own retry policy is switched off (`retryOptions.maxRetries = 0`) so this is
 * the one place that decides.
 */
export function createBudgetedRetryHttpClient(
  inner: HttpClient,
  options: RetryBudgetOptions = defaultRetryBudget,
  sleep: Sleep = realSleep,
): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      let waited = 0;
      for (let attempt = 0; ; attempt++) {
        let response: PipelineResponse | undefined;
        let failure: unknown;
        try {
          response = await inner.sendRequest(request);
        } catch (error) {
          if ((error as { name?: string }).name === 'AbortError') throw error;
          failure = error;
        }
        if (response && !retriedStatuses.has(response.status)) return response;
        const backoff = Math.min(options.maxDelayInMs, options.baseDelayInMs * 2 ** attempt);
        const asked = response ? retryAfterInMs(response, new Date()) : undefined;
        const delay = asked ?? backoff;
        if (attempt >= options.maxRetries || waited + delay > options.timeBudgetInMs) {
          if (response) {
            response.headers.set('x-opsbot-retries', String(attempt));
            return response;
          }
          throw failure;
        }
        waited += delay;
        await sleep(delay);
      }
    },
  };
}
