import { buildActivity, sendActivity, type ConnectorReply, type LocalConnector } from './local-connector';

/** What to send: conversations in parallel, each a sequence of turns. */
export interface LoadOptions {
  botUrl: string;
  connector: LocalConnector;
  conversations: number;
  turnsPerConversation: number;
  /** The text of turn `turn` in conversation `conversation`. */
  text: (conversation: number, turn: number) => string;
  /** Who speaks in a conversation. */
  from: (conversation: number) => { aadObjectId: string; name: string };
  /** A turn whose reply has not reached the connector by then counts as lost. */
  replyTimeoutInMs?: number;
  /** Prefix of the conversation ids, so runs do not share state. */
  runId: string;
}

/** What a load run measured. Latency is from sending the request to the first reply reaching the connector. */
export interface LoadReport {
  turns: number;
  errors: number;
  lostReplies: number;
  latenciesMs: number[];
  elapsedMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  turnsPerSecond: number;
  /** First error messages, for the report. */
  errorSamples: string[];
}

/**
 * The bench's load generator: conversations run concurrently, turns within a conversation one after
 * another (a person waits for the answer before asking again), like people in Teams.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const pending = new Map<string, (reply: ConnectorReply) => void>();
  const previous = options.connector.onReply;
  options.connector.onReply = (reply) => {
    previous?.(reply);
    const resolve = reply.replyToId ? pending.get(reply.replyToId) : undefined;
    if (resolve) {
      pending.delete(reply.replyToId!);
      resolve(reply);
    }
  };
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let lost = 0;
  const timeout = options.replyTimeoutInMs ?? 10_000;

  const conversation = async (c: number) => {
    for (let turn = 0; turn < options.turnsPerConversation; turn++) {
      const activity = buildActivity({
        serviceUrl: options.connector.url,
        conversationId: `a:${options.runId}-${c}`,
        from: options.from(c),
        text: options.text(c, turn),
      });
      const id = activity.id as string;
      let timer: NodeJS.Timeout | undefined;
      const replied = new Promise<ConnectorReply | undefined>((resolve) => {
        pending.set(id, resolve);
        timer = setTimeout(() => resolve(undefined), timeout);
      });
      const sentAt = performance.now();
      const response = await sendActivity(options.botUrl, activity).catch((error: Error) => ({
        status: 0,
        body: error.message,
      }));
      if (response.status !== 200) {
        errors++;
        if (errorSamples.length < 5)
          errorSamples.push(`HTTP ${response.status}: ${JSON.stringify(response.body)}`);
      }
      const reply = await replied;
      clearTimeout(timer);
      pending.delete(id);
      if (reply) latencies.push(reply.receivedAt - sentAt);
      else lost++;
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: options.conversations }, (_, c) => conversation(c)));
  const elapsedMs = performance.now() - started;
  options.connector.onReply = previous;

  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
  const turns = options.conversations * options.turnsPerConversation;
  return {
    turns,
    errors,
    lostReplies: lost,
    latenciesMs: latencies,
    elapsedMs,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: sorted.length ? sorted[sorted.length - 1] : NaN,
    turnsPerSecond: (latencies.length / elapsedMs) * 1000,
    errorSamples,
  };
}
