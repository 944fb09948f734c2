import type { LandingZoneConfig } from '../core/config/landing-zone.schema';
import { ErrorCodes } from '../core/errors';
import type { KnowledgeBase } from '../core/knowledge/knowledge-base';
import type { Logger } from '../core/logger';
import type { AuditEvent, AuditLog, Clock, LandingZone, LandingZoneReader } from '../core/ports';
import { readOnlyLandingZone } from '../core/read-only-landing-zone';
import { CommandGrammar } from '../core/routing/command-router';
import type { FallbackReason, Intent } from '../core/routing/intent';
import type { Router } from '../core/routing/router';
import type { SkillCatalog } from '../skills/catalog';
import type { MessageResult, SkillResult } from '../skills/results';
import { propose } from '../skills/propose';
import type { Caller, SkillContext } from '../skills/skill';
import type { ClarifyDialog, ClarifyOutcome } from './clarify.dialog';
import { RecentTurns } from './recent-turns';
import type { InteractionOwner } from './pending-interactions';
import { parseChangeQuestion, readChangeModifiers, type ChangeQuestion } from './change-commands';
import { checkApprover } from '../core/policy/change-policy';
import { listChanges } from '../skills/change/propose-change';
import { isChangeSkill } from '../skills/change/change-facts';
import type { ChangeStore } from '../core/changes/change-request';
import type { JobStore } from '../core/scheduling/job-store';

/** Longest message the bot acts on; anything longer gets a polite refusal and runs nothing. */
export const maxMessageLength = 4000;

/** One incoming message, already stripped of @mentions by the transport. */
export interface ConversationTurn {
  text: string;
  caller: Caller;
  conversationId: string;
  correlationId: string;
  localMode: boolean;
  /**
   * `card` when the text came from a button on a card (a suggestion), `confirmation` when from the
   * confirming button of a preview card (it counts as typed).
   */
  origin?: 'typed' | 'card' | 'confirmation';
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
  /** Where change proposals are kept; without them, change skills answer that they are not enabled. */
  changes?: ChangeStore;
  jobs?: JobStore;
  /** The runbook knowledge base `troubleshoot.ask` answers from. */
  knowledge?: KnowledgeBase;
  /** Optional services handed to every skill (incidents, notifier, durable jobs, proactive chat). */
  services?: Pick<SkillContext, 'incidents' | 'notifier' | 'jobs' | 'incidentChat' | 'answerWriter'>;
}

/** A message read as a request: the routed intent and the change modifiers it carried. */
interface ChangeRequestReading {
  intent: Intent | undefined;
  dryRun?: boolean;
  emergency?: { reason: string };
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
 * natural-language router, then `propose()`. Transport-neutral: it never sees an activity.
 */
export class ConversationDialog {
  private readonly logger: Logger;
  private readonly reader: LandingZoneReader;
  private readonly grammar: CommandGrammar;
  private readonly recent = new RecentTurns();

  constructor(private readonly options: ConversationDialogOptions) {
    this.grammar = new CommandGrammar(options.catalog.list(), options.config);
    this.logger = options.logger.child({ component: 'conversation' });
    this.reader = readOnlyLandingZone(options.landingZone);
  }

  async handleMessage(turn: ConversationTurn): Promise<SkillResult[]> {
    const results = await this.answer(turn);
    const text = turn.text.trim();
    if (text && text.length <= maxMessageLength) this.recent.record(turn.conversationId, text, results);
    return results;
  }

  private async answer(turn: ConversationTurn): Promise<SkillResult[]> {
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

    const question = this.options.changes ? parseChangeQuestion(text) : undefined;
    if (question) return [await this.answerChangeQuestion(question, turn)];

    // One pipeline: the pending interactions consulted once, then route, review, propose.
    const asker = { conversationId: turn.conversationId, aadObjectId: turn.caller.aadObjectId };
    const continued = await this.continuePending(asker, text);
    if (continued?.action === 'reply') {
      await this.audit(turn, continued.audit);
      return [continued.result];
    }
    const request = continued ? { intent: continued.intent } : await this.understand(text, turn);
    const reviewed =
      continued || !request.intent || !this.options.clarify
        ? undefined
        : await this.options.clarify.review(asker, request.intent);
    if (reviewed?.action === 'reply') {
      await this.audit(turn, reviewed.audit);
      return [reviewed.result];
    }
    const intent = reviewed?.action === 'run' ? reviewed.intent : request.intent;
    const { dryRun, emergency } = request;
    if (!intent || intent.skill === 'none') {
      await this.audit(turn, {
        decision: 'unknown-command',
        outcome: `error:${ErrorCodes.unknownCommand}`,
        detail: intent ? `router=${intent.source}` : 'no route',
      });
      return [notUnderstood(text, intent)];
    }

    const result = await propose(
      {
        skill: intent.skill,
        args: intent.args,
        source: turn.origin === 'card' ? 'card' : intent.source === 'command' ? 'command' : 'router',
        confidence: intent.confidence,
        ...(dryRun ? { dryRun } : {}),
        ...(emergency ? { emergency } : {}),
      },
      this.skillContext(turn),
      this.options.catalog,
    );
    const note = fallbackNote(intent.fallback?.reason);
    return [note ? { ...result, routingNote: note } : result];
  }

  /** `changes`, `show CHG-…`, "what is waiting for my approval": read from the change store, audited. */
  private async answerChangeQuestion(question: ChangeQuestion, turn: ConversationTurn): Promise<SkillResult> {
    const ctx = { ...this.skillContext(turn), changes: this.options.changes! };
    const caller = turn.caller;
    await this.audit(turn, {
      decision: 'allowed',
      outcome: 'ok',
      detail: question.kind === 'show' ? `changes:show ${question.changeId}` : `changes:${question.which}`,
    });
    if (question.kind === 'list') {
      return listChanges(
        question.which,
        ctx,
        (change) =>
          checkApprover({
            decision: change.decision,
            requesterId: change.requester.aadObjectId,
            given: change.approvals,
            actor: { aadObjectId: caller.aadObjectId, roles: caller.roles },
          }).ok,
      );
    }
    const change = await ctx.changes.get(question.changeId);
    if (!change) {
      return {
        view: 'message',
        tone: 'warning',
        text: `There is no change request ${question.changeId}. Try \`changes\` for the recent ones.`,
      };
    }
    return { view: 'change-request', change };
  }

  /**
   * The interaction the person is in the middle of, read once from the registry, and what the
   * message does to it: a reply (the question again, or "cancelled") or the request it continues.
   * Undefined when nothing is pending or the message is a new request.
   */
  private async continuePending(
    asker: InteractionOwner,
    text: string,
  ): Promise<Exclude<ClarifyOutcome, { action: 'pass' }> | undefined> {
    const clarify = this.options.clarify;
    const found = clarify && (await clarify.interactions.find(asker));
    if (!clarify || !found) return undefined;
    switch (found.kind) {
      case 'clarify': {
        const outcome = await clarify.answer(asker, found.state, text);
        return outcome.action === 'pass' ? undefined : outcome;
      }
    }
  }

  /**
   * The request a message makes, routed once; "--dry-run", "what would happen if …" and
   * "emergency: …" apply to change requests only, so the words without them count when they ask
   * for a change, and the whole message otherwise.
   */
  private async understand(text: string, turn: ConversationTurn): Promise<ChangeRequestReading> {
    const modifiers = readChangeModifiers(text);
    if (modifiers.text !== text && (modifiers.dryRun || modifiers.emergency)) {
      const modified = await this.route(modifiers.text, turn);
      if (modified && isChangeSkill(modified.skill))
        return { intent: modified, dryRun: modifiers.dryRun, emergency: modifiers.emergency };
    }
    return { intent: await this.route(text, turn) };
  }

  /** The router takes strict commands itself (and gates them like everything else); without one, commands only. */
  private async route(text: string, turn: ConversationTurn): Promise<Intent | undefined> {
    if (!this.options.router) return this.grammar.parse(text);
    try {
      return await this.options.router.route(text, {
        caller: { aadObjectId: turn.caller.aadObjectId, roles: turn.caller.roles },
        conversationId: turn.conversationId,
        recentTurns: this.recent.of(turn.conversationId),
      });
    } catch (error) {
      this.logger.error(
        { err: error, correlationId: turn.correlationId },
        'router failed; treating the text as not understood',
      );
      return undefined;
    }
  }

  private skillContext(turn: ConversationTurn): SkillContext {
    const { config, clock, audit, catalog, knowledge } = this.options;
    return {
      caller: turn.caller,
      conversationId: turn.conversationId,
      correlationId: turn.correlationId,
      config,
      landingZone: this.reader,
      clock,
      audit,
      logger: this.logger,
      localMode: turn.localMode,
      catalog,
      ...(this.options.changes && this.options.jobs
        ? { changes: this.options.changes, jobs: this.options.jobs }
        : {}),
      knowledge,
      ...this.options.services,
    };
  }

  /** The one audit event of a turn that ends before `propose()`, which otherwise writes it. */
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

/** Why Azure OpenAI did not read a message, as the card's last line; nothing when it was not asked at all. */
const fallbackReasons: Record<FallbackReason, string | undefined> = {
  'no-tools': undefined,
  'breaker-open': 'Azure OpenAI is paused after repeated failures.',
  timeout: 'Azure OpenAI did not answer in time.',
  'rate-limited': 'Azure OpenAI is rate-limited right now.',
  'content-filter': 'Azure OpenAI’s content filter held the message.',
  error: 'Azure OpenAI answered with an error.',
  'unknown-tool': 'Azure OpenAI proposed a skill it was not offered.',
  'invalid-arguments': 'Azure OpenAI proposed arguments the skill does not take.',
};

function fallbackNote(reason: FallbackReason | undefined): string | undefined {
  const why = reason ? fallbackReasons[reason] : undefined;
  return why ? `Read by the offline router: ${why}` : undefined;
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
