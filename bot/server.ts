import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import { ActivityTypes, type Activity } from 'botbuilder';
import restify from 'restify';
import { ErrorCodes } from '../core/errors';
import type { Logger } from '../core/logger';
import type { OpsbotCloudAdapter } from './opsbot-adapter';

/** Largest request body `/api/messages` accepts. Teams messages are far smaller. */
export const maxBodyBytes = 256 * 1024;

/** What `GET /healthz` reports. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  mode: 'local' | 'production';
  landingZone: 'simulator' | 'azure';
  database: string;
}

/** What the HTTP server needs. */
export interface BotServerOptions {
  adapter: OpsbotCloudAdapter;
  app: Application<TurnState>;
  localMode: boolean;
  logger: Logger;
  health: () => Promise<HealthReport>;
  /** `POST /api/alerts`: the shared secret and what takes an authenticated alert; absent → 404. */
  alerts?: {
    secret: string;
    receive: (body: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;
  };
}

/** The header Azure Monitor's caller puts the shared secret in. */
export const alertSecretHeader = 'x-opsbot-alert-secret';

type Request = restify.Request & { body?: unknown };

const knownActivityTypes = new Set<string>(Object.values(ActivityTypes));
const loopbackHostnames = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The HTTP front door: `POST /api/messages` into the CloudAdapter and the teams-ai application,
 * `GET /healthz`. Rejects malformed, oversized or incomplete activities with a clear 4xx before any
 * bot code runs, tracks in-flight turns and shuts down gracefully.
 */
export class BotServer {
  private readonly server: restify.Server;
  private readonly logger: Logger;
  private inFlight = 0;
  private closing = false;
  private drained?: () => void;

  constructor(private readonly options: BotServerOptions) {
    this.logger = options.logger.child({ component: 'http' });
    this.server = restify.createServer({ name: 'opsbot', handleUncaughtExceptions: false });
    this.server.post('/api/messages', async (req: Request, res: restify.Response) => {
      await this.onMessages(req, res);
    });
    this.server.post('/api/alerts', async (req: Request, res: restify.Response) => {
      await this.onAlerts(req, res);
    });
    this.server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
      const report = await options.health();
      res.send(report.status === 'ok' ? 200 : 503, report);
    });
  }

  /** Starts listening; resolves with the bound address. */
  listen(port: number, host: string): Promise<{ url: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.server.off('error', reject);
        const address = this.server.server.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
      });
    });
  }

  /** Turns being processed right now. */
  get activeTurns(): number {
    return this.inFlight;
  }

  /**
   * Stops accepting connections, lets in-flight turns finish for at most `graceInMs`, then closes
   * every connection. Resolves true when all turns finished in time.
   */
  async close(graceInMs: number): Promise<boolean> {
    this.closing = true;
    const http = this.server.server;
    const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections();
    let finished = this.inFlight === 0;
    if (!finished) {
      let timer: NodeJS.Timeout | undefined;
      finished = await Promise.race([
        new Promise<boolean>((resolve) => (this.drained = () => resolve(true))),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceInMs))),
      ]);
      clearTimeout(timer);
      if (!finished)
        this.logger.warn(
          { abandoned: this.inFlight, graceInMs },
          'shutdown grace period over; abandoning turns',
        );
    }
    http.closeAllConnections();
    await stopped;
    return finished;
  }

  private async onAlerts(req: Request, res: restify.Response): Promise<void> {
    const alerts = this.options.alerts;
    if (!alerts) return reject(res, 404, 'Alert intake is off: ALERTS_SHARED_SECRET is not set.');
    if (this.closing) return reject(res, 503, 'The bot is shutting down; try again shortly.');
    if (!sameSecret(req.header(alertSecretHeader) ?? '', alerts.secret)) {
      this.logger.warn('alert refused: missing or wrong shared secret');
      req.resume();
      return reject(res, 401, `Missing or wrong ${alertSecretHeader} header.`);
    }
    const body = await readJsonBody(req, res);
    if (body === undefined) return;
    try {
      const answer = await alerts.receive(body);
      res.send(answer.status, answer.body);
    } catch (error) {
      this.logger.error({ err: error }, 'alert intake failed');
      if (!res.headersSent) reject(res, 500, 'The bot failed to take the alert.');
    }
  }

  private async onMessages(req: Request, res: restify.Response): Promise<void> {
    if (this.closing) {
      res.header('Connection', 'close');
      return reject(res, 503, 'The bot is shutting down; try again shortly.');
    }
    this.inFlight++;
    try {
      if (!this.options.localMode && !/^Bearer \S+$/.test(req.header('authorization') ?? '')) {
        return reject(res, 401, 'Missing Bot Framework bearer token.');
      }
      const body = await readJsonBody(req, res);
      if (body === undefined) return;
      const problem = describeActivityProblem(body, this.options.localMode);
      if (problem) {
        this.logger.warn({ problem }, 'activity rejected');
        return reject(res, 400, problem);
      }
      const invokeResponse = await this.options.adapter.runActivity(
        req.header('authorization') ?? '',
        toActivity(body as Record<string, unknown>),
        async (context) => {
          await this.options.app.run(context);
        },
      );
      if (invokeResponse) res.send(invokeResponse.status, invokeResponse.body);
      else res.send(200);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 401) {
        this.logger.warn({ reason: (error as Error).message }, 'unauthenticated request refused');
        return reject(res, 401, 'The Bot Framework token is not valid.');
      }
      this.logger.error({ err: error }, 'request failed');
      if (!res.headersSent) reject(res, 500, 'The bot failed to process the activity.');
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.drained?.();
    }
  }
}

/** Compares two secrets in constant time (their digests, so that the length does not show either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return given.length > 0 && timingSafeEqual(digest(given), digest(expected));
}

function reject(res: restify.Response, status: number, message: string): void {
  res.send(status, { error: { code: ErrorCodes.activityRejected, status, message } });
}

/** Reads and parses the JSON body; answers 413 or 400 itself and resolves undefined when it did. */
async function readJsonBody(req: Request, res: restify.Response): Promise<unknown> {
  const declared = Number(req.header('content-length') || 0);
  if (declared > maxBodyBytes) {
    res.header('Connection', 'close');
    reject(res, 413, `The request body is ${declared} bytes; the limit is ${maxBodyBytes} bytes.`);
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) {
      res.header('Connection', 'close');
      reject(res, 413, `The request body is over the limit of ${maxBodyBytes} bytes.`);
      req.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    reject(res, 400, `The request body is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
}

/** Parses the date fields as the Bot Framework adapter does (`validateAndFixActivity`), keeping the raw strings. */
function toActivity(body: Record<string, unknown>): Activity {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = body[field];
    if (typeof value === 'string') {
      body[raw] = value;
      body[field] = new Date(value);
    }
  }
  return body as unknown as Activity;
}

/** What is wrong with an incoming activity, in one sentence; undefined when it can be processed. */
export function describeActivityProblem(body: unknown, localMode: boolean): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'The body must be a JSON object (an activity).';
  const activity = body as Record<string, unknown>;
  const missing: string[] = [];
  const idOf = (field: string) => (activity[field] as { id?: unknown } | undefined)?.id;
  if (typeof activity.type !== 'string' || !activity.type) missing.push('type');
  for (const field of ['conversation', 'from', 'recipient']) {
    const id = idOf(field);
    if (typeof id !== 'string' || !id) missing.push(`${field}.id`);
  }
  if (typeof activity.channelId !== 'string' || !activity.channelId) missing.push('channelId');
  if (typeof activity.serviceUrl !== 'string' || !activity.serviceUrl) missing.push('serviceUrl');
  if (missing.length) return `The activity is missing ${missing.join(', ')}.`;
  if (!knownActivityTypes.has(activity.type as string)) {
    return `Unknown activity type "${String(activity.type).slice(0, 40)}".`;
  }
  let serviceUrl: URL;
  try {
    serviceUrl = new URL(activity.serviceUrl as string);
  } catch {
    return 'The activity serviceUrl is not a URL.';
  }
  if (!/^https?:$/.test(serviceUrl.protocol)) return 'The activity serviceUrl must be http or https.';
  if (localMode && !loopbackHostnames.has(serviceUrl.hostname)) {
    return 'In local mode the bot only replies to a serviceUrl on this machine (localhost or 127.0.0.1).';
  }
  return undefined;
}
