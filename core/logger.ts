import pino from 'pino';

/** Logger type used across the code; one child per module (`logger.child({ component: 'policy' })`). */
export type Logger = pino.Logger;

/** Options for the root logger. */
export interface LoggerOptions {
  level: string;
  /** Where to write; standard output when absent. */
  destination?: pino.DestinationStream;
}

/** Paths that must never reach a log line. */
const redactPaths = ['*.password', '*.secret', '*.token', '*.authorization', '*.key', '*.value', 'headers.authorization'];

/** The root logger. */
export function createLogger(options: LoggerOptions): Logger {
  return pino({ level: options.level, base: { app: 'opsbot' }, redact: redactPaths }, options.destination);
}

/** A logger that writes nothing; for tests and CLI tools that own stdout. */
export const silentLogger: Logger = pino({ level: 'silent' });
