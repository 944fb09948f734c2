/**
 * The error catalog. Codes are stable: OPS-1xx config, 2xx routing, 3xx policy, 4xx landing zone
 * (Azure), 5xx storage. Only a `UserFacingError`'s message reaches the chat; anything else is shown
 * as a short correlation id that the log carries too.
 */
export const ErrorCodes = {
  configInvalid: 'OPS-101',
  configMissing: 'OPS-102',
  unknownCommand: 'OPS-201',
  invalidArguments: 'OPS-202',
  activityRejected: 'OPS-203',
  notAllowed: 'OPS-301',
  notEnabled: 'OPS-302',
  notFound: 'OPS-401',
  azureAuthorization: 'OPS-402',
  azureConflict: 'OPS-403',
  azureThrottled: 'OPS-404',
  azureFailed: 'OPS-405',
  azureUnavailable: 'OPS-406',
  storageFailed: 'OPS-501',
  concurrency: 'OPS-502',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** An error whose message is written for the person in the chat. */
export class UserFacingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** A named resource does not exist; the message lists what does. */
export class NotFoundError extends UserFacingError {
  constructor(
    readonly resourceKind: string,
    readonly resourceName: string,
    readonly known: string[] = [],
  ) {
    super(
      ErrorCodes.notFound,
      `There is no ${resourceKind} called "${resourceName}".` +
        (known.length ? ` Known ${resourceKind}s: ${known.join(', ')}.` : ''),
    );
    this.name = 'NotFoundError';
  }
}

/** The configuration is invalid; the message names the file, the path in it and the problem. */
export class ConfigError extends Error {
  readonly code = ErrorCodes.configInvalid;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A stored item changed since it was read (optimistic concurrency). */
export class ConcurrencyError extends Error {
  readonly code = ErrorCodes.concurrency;
  constructor(readonly key: string) {
    super(`The stored item "${key}" was changed by someone else.`);
    this.name = 'ConcurrencyError';
  }
}

/** The state store failed: it cannot be opened, migrated, read or written. The message says which. */
export class StorageError extends Error {
  readonly code = ErrorCodes.storageFailed;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}
