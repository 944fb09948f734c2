import { Writable } from 'node:stream';
import { startBot, type RunningBot, type StartBotOptions } from '../../bot/index';
import {
  buildActivity,
  sendActivity,
  startConnector,
  type ActivityInit,
  type LocalConnector,
  type SendResult,
} from './connector';
import { demoPeople } from './landing-zone-config';

/** A bot started in-process on a free port with a local connector catching its replies. */
export interface TestBot {
  bot: RunningBot;
  connector: LocalConnector;
  /** Log lines the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Sends a message as `from` (Alex Wilber by default) and returns the HTTP answer and the replies. */
  say(text: string, init?: Partial<ActivityInit>): Promise<SendResult>;
  /** Sends any activity built from `init`. */
  send(init: Partial<ActivityInit>): Promise<SendResult>;
  /** The Adaptive Card contents of replies, in order. */
  cards(result: SendResult): Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * Starts opsbot with an in-memory database (unless `env.DATABASE_URL` says otherwise), on port 0,
 * in local mode, plus a connector. Environment entries given here are the whole environment.
 */
export async function startTestBot(
  env: Record<string, string> = {},
  options: Omit<StartBotOptions, 'env'> = {},
): Promise<TestBot> {
  const logs: Record<string, unknown>[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const bot = await startBot({
    env: { DATABASE_URL: 'sqlite::memory:', PORT: '0', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '5000', ...env },
    logDestination,
    ...options,
  });
  const connector = await startConnector();
  const send = (init: Partial<ActivityInit>) =>
    sendActivity(bot.url, buildActivity({ serviceUrl: connector.url, ...init }), { connector });
  return {
    bot,
    connector,
    logs,
    send,
    say: (text, init = {}) =>
      send({ from: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' }, ...init, text }),
    cards: (result) =>
      result.replies.flatMap((r) =>
        ((r.activity.attachments ?? []) as { contentType: string; content: Record<string, unknown> }[])
          .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
          .map((a) => a.content),
      ),
    close: async () => {
      await bot.close();
      await connector.close();
    },
  };
}
