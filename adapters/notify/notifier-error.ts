/** A notification was not delivered; the message says by whom and why (never a credential). */
export class NotifierError extends Error {
  constructor(
    readonly notifier: string,
    message: string,
    /** The HTTP status or SMTP response code, when there was one. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${notifier}: ${message}`, options);
    this.name = 'NotifierError';
  }
}
