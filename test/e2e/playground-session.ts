import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startAgentsPlayground, type RunningPlayground } from '../../bot/dev/agents-playground';
import { buildPlaygroundConfig } from '../../bot/dev/playground-config';
import { startBot, type RunningBot } from '../../bot/index';

/** Debian's chromium, or the one `CHROMIUM_PATH` names; the e2e tests never download a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumAvailable = existsSync(chromiumPath);

/** Where each step's screenshot is kept. */
export const artifactsDir = resolve(__dirname, '../../test-artifacts/e2e');

/** The chat input and the other selectors the tests rely on (roles and ARIA, plus the two documented hooks). */
export const selectors = {
  input: '[contenteditable][role=textbox][data-lexical-editor=true]',
  botMessage: '.fai-OutputCard',
  card: '.ac-adaptiveCard',
} as const;

/** A bot, an Agents Playground and a headless chromium on it, all on loopback. */
export interface PlaygroundSession {
  bot: RunningBot;
  playground: RunningPlayground;
  page: Page;
  /** Requests the page tried to make to anything but loopback; they were refused. */
  blockedRequests: string[];
  /** Number of bot messages shown in the open chat. */
  botMessageCount(): Promise<number>;
  /** Types a message and sends it with Enter. */
  say(text: string): Promise<void>;
  /** Waits for a bot message after the first `after` ones whose text matches, and returns it. */
  botReply(after: number, text: RegExp | string, timeoutInMs?: number): Promise<Locator>;
  /** Errors the page threw (uncaught), in order. */
  pageErrors: string[];
  screenshot(step: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the bot in-process (in-memory database), the playground as a child and chromium against it. */
export async function startPlaygroundSession(
  name: string,
  options: { as?: string; bot?: RunningBot } = {},
): Promise<PlaygroundSession> {
  const work = mkdtempSync(join(tmpdir(), 'opsbot-e2e-'));
  // A borrowed bot (another session's, to chat with it as someone else) is left running on close.
  const ownBot = !options.bot;
  const bot =
    options.bot ??
    (await startBot({
      env: {
        DATABASE_URL: 'sqlite::memory:',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SIM_SEED: '7',
        SHUTDOWN_GRACE_MS: '2000',
      },
    }));
  let playground: RunningPlayground | undefined;
  let context: BrowserContext | undefined;
  try {
    const configPath = join(work, 'm365agentsplayground.yml');
    writeFileSync(configPath, buildPlaygroundConfig(bot.config.landingZone, options.as));
    playground = await startAgentsPlayground({
      botUrl: bot.url,
      configPath,
      logFile: join(work, 'playground.log'),
      env: { PATH: process.env.PATH, HOME: work },
    });
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    await playground?.close();
    if (ownBot) await bot.close();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }

  const blockedRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (
      url.hostname === '127.0.0.1' ||
      url.hostname === 'localhost' ||
      url.protocol === 'data:' ||
      url.protocol === 'blob:'
    ) {
      return route.continue();
    }
    blockedRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(playground.url);

  const dir = join(artifactsDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let step = 0;
  const messages = page.locator(selectors.botMessage);
  const running = playground;
  const browser = context;
  return {
    bot,
    playground: running,
    page,
    blockedRequests,
    pageErrors,
    botMessageCount: () => messages.count(),
    async say(text) {
      const input = page.locator(selectors.input);
      await input.click();
      await input.pressSequentially(text);
      await input.press('Enter');
    },
    async botReply(after, text, timeoutInMs = 30_000) {
      const deadline = Date.now() + timeoutInMs;
      const matches = (value: string) => (typeof text === 'string' ? value.includes(text) : text.test(value));
      for (;;) {
        const count = await messages.count();
        for (let i = after; i < count; i++) {
          const message = messages.nth(i);
          if (matches(await message.innerText())) {
            await message.scrollIntoViewIfNeeded();
            return message;
          }
        }
        if (Date.now() > deadline) {
          const seen = await Promise.all(
            [...Array(Math.max(0, count - after)).keys()].map((k) => messages.nth(after + k).innerText()),
          );
          throw new Error(
            `No bot message after #${after} matches ${String(text)}. Seen:\n${seen.join('\n---\n') || '(none)'}`,
          );
        }
        await page.waitForTimeout(250);
      }
    },
    async screenshot(label) {
      step += 1;
      const path = join(dir, `${String(step).padStart(2, '0')}-${label}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await running.close();
      if (ownBot) await bot.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
