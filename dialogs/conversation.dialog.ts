import type { LandingZoneConfig } from '../core/config/landing-zone.schema';
import { ErrorCodes } from '../core/errors';
import type { Logger } from '../core/logger';
import type { AuditEvent, AuditLog, Clock, LandingZone } from '../core/ports';
import { parseCommand } from '../core/routing/command-router';
import type { Intent } from '../core/routing/intent';
import type { Router } from '../core/routing/router';
import type { SkillCatalog } from '../skills/catalog';
import type { MessageResult, SkillResult } from '../skills/results';
import { runSkill } from '../skills/run-skill';
import type { Caller, SkillContext } from '../skills/skill';
import type { ClarifyDialog } from './clarify.dialog';

/** Longest message the bot acts on; anything longer gets a polite refusal and runs nothing. */
export const maxMessageLength = 4000;

/** One incoming message, already stripped of @mentions by the transport. */
export interface ConversationTurn {
  text: string;
  caller: Caller;
  conversationId: string;
  correlationId: string;
  localMode: boolean;
  /** `card` when the text came from a card button rather than typing. */
  origin?: 'typed' | 'card';
}

/** What the conversation dialog needs; built once by the composition root. */
export interface ConversationDialogOptions {
  config: LandingZoneConfig;
  catalog: SkillCatalog;
  landingZone: LandingZone;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Natural-language router tried when the text is not a strict command. */
  router?: Router;
  /** Asks for missing arguments and "Did you mean …?" before anything runs; without it, intents run as routed. */
  clarify?: ClarifyDialog;
  /** Optional services handed to every skill (incidents, notifier, durable jobs, proactive chat). */
  services?: Pick<SkillContext, 'incidents' | 'notifier' | 'jobs' | 'incidentChat'>;
}

const exampleCommands: { label: string; command: string }[] = [
  { label: 'Help', command: 'help' },
  { label: 'Overview', command: 'status' },
  { label: 'Fraud endpoint', command: 'status fraud-detection' },
  { label: 'Training jobs', command: 'jobs 24' },
  { label: 'Alerts', command: 'alerts' },
];

/**
 * The conversation dialog turns one message into skill results: strict command first, then the
 * natural-language router, then `runSkill()`. Transport-neutral: it never sees an activity.
 */
export class ConversationDialog {
  private readonly logger: Logger;

  constructor(private readonly options: ConversationDialogOptions) {
    this.logger = options.logger.child({ component: 'conversation' });
  }

  async handleMessage(turn: ConversationTurn): Promise<SkillResult[]> {
    const text = turn.text.trim();
    if (text.length > maxMessageLength) {
      await this.audit(turn, {
        decision: 'rejected:too-long',
        outcome: `error:${ErrorCodes.activityRejected}`,
        detail: `length=${text.length}`,
      });
      return [tooLong(text.length)];
    }
    if (!text) {
      await this.audit(turn, { decision: 'empty', outcome: 'ignored', detail: 'no text after mentions' });
      return [emptyMessage()];
    }

    const clarify = this.options.clarify;
    const asker = { conversationId: turn.conversationId, aadObjectId: turn.caller.aadObjectId };
    const pending = clarify ? await clarify.resume(asker, text) : { action: 'pass' as const };
    if (pending.action === 'reply') {
      await this.audit(turn, pending.audit);
      return [pending.result];
    }
    let intent = pending.action === 'run' ? pending.intent : await this.route(text, turn);
    if (intent && clarify && pending.action === 'pass') {
      const reviewed = await clarify.review(asker, intent);
      if (reviewed.action === 'reply') {
        await this.audit(turn, reviewed.audit);
        return [reviewed.result];
      }
      if (reviewed.action === 'run') intent = reviewed.intent;
    }
    if (!intent || intent.skill === 'none') {
      await this.audit(turn, {
        decision: 'unknown-command',
        outcome: `error:${ErrorCodes.unknownCommand}`,
        detail: intent ? `router=${intent.source}` : 'no route',
      });
      return [notUnderstood(text, intent)];
    }

    const result = await runSkill(
      {
        skill: intent.skill,
        args: intent.args,
        source: turn.origin === 'card' ? 'card' : intent.source === 'command' ? 'command' : 'router',
        confidence: intent.confidence,
      },
      this.skillContext(turn),
      this.options.catalog,
    );
    return [result];
  }

  /** The router takes strict commands itself (and gates them like everything else); without one, commands only. */
  private async route(text: string, turn: ConversationTurn): Promise<Intent | undefined> {
    if (!this.options.router) return parseCommand(text, this.options.config);
    try {
      return await this.options.router.route(text);
    } catch (error) {
      this.logger.error(
        { err: error, correlationId: turn.correlationId },
        'router failed; treating the text as not understood',
      );
      return undefined;
    }
  }

  private skillContext(turn: ConversationTurn): SkillContext {
    const { config, landingZone, clock, audit, catalog } = this.options;
    return {
      caller: turn.caller,
      conversationId: turn.conversationId,
      correlationId: turn.correlationId,
      config,
      landingZone,
      clock,
      audit,
      logger: this.logger,
      localMode: turn.localMode,
      catalog,
      ...this.options.services,
    };
  }

  /** The one audit event of a turn that ends before `runSkill()`, which otherwise writes it. */
  private audit(
    turn: ConversationTurn,
    event: Pick<AuditEvent, 'decision' | 'outcome' | 'detail'> & Partial<Pick<AuditEvent, 'skill' | 'args'>>,
  ): Promise<void> {
    return this.options.audit.append({
      at: this.options.clock.now(),
      correlationId: turn.correlationId,
      actorId: turn.caller.aadObjectId,
      actorName: turn.caller.name,
      conversationId: turn.conversationId,
      skill: 'none',
      args: {},
      ...event,
    });
  }
}

function notUnderstood(text: string, intent: Intent | undefined): MessageResult {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  const nearest = (intent?.alternatives ?? []).slice(0, 3).map((a) => a.skill);
  return {
    view: 'message',
    tone: 'warning',
    title: 'I did not understand that',
    text:
      `I did not understand "${shown}". Try \`help\` to see what I can do for you, or one of these commands: ` +
      exampleCommands.map((c) => `\`${c.command}\``).join(', ') +
      '.' +
      (nearest.length ? ` The closest skills I know: ${nearest.join(', ')}.` : ''),
    suggestions: exampleCommands.slice(0, 3),
  };
}

function tooLong(length: number): MessageResult {
  return {
    view: 'message',
    tone: 'warning',
    title: 'That message is too long',
    text: `Your message has ${length.toLocaleString('en-US')} characters; I read at most ${maxMessageLength.toLocaleString('en-US')}. Nothing was run. Please send a shorter request, for example \`status\` or \`help\`.`,
    suggestions: [{ label: 'Help', command: 'help' }],
  };
}

function emptyMessage(): MessageResult {
  return {
    view: 'message',
    tone: 'info',
    text: 'Send me a request, for example `status` or `help`.',
    suggestions: exampleCommands.slice(0, 2),
  };
}
