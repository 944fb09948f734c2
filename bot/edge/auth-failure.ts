/** How the server answers a request whose token was not accepted. */
export interface AuthFailure {
  status: 401 | 503;
  /** For the log line: the validator's reason, without the token. */
  reason: string;
  /** For the response body. */
  message: string;
}

/**
 * Fails closed: every error out of token validation is a 401, except that the signing keys could not
 * be had at all (the OpenID metadata is unreachable and nothing is cached), which is a 503 so that the
 * Bot Framework service retries later. Never a 500.
 */
export function classifyAuthFailure(error: unknown): AuthFailure {
  const { statusCode, message, name } = (error ?? {}) as {
    statusCode?: unknown;
    message?: unknown;
    name?: unknown;
  };
  const reason = `${typeof name === 'string' ? name : 'Error'}: ${typeof message === 'string' ? message.slice(0, 200) : String(error).slice(0, 200)}`;
  const unreachable =
    statusCode === 503 ||
    (statusCode === 500 && typeof message === 'string' && /^Failed to load/.test(message));
  if (unreachable) {
    return {
      status: 503,
      reason,
      message:
        'The Bot Framework signing keys cannot be fetched right now, so the token cannot be checked; try again shortly.',
    };
  }
  return { status: 401, reason, message: 'The Bot Framework token is not valid.' };
}
