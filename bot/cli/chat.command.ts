import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { renderCardAsText, type CardButton } from '../dev/card-text';
import {
  buildActivity,
  sendActivity,
  startConnector,
  testBotAccount,
  type ActivityInit,
  type ConnectorReply,
} from '../dev/local-connector';
import { findRosterPerson } from '../dev/playground-config';
import { loadBotConfig } from '../config';
import type { Subcommand } from './opsbot.cli';

/** Who is typing in a terminal chat. */
export interface ChatUser {
  aadObjectId: string;
  name: string;
}

/** What a terminal chat needs; the command fills it from argv and the environment, tests inject streams. */
export interface ChatOptions {
  /** The bot's base URL, e.g. `http://127.0.0.1:3978`. */
  botUrl: string;
  user: ChatUser;
  /** Resolves `/user <name or id>` to a person; absent when there is no roster. */
  lookUpUser?: (nameOrId: string) => ChatUser | undefined;
  input: Readable;
  write: (text: string) => void;
  /** Conversation id; a fresh personal chat when absent. */
  conversationId?: string;
  /** Terminal width for cards. */
  width?: number;
}

const chatHelp = `Type a message and press Enter. A number presses the button shown as [#n].
  /user <name or aadObjectId>  continue as another person (e.g. an approver)
  /quit                        leave (Ctrl+D works too)
`;

interface Pending {
  /** Buttons shown so far, by number. */
  buttons: Map<number, CardButton>;
  next: number;
}

function describeAttachments(activity: Record<string, unknown>, pending: Pending, width: number): string[] {
  const lines: string[] = [];
  const text = typeof activity.text === 'string' ? activity.text.trim() : '';
  if (text) lines.push(...text.split('\n'));
  for (const attachment of (activity.attachments ?? []) as {
    contentType?: string;
    content?: Record<string, unknown>;
  }[]) {
    if (attachment.contentType === 'application/vnd.microsoft.card.adaptive' && attachment.content) {
      lines.push(...renderCard(attachment.content, pending, width));
    } else {
      lines.push(`[${attachment.contentType ?? 'attachment'}: not shown in the terminal]`);
    }
  }
  return lines;
}

function renderCard(card: Record<string, unknown>, pending: Pending, width: number): string[] {
  const rendered = renderCardAsText(card, pending.next, width - 2);
  rendered.buttons.forEach((button, i) => pending.buttons.set(pending.next + i, button));
  pending.next += rendered.buttons.length;
  return rendered.lines;
}

function frame(title: string, lines: string[]): string {
  return `\n${title}\n${lines.map((l) => (l ? `  ${l}` : '')).join('\n')}\n`;
}

/**
 * Runs a terminal chat with a bot over `/api/messages`, as Teams would: a local connector on
 * 127.0.0.1 is the `serviceUrl` that receives the bot's replies, cards are printed as text, and a
 * number presses the button shown with it (messageBack sends its text, a plain Submit its data, an
 * Execute an `adaptiveCard/action` invoke). Resolves with the exit code when the input ends.
 */
export async function runChat(options: ChatOptions): Promise<number> {
  const width = options.width ?? 100;
  const write = options.write;
  let user = options.user;
  const conversationId = options.conversationId ?? `a:opsbot-chat-${randomUUID()}`;
  const pending: Pending = { buttons: new Map(), next: 1 };

  try {
    const health = await fetch(`${options.botUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
    if (!health.ok) throw new Error(`HTTP ${health.status}`);
  } catch (error) {
    write(
      `Cannot reach opsbot at ${options.botUrl} (${(error as Error).message}). Is it running? Start it with \`npm start\`.\n`,
    );
    return 1;
  }

  const connector = await startConnector();
  connector.onReply = (reply: ConnectorReply) => {
    const lines = describeAttachments(reply.activity, pending, width);
    if (lines.length) write(frame(reply.method === 'PUT' ? 'opsbot (updated a card):' : 'opsbot:', lines));
  };

  const post = async (init: Omit<ActivityInit, 'serviceUrl'>, name?: string) => {
    const activity = buildActivity({
      ...init,
      serviceUrl: connector.url,
      conversationId,
      conversationType: 'personal',
      from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
    });
    if (name) activity.name = name;
    try {
      const result = await sendActivity(options.botUrl, activity);
      if (result.status >= 400)
        write(`\n(the bot answered HTTP ${result.status}: ${JSON.stringify(result.body)})\n`);
      return result;
    } catch (error) {
      write(`\n(could not reach the bot: ${(error as Error).message})\n`);
      return undefined;
    }
  };

  const press = async (number: number) => {
    const button = pending.buttons.get(number);
    if (!button) {
      write(`There is no button [#${number}].\n`);
      return;
    }
    const action = button.action;
    const data = (action.data ?? undefined) as Record<string, unknown> | undefined;
    const teams = data?.msteams as
      | { type?: string; text?: string; displayText?: string; value?: unknown }
      | undefined;
    switch (action.type) {
      case 'Action.OpenUrl':
        write(`Open in a browser: ${String(action.url)}\n`);
        return;
      case 'Action.ShowCard':
        if (action.card)
          write(
            frame(`${button.title}:`, renderCard(action.card as Record<string, unknown>, pending, width)),
          );
        return;
      case 'Action.Execute': {
        write(`you (button) > ${button.title}\n`);
        const result = await post(
          {
            type: 'invoke',
            value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} } },
          },
          'adaptiveCard/action',
        );
        const body = result?.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
        if (body?.type === 'application/vnd.microsoft.card.adaptive' && body.value) {
          write(
            frame(
              'opsbot (updated a card):',
              renderCard(body.value as Record<string, unknown>, pending, width),
            ),
          );
        } else if (
          body?.type === 'application/vnd.microsoft.activity.message' &&
          typeof body.value === 'string'
        ) {
          write(frame('opsbot:', [body.value]));
        }
        return;
      }
      case 'Action.Submit':
      default:
        if (teams?.type === 'messageBack') {
          write(`you (button) > ${teams.displayText ?? teams.text ?? button.title}\n`);
          const { msteams: _teams, ...rest } = data ?? {};
          await post({
            text: teams.text ?? '',
            value: teams.value ?? (Object.keys(rest).length ? rest : undefined),
          });
        } else if (teams?.type === 'imBack') {
          write(`you (button) > ${String(teams.value)}\n`);
          await post({ text: String(teams.value ?? '') });
        } else {
          write(`you (button) > ${button.title}\n`);
          await post({ value: data ?? {} });
        }
    }
  };

  write(`Chatting with opsbot at ${options.botUrl} as ${user.name} (${user.aadObjectId}). /quit to leave.\n`);
  await post({
    type: 'conversationUpdate',
    membersAdded: [{ id: testBotAccount.id, name: testBotAccount.name }],
  });

  const lines = createInterface({ input: options.input, terminal: false });
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      if (line === '/quit' || line === '/exit') break;
      if (line === '/help') {
        write(chatHelp);
      } else if (line.startsWith('/user')) {
        const wanted = line.slice(5).trim();
        const next = wanted ? options.lookUpUser?.(wanted) : undefined;
        if (next) {
          user = next;
          write(`You are now ${user.name} (${user.aadObjectId}).\n`);
        } else {
          write(`Unknown person "${wanted}"; give a roster name or an aadObjectId.\n`);
        }
      } else if (/^#?\d+$/.test(line)) {
        await press(Number(line.replace('#', '')));
      } else {
        await post({ text: line });
      }
    }
  } finally {
    lines.close();
    await connector.close();
  }
  return 0;
}

const usage = `Usage: npx opsbot chat [--url http://127.0.0.1:3978] [--user <aadObjectId or roster name>]

Chats with a running opsbot in the terminal, over the Bot Framework protocol (local mode).
${chatHelp}`;

const guidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

/** `opsbot chat`: a terminal chat with a running bot. */
export const chat: Subcommand = async (argv) => {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage);
      return 0;
    }
    if ((arg === '--url' || arg === '--user' || arg === '--conversation') && argv[i + 1] !== undefined)
      args[arg.slice(2)] = argv[++i];
    else {
      process.stderr.write(`opsbot chat: unknown or incomplete argument "${arg}".\n\n${usage}`);
      return 2;
    }
  }
  const config = loadBotConfig(process.env);
  const people = config.landingZone.people;
  const lookUpUser = (nameOrId: string): ChatUser | undefined => {
    const person = findRosterPerson(config.landingZone, nameOrId);
    if (person) return { aadObjectId: person.aadObjectId, name: person.name };
    return guidLike.test(nameOrId) ? { aadObjectId: nameOrId, name: 'Guest' } : undefined;
  };
  const user = args.user
    ? lookUpUser(args.user)
    : people[0] && { aadObjectId: people[0].aadObjectId, name: people[0].name };
  if (!user) {
    process.stderr.write(
      `opsbot chat: "${args.user}" is not in the roster (${people.map((p) => p.name).join(', ')}) and is not an aadObjectId.\n`,
    );
    return 2;
  }
  const botUrl = (args.url ?? `http://127.0.0.1:${config.port}`)
    .replace(/\/+$/, '')
    .replace(/\/api\/messages$/, '');
  return runChat({
    botUrl,
    user,
    lookUpUser,
    input: process.stdin,
    write: (text) => process.stdout.write(text),
    conversationId: args.conversation,
    width: process.stdout.columns ? Math.min(process.stdout.columns, 120) : 100,
  });
};
