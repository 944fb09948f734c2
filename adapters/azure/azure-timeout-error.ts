/**
 * An Azure service did not answer in time: one attempt passed its request timeout (`request`), or
 * a read call spent its whole budget (`call`). The adapter turns it into OPS-406, or OPS-404 when
 * the service had been throttling the bot.
 */
export class AzureTimeoutError extends Error {
  constructor(
    /** The service in words, e.g. `Azure Monitor`. */
    readonly service: string,
    readonly afterInMs: number,
    readonly scope: 'request' | 'call',
    /** The service answered 429 at least once before the time ran out. */
    readonly throttled: boolean,
    /** The request that was waiting asked for a change, which may still be applied. */
    readonly mayHaveChanged = false,
  ) {
    super(`${service} did not answer within ${formatSeconds(afterInMs)}.`);
    this.name = 'AzureTimeoutError';
  }
}

/** `4000` → `4 s`, `250` → `0.25 s`. */
function formatSeconds(ms: number): string {
  return `${Math.round(ms / 10) / 100} s`;
}
