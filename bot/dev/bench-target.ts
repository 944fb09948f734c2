import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startBot } from '../index';
import { projectRoot } from '../project-root';
import { startEchoBot } from './echo-bot';

/** Which bot the bench measures. */
export type BenchBotKind = 'opsbot' | 'echo';

/** What the process a bot runs in has used so far. */
export interface ProcessUsage {
  rssBytes: number;
  heapUsedBytes: number;
  /** The largest RSS the process has had. */
  maxRssBytes: number;
  /** User and system CPU time since the process started. */
  cpuMs: number;
}

/** A bot under the bench: where it listens, what its process uses, and how to stop it. */
export interface BenchTarget {
  url: string;
  /** `in-process` when the bot shares the load generator's process, else the child's pid. */
  process: 'in-process' | number;
  /** The usage of the process the bot runs in (for `in-process`, the generator's included). */
  usage(): Promise<ProcessUsage>;
  close(): Promise<void>;
}

/** What a child target sends its parent over the IPC channel. */
type ChildMessage = { url: string } | { usage: ProcessUsage };

function ownUsage(): ProcessUsage {
  const { rss, heapUsed } = process.memoryUsage();
  const { user, system } = process.cpuUsage();
  return {
    rssBytes: rss,
    heapUsedBytes: heapUsed,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    cpuMs: (user + system) / 1000,
  };
}

/** Starts a bot in this process. */
export async function startInProcessTarget(
  kind: BenchBotKind,
  env: Record<string, string>,
): Promise<BenchTarget> {
  const bot = kind === 'echo' ? await startEchoBot() : await startBot({ env });
  return {
    url: bot.url,
    process: 'in-process',
    usage: async () => ownUsage(),
    close: () => bot.close(),
  };
}

/**
 * Starts a bot in a child process of its own (`opsbot bench --serve <kind>`, the same launcher
 * `npm start` uses), so that its memory and CPU are its own and not the load generator's. The
 * child reports where it listens and, when asked, its memory and CPU time over IPC; `nodeOptions`
 * go to the child's Node (e.g. `--cpu-prof` to profile the bot side only).
 */
export async function startChildTarget(
  kind: BenchBotKind,
  env: Record<string, string>,
  nodeOptions: string[] = [],
): Promise<BenchTarget> {
  const child = fork(join(projectRoot, 'bin', 'opsbot.js'), ['bench', '--serve', kind], {
    // Only what the bot needs: a developer's own settings (app id, database) must not leak in.
    env: { PATH: process.env.PATH ?? '', ...env },
    execArgv: nodeOptions,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if ('url' in message) {
        child.off('exit', onExit);
        resolve(message.url);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`the ${kind} child exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  return {
    url,
    process: child.pid!,
    usage: () => ask(child),
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function ask(child: ChildProcess): Promise<ProcessUsage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (!('usage' in message)) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message.usage);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`the bot's child process exited with ${code} during the bench`));
    };
    if (child.exitCode !== null) return onExit(child.exitCode);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send('usage');
  });
}

/** The child's side of `startChildTarget`: serves one bot until SIGTERM or until the parent goes away. */
export async function serveBenchTarget(kind: BenchBotKind): Promise<number> {
  if (!process.send) throw new Error('bench --serve runs only as a child of `opsbot bench`.');
  const env = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const target = await startInProcessTarget(kind, env);
  process.send({ url: target.url } satisfies ChildMessage);
  process.on('message', (message) => {
    if (message === 'usage') process.send?.({ usage: ownUsage() } satisfies ChildMessage);
  });
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('disconnect', () => resolve());
  });
  await target.close();
  if (process.connected) process.disconnect();
  return 0;
}
