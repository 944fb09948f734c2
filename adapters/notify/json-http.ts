import { NotifierError } from './notifier-error';

/** One JSON request of a notifier; the answer's JSON, or a {@link NotifierError} naming the notifier and the status. */
export async function requestJson(
  notifier: string,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; timeoutInMs: number },
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json', ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutInMs),
      redirect: 'error',
    });
  } catch (error) {
    // The abort is a DOMException, which is not always an `Error` of this realm: look at its name.
    const reason =
      (error as { name?: unknown } | null)?.name === 'TimeoutError'
        ? `no answer within ${options.timeoutInMs} ms`
        : describe(error);
    throw new NotifierError(notifier, `${method} ${new URL(url).pathname} failed: ${reason}`, undefined, {
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new NotifierError(
      notifier,
      `${method} ${new URL(url).pathname} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
      response.status,
    );
  }
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    throw new NotifierError(
      notifier,
      `${method} ${new URL(url).pathname} answered something that is not JSON`,
      response.status,
    );
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
