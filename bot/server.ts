import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import { CardFactory, type Activity } from 'botbuilder';
import restify from 'restify';
import type { RecordedResponse } from '../core/deliveries/delivery-ledger';
import { ErrorCodes } from '../core/errors';
import type { Logger } from '../core/logger';
import { messageCard } from './cards/message.card';
import { checkActivity } from './edge/activity.schema';
import { classifyAuthFailure } from './edge/auth-failure';
import type { RedeliveryGuard } from './edge/redelivery-guard';
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
  /** Recognises redelivered activities; without it every delivery runs a turn. */
  redelivery?: RedeliveryGuard;
  /** The HTTP answer goes out by then even when the turn is still running (Teams waits about 15 s). */
  turnDeadlineInMs?: number;
  /** `POST /api/alerts`: the shared secret and what takes an authenticated alert; absent → 404. */
  alerts?: {
    secret: string;
    receive: (body: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;
  };
}

/** The header Azure Monitor's caller puts the shared secret in. */
export const alertSecretHeader = 'x-opsbot-alert-secret';

type Request = restify.Request & { body?: unknown };

const stillWorking = Symbol('still working');

/**
 * The HTTP front door: `POST /api/messages` into the CloudAdapter and the teams-ai application,
 * `GET /healthz`. Rejects malformed, oversized or incomplete activities with a clear 4xx before any
 * bot code runs, refuses tokens that do not validate (401, or 503 while the signing keys cannot be
 * had), runs each delivery once, answers within the turn deadline, tracks in-flight turns and shuts
 * down gracefully.
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
    const handling = this.handle(req, res);
    this.track(handling);
    await handling;
  }

  private async handle(req: Request, res: restify.Response): Promise<void> {
    try {
      const authHeader = req.header('authorization') ?? '';
      if (!this.options.localMode && !/^Bearer \S+$/.test(authHeader)) {
        return reject(res, 401, 'Missing Bot Framework bearer token.');
      }
      const body = await readJsonBody(req, res);
      if (body === undefined) return;
      const checked = checkActivity(body, { localMode: this.options.localMode });
      if (!checked.ok) {
        this.logger.warn({ problem: checked.problem }, 'activity rejected');
        return reject(res, 400, checked.problem);
      }
      const activity = toActivity(checked.activity);
      const { adapter, app } = this.options;
      let authentication: Awaited<ReturnType<OpsbotCloudAdapter['authenticate']>>;
      try {
        authentication = await adapter.authenticate(authHeader, activity);
      } catch (error) {
        const failure = classifyAuthFailure(error);
        this.logger.warn(
          { reason: failure.reason, status: failure.status },
          'unauthenticated request refused',
        );
        if (failure.status === 503) res.header('Retry-After', '30');
        return reject(res, failure.status, failure.message);
      }
      const turn = async (): Promise<RecordedResponse | undefined> =>
        adapter.runAuthenticated(authentication, activity, async (context) => {
          await app.run(context);
        });
      const work = this.options.redelivery ? this.options.redelivery.runOnce(activity, turn) : turn();
      const answer = await this.withinDeadline(work, activity);
      if (answer === stillWorking) {
        if (activity.type === 'invoke') res.send(200, stillWorkingAnswer());
        else res.send(200);
      } else if (answer) res.send(answer.status, answer.body);
      else res.send(200);
    } catch (error) {
      this.logger.error({ err: error }, 'request failed');
      if (!res.headersSent) reject(res, 500, 'The bot failed to process the activity.');
    }
  }

  /** The turn's answer, or `stillWorking` when the deadline comes first (the turn goes on and is still tracked). */
  private async withinDeadline<T>(work: Promise<T>, activity: Activity): Promise<T | typeof stillWorking> {
    const deadline = this.options.turnDeadlineInMs;
    if (!deadline) return work;
    this.track(work);
    let timer: NodeJS.Timeout | undefined;
    const answer = await Promise.race([
      work,
      new Promise<typeof stillWorking>(
        (resolve) => (timer = setTimeout(() => resolve(stillWorking), deadline)),
      ),
    ]).finally(() => clearTimeout(timer));
    if (answer === stillWorking) {
      this.logger.warn(
        { activityId: activity.id, type: activity.type, deadlineInMs: deadline },
        'turn still running at its deadline; answered the request without waiting',
      );
      work.catch((error: unknown) => this.logger.error({ err: error }, 'turn failed after its deadline'));
    }
    return answer;
  }

  private track(work: Promise<unknown>): void {
    this.inFlight++;
    const settle = () => {
      this.inFlight--;
      if (this.inFlight === 0) this.drained?.();
    };
    work.then(settle, settle);
  }
}

/** What an invoke gets when its turn is still running at the deadline. */
function stillWorkingAnswer() {
  const card = messageCard({
    view: 'message',
    tone: 'info',
    title: 'Still working on it',
    text: 'opsbot is taking longer than usual with this press; the card updates when it is done.',
  });
  return { statusCode: 200, type: CardFactory.contentTypes.adaptiveCard, value: card };
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
