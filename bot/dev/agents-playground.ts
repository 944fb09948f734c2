import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { projectRoot } from '../project-root';

/** How to start the Microsoft 365 Agents Playground against a bot. */
export interface AgentsPlaygroundOptions {
  /** The bot's base URL, e.g. `http://127.0.0.1:3978`. */
  botUrl: string;
  /** The playground's port; a free one when 0 or absent. */
  port?: number;
  /** The playground config file (users, chats, team). */
  configPath: string;
  /** Where the playground writes its own log file. */
  logFile: string;
  /** The base environment for the child; `process.env` is neither read nor written here. */
  env: Record<string, string | undefined>;
  /** Receives the playground's console output; dropped when absent. */
  output?: (chunk: string) => void;
  /** How long to wait for it to listen. */
  startTimeoutInMs?: number;
}

/** A playground child process listening on loopback. */
export interface RunningPlayground {
  /** The web UI, e.g. `http://127.0.0.1:56150`. */
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code when the child ends by itself or after `close()`. */
  exited: Promise<number>;
  /** Stops the child (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  close(): Promise<void>;
}

/** The settings that keep the playground from phoning home or opening a browser. */
export const playgroundPrivacyEnv = {
  TEAMSAPPTESTER_BROWSER: 'none',
  APPLICATION_INSIGHTS_NO_STATSBEAT: '1',
  APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: '{"disableAppInsights":true,"disableStatsbeat":true}',
} as const;

const cliPath = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
const loopbackPreload = join(projectRoot, 'bot', 'dev', 'loopback-only.cjs');

/** Waits until the playground has loaded its config (it exits if the file is invalid). */
async function waitUntilReady(url: string, exited: Promise<number>, timeoutInMs: number): Promise<void> {
  let exitCode: number | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutInMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`The Agents Playground exited (code ${exitCode}) while starting; see its log file.`);
    try {
      const response = await fetch(`${url}/_internal/v1/config`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not serving yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The Agents Playground did not load its config within ${timeoutInMs} ms.`);
}

/** A free TCP port on 127.0.0.1. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the Agents Playground as a child process: channel msteams, telemetry off, no browser,
 * bound to 127.0.0.1 (a preloaded module gives its host-less `listen` calls the loopback address),
 * with its mock connector (`serviceUrl`) on the same loopback port.
 */
export async function startAgentsPlayground(options: AgentsPlaygroundOptions): Promise<RunningPlayground> {
  const port = options.port || (await freeLoopbackPort());
  const url = `http://127.0.0.1:${port}`;
  const nodeOptions = [options.env.NODE_OPTIONS, `--require ${JSON.stringify(loopbackPreload)}`]
    .filter(Boolean)
    .join(' ');
  const child = spawn(
    process.execPath,
    [
      cliPath,
      '--app-endpoint',
      `${options.botUrl}/api/messages`,
      '--channel-id',
      'msteams',
      '--port',
      String(port),
      '--service-url',
      `${url}/_connector`,
      '--disable-telemetry',
    ],
    {
      env: {
        ...options.env,
        ...playgroundPrivacyEnv,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
        NODE_OPTIONS: nodeOptions,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))),
  );
  let seen = '';
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `The Agents Playground did not start listening within ${options.startTimeoutInMs ?? 60_000} ms. Output:\n${seen}`,
          ),
        ),
      options.startTimeoutInMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.output?.(text);
      seen = (seen + text).slice(-4000);
      if (/Listening on \d+/.test(seen)) {
        const actual = Number(/Listening on (\d+)/.exec(seen)?.[1]);
        clearTimeout(timer);
        if (actual !== port)
          reject(new Error(`The Agents Playground listens on ${actual}, not on ${port} as asked.`));
        else resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The Agents Playground exited (code ${code}) before it listened. Output:\n${seen}`));
    });
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    })());

  try {
    await listening;
    await waitUntilReady(url, exited, options.startTimeoutInMs ?? 60_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, port, child, exited, close };
}
