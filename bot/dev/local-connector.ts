import { randomUUID } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  Agent,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One activity the bot sent to the connector. */
export interface ConnectorReply {
  /** The id the connector gave it. */
  id: string;
  conversationId: string;
  /** The activity it answers (`replyToActivity`); undefined for a new message in the conversation. */
  replyToId?: string;
  /** `POST` for a new activity, `PUT` for an update. */
  method: string;
  activity: Record<string, unknown>;
  receivedAt: number;
}

/** What the connector answers instead of 200 (see `beforeRespond`). */
export interface ConnectorAnswer {
  status: number;
  headers?: Record<string, string>;
}

/**
 * A tiny Bot Framework connector on 127.0.0.1, the `serviceUrl` of test and bench activities: it
 * accepts the bot's replies (`POST /v3/conversations/:id/activities[/:replyToId]`) and updates
 * (`PUT …/activities/:id`), keeps them, and lets a caller wait for the reply to one activity.
 */
export interface LocalConnector {
  /** The `serviceUrl` to put into activities. */
  url: string;
  /** Every activity received, in order. */
  replies: ConnectorReply[];
  /** Resolves with the first `count` replies to `activityId`, or rejects after `timeoutInMs`. */
  waitForReplies(activityId: string, count?: number, timeoutInMs?: number): Promise<ConnectorReply[]>;
  /** Called for every reply as it arrives (the bench measures with it). */
  onReply?: (reply: ConnectorReply) => void;
  /**
   * Awaited before the connector answers the bot; a test holds a turn open with it, or answers with
   * another status (a throttled or failed call: the reply is still recorded, as an attempt).
   */
  beforeRespond?: (reply: ConnectorReply) => Promise<void | ConnectorAnswer>;
  close(): Promise<void>;
}

/** Starts a local connector on a free loopback port. */
export async function startConnector(): Promise<LocalConnector> {
  const replies: ConnectorReply[] = [];
  const waiters = new Set<() => void>();
  const connector: LocalConnector = {
    url: '',
    replies,
    waitForReplies(activityId, count = 1, timeoutInMs = 10_000) {
      const matching = () => replies.filter((r) => r.replyToId === activityId);
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = matching();
          if (found.length < count) return false;
          waiters.delete(check as () => void);
          clearTimeout(timer);
          resolve(found.slice(0, count));
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(
            new Error(
              `No ${count} repl${count === 1 ? 'y' : 'ies'} to activity ${activityId} within ${timeoutInMs} ms (got ${matching().length}).`,
            ),
          );
        }, timeoutInMs);
        if (!check()) waiters.add(check as () => void);
      });
    },
    close: async () => undefined,
  };

  const server = createServer((req, res) => {
    void receive(req, res);
  });
  const receive = async (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      respond(res, 404, '{"error":"not a connector route"}');
      return;
    }
    let activity: Record<string, unknown>;
    try {
      activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      respond(res, 400, '{"error":"invalid JSON"}');
      return;
    }
    const pathId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const id = req.method === 'PUT' && pathId ? pathId : randomUUID();
    const reply: ConnectorReply = {
      id,
      conversationId: decodeURIComponent(match[1]),
      replyToId: req.method === 'POST' ? (pathId ?? (activity.replyToId as string | undefined)) : undefined,
      method: req.method,
      activity,
      receivedAt: performance.now(),
    };
    replies.push(reply);
    connector.onReply?.(reply);
    for (const waiter of [...waiters]) waiter();
    const answer = connector.beforeRespond ? await connector.beforeRespond(reply) : undefined;
    if (answer && answer.status !== 200) {
      respond(
        res,
        answer.status,
        JSON.stringify({ error: { code: 'Scripted', message: `status ${answer.status}` } }),
        answer.headers,
      );
      return;
    }
    respond(res, 200, JSON.stringify({ id }));
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  connector.url = `http://127.0.0.1:${port}`;
  connector.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return connector;
}

/** Restify patches `ServerResponse` in this process, so `writeHead` is not chained. */
function respond(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

/** The parts of an activity a test usually sets; the rest gets sensible Teams-like defaults. */
export interface ActivityInit {
  type?: string;
  /** For invokes, e.g. `adaptiveCard/action`. */
  name?: string;
  text?: string;
  value?: unknown;
  /** Conversation id; a fresh one when absent. */
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  from?: { id?: string; name?: string; aadObjectId?: string };
  membersAdded?: { id: string; name?: string }[];
  serviceUrl: string;
}

/** The bot's identity in test activities. */
export const testBotAccount = { id: '28:opsbot-local', name: 'opsbot' };

/** Builds a Teams-like activity addressed to the bot. */
export function buildActivity(init: ActivityInit): Record<string, unknown> {
  const from = init.from ?? {};
  const activity: Record<string, unknown> = {
    type: init.type ?? 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: init.serviceUrl,
    from: {
      id: from.id ?? `29:${from.aadObjectId ?? 'user'}`,
      name: from.name ?? 'Test User',
      ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}),
    },
    recipient: testBotAccount,
    conversation: {
      id: init.conversationId ?? `a:${randomUUID()}`,
      conversationType: init.conversationType ?? 'personal',
      ...(init.conversationType && init.conversationType !== 'personal' ? { isGroup: true } : {}),
    },
    locale: 'en-US',
  };
  if (init.text !== undefined) activity.text = init.text;
  if (init.value !== undefined) activity.value = init.value;
  if (init.name !== undefined) activity.name = init.name;
  if (init.membersAdded) activity.membersAdded = init.membersAdded;
  return activity;
}

/** What `/api/messages` answered and what the bot sent back to the connector during the turn. */
export interface SendResult {
  status: number;
  /** The response body, parsed as JSON when it is JSON. */
  body: unknown;
  replies: ConnectorReply[];
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Posts a body to `${botUrl}/api/messages` and collects the connector's replies to it. Replies are
 * sent during the turn, so they are all there when the HTTP response arrives.
 */
export async function sendActivity(
  botUrl: string,
  activity: Record<string, unknown> | string | Buffer,
  options: { connector?: LocalConnector; headers?: Record<string, string> } = {},
): Promise<SendResult> {
  const payload =
    typeof activity === 'string' || Buffer.isBuffer(activity) ? activity : JSON.stringify(activity);
  const { status, text } = await post(`${botUrl}/api/messages`, payload, options.headers ?? {});
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON; keep the text
  }
  const id =
    typeof activity === 'object' && !Buffer.isBuffer(activity)
      ? (activity.id as string | undefined)
      : undefined;
  const replies = id && options.connector ? options.connector.replies.filter((r) => r.replyToId === id) : [];
  return { status, body, replies };
}

function post(
  url: string,
  payload: string | Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: keepAlive,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
