import dns from 'node:dns';
import net from 'node:net';

/**
 * Keeps every jest suite on this machine: a socket connect or a DNS lookup for any host but
 * loopback throws at once, naming the host, and is recorded for `outsideLoopbackAttempts()`.
 * Registered in `setupFiles`; it runs again for each test file and always wraps the originals.
 */

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;
interface Originals {
  connect: AnyFunction;
  lookup: AnyFunction;
  promisesLookup: AnyFunction;
}

const originalsKey = Symbol.for('opsbot.loopbackGuard.originals');
const attempts: string[] = [];

/** Hosts outside loopback that code in this test file tried to reach (each attempt also threw). */
export function outsideLoopbackAttempts(): readonly string[] {
  return attempts;
}

/** True for 127.0.0.0/8, ::1, localhost, and the unspecified addresses (they connect to this machine). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || h === '::') {
    return true;
  }
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

function refuse(host: string, how: string): Error {
  attempts.push(host);
  return new Error(
    `Loopback guard: ${how} "${host}" refused. Tests may only reach 127.0.0.1 / localhost ` +
      '(test/setup/loopback-guard.ts).',
  );
}

/** The host a `Socket.connect` call aims at, or undefined for a local (IPC) path. */
function connectHost(args: unknown[]): string | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    return options.path ? undefined : (options.host ?? 'localhost');
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  return undefined;
}

const socketProto = net.Socket.prototype as unknown as Record<string | symbol, unknown>;
const originals = ((socketProto[originalsKey] as Originals | undefined) ??= {
  connect: socketProto.connect as AnyFunction,
  lookup: dns.lookup as unknown as AnyFunction,
  promisesLookup: dns.promises.lookup as unknown as AnyFunction,
});

socketProto.connect = function guardedConnect(this: unknown, ...args: unknown[]) {
  const host = connectHost(args);
  if (host !== undefined && !isLoopbackHost(host)) throw refuse(host, 'connecting to');
  return originals.connect.apply(this, args);
};

(dns as unknown as Record<string, unknown>).lookup = function guardedLookup(
  this: unknown,
  ...args: unknown[]
) {
  const host = args[0];
  if (typeof host === 'string' && !isLoopbackHost(host)) throw refuse(host, 'looking up');
  return originals.lookup.apply(this, args);
};

(dns.promises as unknown as Record<string, unknown>).lookup = function guardedPromisesLookup(
  this: unknown,
  ...args: unknown[]
) {
  const host = args[0];
  if (typeof host === 'string' && !isLoopbackHost(host)) {
    return Promise.reject(refuse(host, 'looking up'));
  }
  return originals.promisesLookup.apply(this, args);
};
