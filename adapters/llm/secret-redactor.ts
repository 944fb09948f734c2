/** What stands in for a value that looks like a secret. */
export const redactedMark = '[redacted]';

/** `name=value` and `name: value` where the name says the value is a credential. */
const namedSecret =
  /\b(account ?key|shared ?access ?key|access ?key|api[-_ ]?key|client[-_ ]?secret|secret|password|passwd|pwd|token|sig|authorization)(\s*[=:]\s*)(?:bearer\s+)?("[^"]*"|'[^']*'|[^\s;,&"']+)/gi;
/** A JSON Web Token: three base64url parts, the first one a JSON object (`eyJ`). */
const jwt = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
/** Long opaque runs: hex, base64 or base64url of 32 characters or more (API keys, storage keys). */
const opaque = /[A-Za-z0-9+/_]{32,}={0,2}/g;

/**
 * Replaces what looks like a secret in text bound for the model: a value after a credential's name
 * (`AccountKey=…`, `api-key: …`, `password=…`), a JSON Web Token, and any long opaque run of letters
 * and digits such as a 32-character API key. Resource names, GUIDs and ordinary words stay.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(namedSecret, (_match, name: string, separator: string) => `${name}${separator}${redactedMark}`)
    .replace(jwt, redactedMark)
    .replace(opaque, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? redactedMark : run));
}
