import { ErrorCodes, UserFacingError } from '../../core/errors';
import type { ChangeOptions, OperationResult } from '../../core/ports';
import { mapAzureError, type AzureCallContext } from './azure-error-mapper';
import { roleFor } from './azure-permissions';
import type { AzureSession } from './azure-session';

/** Something a begin* call returns: the SDK's legacy poller. */
interface LroPoller<T> {
  pollUntilDone(): Promise<T>;
  onProgress(callback: (state: unknown) => void): unknown;
}

/** What the runner hands to a begin* call: the polling interval and a hook on every raw response. */
export interface LroBeginOptions {
  updateIntervalInMs?: number;
  onResponse: (raw: {
    status: number;
    request: { method: string };
    headers: { get(name: string): string | undefined };
  }) => void;
}

/**
 * Starts a long-running operation and waits for it within the budget. Past the budget the answer
 * is `in-progress` and the poller carries on; its end is reported through `onProgress`.
 */
export async function runLro<T>(
  session: AzureSession,
  ctx: AzureCallContext,
  begin: (options: LroBeginOptions) => Promise<LroPoller<T>>,
  summary: string,
  options: ChangeOptions | undefined,
): Promise<OperationResult> {
  const { logger, clock } = session;
  const onProgress = options?.onProgress ?? (() => undefined);
  let operationId = '';
  let poller: LroPoller<T>;
  let accepted = false;
  try {
    poller = await begin({
      updateIntervalInMs: session.pollIntervalInMs,
      onResponse: (raw) => {
        if (raw.request.method !== 'GET' && raw.status < 300) accepted = true;
        if (operationId) return;
        const async = raw.headers.get('azure-asyncoperation') ?? raw.headers.get('location');
        operationId = async ? operationIdFrom(async) : (raw.headers.get('x-ms-request-id') ?? '');
      },
    });
  } catch (error) {
    const mapped = mapAzureError(error, ctx);
    const unfollowed = accepted ? unfollowedOperation(mapped, ctx, summary) : undefined;
    if (!unfollowed) throw mapped;
    logger.warn({ operationId, action: unfollowed.action }, 'operation accepted but not followed');
    return {
      operationId: operationId || `op-${clock.now().getTime()}`,
      status: 'in-progress',
      summary: unfollowed.message,
    };
  }
  operationId ||= `op-${clock.now().getTime()}`;
  onProgress(`Azure accepted the request to ${ctx.doing}.`);
  let checks = 0;
  poller.onProgress(() => {
    checks += 1;
    onProgress(`Still working: ${ctx.doing} (check ${checks}).`);
  });
  let answered = false;
  const done = poller.pollUntilDone().then(
    () => {
      if (answered) onProgress(`Done: ${summary}.`);
      return { operationId, status: 'succeeded' as const, summary };
    },
    (error: unknown) => {
      let mapped: unknown = error;
      try {
        mapped = mapAzureError(error, ctx);
      } catch {
        mapped = error;
      }
      const unfollowed = unfollowedOperation(mapped, ctx, summary);
      if (unfollowed) {
        logger.warn({ operationId, action: unfollowed.action }, 'operation accepted but not followed');
        if (answered) onProgress(unfollowed.message);
        return { operationId, status: 'in-progress' as const, summary: unfollowed.message };
      }
      if (answered) {
        const code = mapped instanceof UserFacingError ? mapped.code : undefined;
        logger.warn({ operationId, code, err: code ? undefined : error }, 'background operation failed');
        onProgress(
          code
            ? `Failed: ${(mapped as UserFacingError).message}`
            : `Failed: ${ctx.doing} ended with an internal error; the log has the details.`,
        );
      }
      throw mapped;
    },
  );
  const budget = options?.waitBudgetInMs ?? session.waitBudgetInMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), budget);
    timer.unref?.();
  });
  try {
    const outcome = await Promise.race([done, timeout]);
    if (outcome === 'timeout') {
      answered = true;
      done.catch(() => undefined);
      logger.info({ operationId }, 'operation continues in the background');
      return { operationId, status: 'in-progress', summary: `${summary} (still running in Azure)` };
    }
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A 403 while following an operation Azure has accepted: the change goes ahead in Azure, so it is
 * not a failure. The answer says so and names the permission (at subscription scope) that would
 * let the bot follow it.
 */
function unfollowedOperation(
  mapped: unknown,
  ctx: AzureCallContext,
  summary: string,
): { message: string; action: string } | undefined {
  if (!(mapped instanceof UserFacingError) || mapped.code !== ErrorCodes.azureAuthorization) return undefined;
  const action = String(mapped.details?.action ?? '');
  const role = roleFor(action);
  return {
    action,
    message:
      `Azure accepted the request (${summary}), but the bot cannot follow the operation: its identity lacks "${action}" ` +
      `at the ${role.scope} ("${role.role}", ${role.file}). Check ${ctx.resourceName} in the portal before trying again.`,
  };
}

function operationIdFrom(url: string): string {
  try {
    return new URL(url).pathname.split('/').filter(Boolean).pop() ?? url;
  } catch {
    return url;
  }
}
