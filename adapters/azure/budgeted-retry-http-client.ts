import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import {
  isRestError,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { AzureTimeoutError } from './azure-timeout-error';

/** How the Azure adapter retries throttled and failing calls without breaking a chat turn. */
export interface RetryBudgetOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff for 5xx and network errors; doubles each retry. */
  baseDelayInMs: number;
  /** Largest single backoff. */
  maxDelayInMs: number;
  /**
   * Total time one request may take, attempts and waits included, when it is not part of a call
   * budget (changes and long-running-operation polls). Reads share one call budget instead.
   */
  timeBudgetInMs: number;
  /** Longest single attempt, headers and body, before it is abandoned as timed out. */
  requestTimeoutInMs: number;
}

export const defaultRetryBudget: RetryBudgetOptions = {
  maxRetries: 4,
  baseDelayInMs: 500,
  maxDelayInMs: 4000,
  timeBudgetInMs: 8000,
  requestTimeoutInMs: 6000,
};

/** Waits; injected so tests see the requested delays instead of sleeping. */
export type Sleep = (ms: number) => Promise<void>;

/** Reads a monotonic time in milliseconds; injected together with `Sleep` so tests move time by sleeping. */
export type MonotonicNow = () => number;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const realNow: MonotonicNow = () => performance.now();

/** The call's own timer waits this much past its budget, so a request timeout, which knows more, reports first. */
const backstopGraceInMs = 250;

const retriedStatuses = new Set([408, 429, 500, 502, 503, 504]);
const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const networkErrorCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'REQUEST_SEND_ERROR',
]);

const services: [RegExp, string][] = [
  [
    /metrics:getBatch|\.metrics\.monitor\.azure\.com|api\.loganalytics\.io|\/v1\/workspaces\/|Microsoft\.AlertsManagement\//i,
    'Azure Monitor',
  ],
  [/Microsoft\.MachineLearningServices\//i, 'Azure Machine Learning'],
  [/Microsoft\.ResourceHealth\//i, 'Azure Resource Health'],
  [/Microsoft\.CostManagement\//i, 'Azure Cost Management'],
  [/Microsoft\.CognitiveServices\//i, 'Azure Resource Manager'],
  [/\/openai\//i, 'Azure OpenAI'],
  [/vault\.azure\.net|\/secrets\//i, 'Azure Key Vault'],
];

/** The Azure service a request goes to, in words for the chat. */
export function serviceOf(url: string): string {
  return services.find(([pattern]) => pattern.test(url))?.[1] ?? 'Azure';
}

/** Network failures that a repeat of an idempotent request may get past. */
export function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && networkErrorCodes.has(code)) return true;
  return isRestError(error) && error.statusCode === undefined && error.code !== 'PARSE_ERROR';
}

/** One deadline shared by every request (and retry) of one adapter call. */
interface CallBudget {
  deadline: number;
  budgetInMs: number;
  signal: AbortSignal;
  /** The service of the latest request, named when the budget runs out. */
  service: string;
  throttled: boolean;
}

const callBudgets = new AsyncLocalStorage<CallBudget>();

/** An HttpClient with retries, per-attempt timeouts and call budgets; see `createBudgetedRetryHttpClient`. */
export interface BudgetedHttpClient extends HttpClient {
  /**
   * Runs a read-only call: every request `fn` sends, and every retry of them, shares one budget of
   * `budgetInMs`. Because the call only reads, its POSTs (log queries, metric batches, cost queries)
   * are retried like GETs. A nested call shares the outer budget. When the budget is spent the call
   * rejects with an `AzureTimeoutError` of scope `call`, even if something outside the HTTP client
   * (a token request) hangs; that last backstop fires a quarter second after the budget.
   */
  withinReadBudget<T>(budgetInMs: number, fn: () => Promise<T>): Promise<T>;
}

/**
 * Wraps an HttpClient so that 429 (honouring Retry-After) and, for idempotent requests, 5xx answers
 * and network errors are retried with exponential backoff, never past the time budget: when the next
 * wait would not fit, the last answer goes back to the SDK, which raises it and the adapter maps it to
 * a clear message. Every attempt has a timeout (`requestTimeoutInMs`, or what is left of the budget).
 * POST, PUT, PATCH and DELETE outside a read budget are retried only on 429 or on 503 with
 * Retry-After, where the service says it did nothing, so a key regeneration or a start never runs
 * twice. The SDK's own retry policy is switched off (`retryOptions.maxRetries = 0`) so this is the
 * one place that decides.
 */
export function createBudgetedRetryHttpClient(
  inner: HttpClient,
  options: RetryBudgetOptions = defaultRetryBudget,
  sleep: Sleep = realSleep,
  now: MonotonicNow = realNow,
): BudgetedHttpClient {
  return {
    async withinReadBudget<T>(budgetInMs: number, fn: () => Promise<T>): Promise<T> {
      if (callBudgets.getStore()) return fn();
      const controller = new AbortController();
      const budget: CallBudget = {
        deadline: now() + budgetInMs,
        budgetInMs,
        signal: controller.signal,
        service: 'Azure',
        throttled: false,
      };
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new AzureTimeoutError(budget.service, budgetInMs, 'call', budget.throttled);
          controller.abort(error);
          reject(error);
        }, budgetInMs + backstopGraceInMs);
      });
      try {
        return await Promise.race([callBudgets.run(budget, fn), expired]);
      } finally {
        clearTimeout(timer);
      }
    },

    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const call = callBudgets.getStore();
      const service = serviceOf(request.url);
      if (call) call.service = service;
      const budgetInMs = call?.budgetInMs ?? options.timeBudgetInMs;
      const deadline = call?.deadline ?? now() + budgetInMs;
      const retriable = idempotentMethods.has(request.method) || call !== undefined;
      let throttled = false;
      const outOfTime = () =>
        new AzureTimeoutError(
          service,
          budgetInMs,
          call ? 'call' : 'request',
          throttled || (call?.throttled ?? false),
          !retriable,
        );
      for (let attempt = 0; ; attempt++) {
        const remaining = deadline - now();
        if (remaining <= 0) throw outOfTime();
        const limitedByBudget = remaining < options.requestTimeoutInMs;
        let response: PipelineResponse | undefined;
        let failure: unknown;
        try {
          response = await attemptOnce(
            inner,
            request,
            limitedByBudget ? remaining : options.requestTimeoutInMs,
            call?.signal,
            () =>
              limitedByBudget
                ? outOfTime()
                : new AzureTimeoutError(service, options.requestTimeoutInMs, 'request', false, !retriable),
          );
        } catch (error) {
          const transient =
            isNetworkError(error) || (error instanceof AzureTimeoutError && error.scope === 'request');
          if (!transient || !retriable) throw error;
          failure = error;
        }
        if (response?.status === 429) {
          throttled = true;
          if (call) call.throttled = true;
        }
        if (response && !retriedStatuses.has(response.status)) return response;
        const asked = response ? retryAfterInMs(response, new Date()) : undefined;
        const mayRetry =
          retriable || response?.status === 429 || (response?.status === 503 && asked !== undefined);
        const backoff = Math.min(options.maxDelayInMs, options.baseDelayInMs * 2 ** attempt);
        const delay = asked ?? backoff;
        if (!mayRetry || attempt >= options.maxRetries || now() + delay >= deadline) {
          if (response) {
            response.headers.set('x-opsbot-retries', String(attempt));
            return response;
          }
          throw failure;
        }
        await sleep(delay);
      }
    },
  };
}

/**
 * Sends one attempt that ends by `timeoutInMs` or when the call budget is aborted, whichever is
 * first, even if the inner client ignores abort signals. The caller's own abort signal still wins.
 */
async function attemptOnce(
  inner: HttpClient,
  request: PipelineRequest,
  timeoutInMs: number,
  callSignal: AbortSignal | undefined,
  timeoutError: () => AzureTimeoutError,
): Promise<PipelineResponse> {
  const callerSignal = request.abortSignal;
  const controller = new AbortController();
  let stop: ((error: unknown) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  const onCallerAbort = () => {
    controller.abort();
    stop?.(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }));
  };
  const onTimeout = () => {
    const error = callSignal?.reason instanceof AzureTimeoutError ? callSignal.reason : timeoutError();
    controller.abort(error);
    stop?.(error);
  };
  if (callerSignal?.aborted) onCallerAbort();
  callerSignal?.addEventListener('abort', onCallerAbort);
  callSignal?.addEventListener('abort', onTimeout);
  if (callSignal?.aborted) onTimeout();
  const timer = setTimeout(onTimeout, Math.max(0, timeoutInMs));
  request.abortSignal = controller.signal;
  try {
    return await Promise.race([inner.sendRequest(request), stopped]);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
    callSignal?.removeEventListener('abort', onTimeout);
    request.abortSignal = callerSignal;
  }
}

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
