import type { CircuitBreaker } from '../../core/circuit-breaker';
import {
  ChatCallError,
  type ChatAnswer,
  type ChatClient,
  type ChatFailure,
  type ChatRequest,
} from './chat-client';

/** A chat call's answer, or why there is none. */
export type BreakerCallResult =
  | { ok: true; answer: ChatAnswer }
  | { ok: false; reason: ChatFailure | 'breaker-open' };

/**
 * One chat call through a deployment's circuit breaker: no call while it is open; an answer closes
 * it, a failure counts towards opening it (a 429 holds it for its retry-after). A content-filter
 * answer counts as an answer: the deployment responded, its filter says nothing about its health.
 */
export async function callThroughBreaker(
  breaker: CircuitBreaker,
  chat: ChatClient,
  request: ChatRequest,
): Promise<BreakerCallResult> {
  if (!breaker.tryAcquire()) return { ok: false, reason: 'breaker-open' };
  try {
    const answer = await chat.complete(request);
    breaker.recordSuccess();
    return { ok: true, answer };
  } catch (error) {
    if (!(error instanceof ChatCallError)) {
      breaker.recordFailure();
      return { ok: false, reason: 'error' };
    }
    if (error.reason === 'content-filter') breaker.recordSuccess();
    else breaker.recordFailure(error.details.retryAfterInMs);
    return { ok: false, reason: error.reason };
  }
}
