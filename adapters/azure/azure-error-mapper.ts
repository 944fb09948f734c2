import { isRestError } from '@azure/core-rest-pipeline';
import { ErrorCodes, NotFoundError, UserFacingError } from '../../core/errors';
import { roleFor } from './azure-permissions';
import { AzureTimeoutError } from './azure-timeout-error';
import { isNetworkError } from './budgeted-retry-http-client';

/** What the adapter was doing when Azure said no; turns the answer into a sentence for the chat. */
export interface AzureCallContext {
  /** Plain words, e.g. `scale deployment "blue" of endpoint "fraud-detection"`. */
  doing: string;
  /** For not-found answers, e.g. `compute`. */
  resourceKind: string;
  resourceName: string;
  /** Names that do exist, for the not-found answer. */
  known?: string[];
  /** The RBAC action the call needs, named when Azure refuses it. */
  requiredAction: string;
}

const lroFailurePrefix = 'The long-running operation has failed';

/** Azure's own error code and message from a RestError's parsed body, when there is one. */
function azureError(error: unknown): { code?: string; message?: string } {
  const body = (error as { details?: unknown }).details as
    | { error?: { code?: string; message?: string }; code?: string; message?: string }
    | undefined;
  const inner = body?.error ?? body;
  return {
    code: inner?.code ?? (error as { code?: string }).code,
    message: inner?.message ?? (error as Error).message,
  };
}

/** Azure messages are shown shortened and on one line; they name resources and actions, never secret values. */
function shorten(text: string | undefined): string {
  const oneLine = (text ?? '').replace(/\s+/g, ' ').trim();
  return oneLine.length > 240 ? `${oneLine.slice(0, 237)}...` : oneLine;
}

/**
 * Maps what an Azure SDK threw to a `UserFacingError` with a code from the catalog (OPS-401…406).
 * A `UserFacingError` passes through unchanged. Only Azure's answers (`RestError`), network
 * failures, aborts, timeouts and failed long-running operations are mapped; anything else is a
 * programming error and is thrown again unchanged, so the bot logs it with a correlation id instead
 * of blaming Azure. Secret values never enter the message: for calls that carry one, the caller
 * passes `quoteAzure: false` and only codes and statuses are used.
 */
export function mapAzureError(error: unknown, context: AzureCallContext, quoteAzure = true): UserFacingError {
  if (error instanceof UserFacingError) return error;
  if (error instanceof AzureTimeoutError) return timeoutError(error, context);
  if (isNetworkError(error) || (error as { name?: string } | undefined)?.name === 'AbortError') {
    const reason = (error as { code?: string }).code ?? 'aborted';
    return new UserFacingError(
      ErrorCodes.azureUnavailable,
      `Azure could not be reached to ${context.doing} (${reason}). Try again in a few minutes.`,
      { resource: context.resourceName, reason },
    );
  }
  const { code, message } = azureError(error);
  const said = quoteAzure && message ? ` Azure said: ${shorten(message)}` : '';
  if (!isRestError(error)) {
    const text = (error as Error | undefined)?.message ?? '';
    if (!(error instanceof Error) || !text.startsWith(lroFailurePrefix)) throw error;
    const reason = quoteAzure ? shorten(text.slice(lroFailurePrefix.length).replace(/^\.\s*/, '')) : '';
    return new UserFacingError(
      ErrorCodes.azureFailed,
      `Azure accepted the request to ${context.doing}, but the operation failed` +
        (reason ? `: ${reason}` : '.') +
        ' Nothing else was changed; check the resource in the portal before trying again.',
      { resource: context.resourceName },
    );
  }
  const status = error.statusCode ?? 0;
  const retries = Number(error.response?.headers.get('x-opsbot-retries') ?? 0);
  if (status === 401 || status === 403) {
    const action = /action '([^']+)'/i.exec(message ?? '')?.[1] ?? context.requiredAction;
    const role = roleFor(action);
    return new UserFacingError(
      ErrorCodes.azureAuthorization,
      `The bot's Azure identity is not allowed to ${context.doing}: it lacks the permission "${action}". ` +
        `Assign it the "${role.role}" role (${role.file}) at the ${role.scope === 'subscription' ? 'subscription' : 'resource group'}.`,
      { action, status, azureCode: code },
    );
  }
  if (status === 404) {
    return new NotFoundError(context.resourceKind, context.resourceName, context.known ?? []);
  }
  if (status === 409) {
    return new UserFacingError(
      ErrorCodes.azureConflict,
      `Azure refused to ${context.doing} because another operation on ${context.resourceName} is still in progress.` +
        `${said} Wait for it to finish, then try again.`,
      { status, azureCode: code },
    );
  }
  if (status === 429) {
    const seconds = Number(error.response?.headers.get('retry-after'));
    const when =
      Number.isFinite(seconds) && seconds > 0 ? `in about ${Math.ceil(seconds)} seconds` : 'in a minute';
    return new UserFacingError(
      ErrorCodes.azureThrottled,
      `Azure is throttling the bot's requests (tried ${retries + 1} times), so it could not ${context.doing}. ` +
        `Try again ${when}.`,
      { status, retries },
    );
  }
  if (status >= 500 || status === 408 || status === 0) {
    return new UserFacingError(
      ErrorCodes.azureUnavailable,
      `Azure did not answer properly (HTTP ${status || 'none'}, tried ${retries + 1} times), so the bot could not ${context.doing}. ` +
        'Try again in a few minutes; the Azure status page may show an incident.',
      { status, retries },
    );
  }
  return new UserFacingError(
    ErrorCodes.azureFailed,
    `Azure rejected the request to ${context.doing} (HTTP ${status}${code ? `, ${code}` : ''}).${said}`,
    { status, azureCode: code },
  );
}

function timeoutError(error: AzureTimeoutError, context: AzureCallContext): UserFacingError {
  const late = error.message.replace(/\.$/, '');
  const details = { resource: context.resourceName, service: error.service, afterInMs: error.afterInMs };
  if (error.throttled) {
    return new UserFacingError(
      ErrorCodes.azureThrottled,
      `${late}: it kept throttling the bot's requests, so the bot could not ${context.doing}. Try again in a minute.`,
      details,
    );
  }
  const unsure = error.mayHaveChanged
    ? ' The change may still be applied: check the resource before trying again.'
    : ' Try again in a few minutes; the Azure status page may show an incident.';
  return new UserFacingError(
    ErrorCodes.azureUnavailable,
    `${late}, so the bot could not ${context.doing}.${unsure}`,
    details,
  );
}
