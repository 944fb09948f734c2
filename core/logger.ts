import pino from 'pino';

/** Logger type used across the code; one child per module (`logger.child({ component: 'policy' })`). */
export type Logger = pino.Logger;

/** Options for the root logger. */
export interface LoggerOptions {
  level: string;
  /** Where to write; standard output when absent. */
  destination?: pino.DestinationStream;
}

/** Keys whose values must never reach a log line, at the top level, one level down, and in HTTP headers. */
const secretKeys = ['password', 'secret', 'token', 'authorization', 'key', 'value', 'apiKey', 'api-key'];
const headerKeys = ['authorization', 'api-key', 'ocp-apim-subscription-key', 'cookie'];
const at = (prefix: string, key: string) =>
  /^[A-Za-z_]\w*$/.test(key) ? (prefix ? `${prefix}.${key}` : key) : `${prefix}["${key}"]`;
const redactPaths = [
  ...secretKeys.flatMap((k) => [at('', k), at('*', k)]),
  ...headerKeys.flatMap((h) =>
    ['headers', '*.headers', '*.*.headers', 'err.request.headers'].map((prefix) => at(prefix, h)),
  ),
];

/** The root logger. */
export function createLogger(options: LoggerOptions): Logger {
  return pino({ level: options.level, base: { app: 'opsbot' }, redact: redactPaths }, options.destination);
}

/** A logger that writes nothing; for tests and CLI tools that own stdout. */
export const silentLogger: Logger = pino({ level: 'silent' });
