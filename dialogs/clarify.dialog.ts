import type { LandingZoneConfig } from '../core/config/landing-zone.schema';
import type { Clock, KeyValueStore } from '../core/ports';
import { CommandGrammar } from '../core/routing/command-router';
import { EntityResolver } from '../core/routing/entity-resolver';
import type { Intent } from '../core/routing/intent';
import type { ParamContext } from '../core/contract/param-kind';
import type { InteractionOwner, InteractionState } from './pending-interactions';
import { PendingInteractions } from './pending-interactions';
import type { ClarifyResult, MessageResult } from '../skills/results';
import type { SkillDeclaration } from '../skills/skill';

/** What the clarify dialog needs; built once by the composition root. */
export interface ClarifyDialogOptions {
  store: KeyValueStore;
  config: LandingZoneConfig;
  catalog: { get(id: string): SkillDeclaration | undefined; list(): SkillDeclaration[] };
  clock: Clock;
  /** Below this confidence the bot asks "Did you mean …?" instead of acting. Default 0.6. */
  askBelow?: number;
  /** When the runner-up is closer than this to the best skill, the bot asks. Default 0.15. */
  closeMargin?: number;
  /** A pending question is forgotten after this long. Default 30 minutes. */
  pendingTtlInMs?: number;
  /** Where the question waits for its answer; one of its own over `store` when absent. */
  interactions?: PendingInteractions;
}

/** Whose request a question belongs to: one person in one conversation (a group chat has many). */
export type ClarifyAsker = InteractionOwner;

/**
 * The audit record of a turn that ended in a question or a cancellation: the proposed skill (or
 * `none`) and only the arguments that already pass that skill's schema.
 */
export interface ClarifyAudit {
  skill: string;
  args: Record<string, unknown>;
  decision: 'clarify:asked' | 'clarify:did-you-mean' | 'clarify:cancelled';
  outcome: 'pending' | 'cancelled';
  detail: string;
}

/** What to do with a message: run an intent, reply (a question or "cancelled") and audit it, or route it as usual. */
export type ClarifyOutcome =
  | { action: 'run'; intent: Intent }
  | { action: 'reply'; result: ClarifyResult | MessageResult; audit: ClarifyAudit }
  | { action: 'pass' };

/** The question one person is waiting on, as stored in the registry under the kind `clarify`. */
type Pending =
  | { kind: 'argument'; intent: Intent; param: string; askedAt: string }
  | { kind: 'skill'; candidates: Intent[]; proposed?: string; askedAt: string };

const maxAuditedText = 200;

const cancelWords = /^(cancel|stop|abort|never ?mind|nevermind|forget it|no|nope|quit|exit)\W*$/i;

/**
 * The clarify dialog: asks for missing required arguments one at a time (with choices from the
 * config), asks "Did you mean …?" when the router is unsure, remembers the pending question per
 * person and conversation in the key/value store (a bystander in a group chat can neither answer
 * nor cancel someone else's question), and continues the original request once it is answered.
 * "cancel" drops it. It never runs a skill itself.
 */
export class ClarifyDialog {
  private readonly resolver: EntityResolver;
  private readonly grammar: CommandGrammar;
  private readonly askBelow: number;
  private readonly closeMargin: number;
  /** The registry the question waits in; the conversation dialog consults it once per message. */
  readonly interactions: PendingInteractions;

  constructor(private readonly options: ClarifyDialogOptions) {
    this.resolver = new EntityResolver(options.config);
    this.grammar = new CommandGrammar(options.catalog.list(), options.config);
    this.askBelow = options.askBelow ?? 0.6;
    this.closeMargin = options.closeMargin ?? 0.15;
    this.interactions =
      options.interactions ??
      new PendingInteractions({
        store: options.store,
        clock: options.clock,
        ttlInMs: { clarify: options.pendingTtlInMs ?? 30 * 60_000 },
      });
  }

  /**
   * Reads a message as the answer to the pending question of the person who sent it, if there is
   * one. `pass` when nothing is pending for them or the message is clearly a new request.
   */
  async resume(asker: ClarifyAsker, text: string): Promise<ClarifyOutcome> {
    const found = await this.interactions.find(asker);
    return found?.kind === 'clarify' ? this.answer(asker, found.state, text) : { action: 'pass' };
  }

  /** Reads a message as the answer to a question found in the registry (see `resume`). */
  async answer(asker: ClarifyAsker, state: InteractionState, text: string): Promise<ClarifyOutcome> {
    const pending = state as unknown as Pending;
    const answer = text.trim();
    if (cancelWords.test(answer)) {
      await this.clear(asker);
      return {
        action: 'reply',
        result: { view: 'message', tone: 'info', title: 'Cancelled', text: 'Cancelled. Nothing was run.' },
        audit: {
          ...this.proposal(pending),
          decision: 'clarify:cancelled',
          outcome: 'cancelled',
          detail: pending.kind === 'argument' ? `param=${pending.param}` : 'question=skill',
        },
      };
    }
    if (pending.kind === 'skill') {
      const chosen = this.pickCandidate(pending.candidates, answer);
      if (!chosen) {
        return this.notAnAnswer(asker, answer, () => ({
          result: this.skillQuestion(pending.candidates),
          audit: this.skillAudit(pending.proposed ?? 'none', pending.candidates, 'answer not understood'),
        }));
      }
      await this.clear(asker);
      return this.complete(asker, chosen);
    }
    const value = this.parseAnswer(pending.intent, pending.param, answer);
    if (value === undefined) {
      return this.notAnAnswer(asker, answer, () => ({
        result: this.argumentQuestion(pending.intent, pending.param, answer),
        audit: this.argumentAudit(pending.intent, pending.param, 'answer not understood'),
      }));
    }
    const intent = { ...pending.intent, args: { ...pending.intent.args, [pending.param]: value } };
    await this.clear(asker);
    return this.complete(asker, intent);
  }

  /**
   * Looks at a freshly routed intent: asks "Did you mean …?" when the router is unsure, asks for the
   * first missing required argument, or lets it run.
   */
  async review(asker: ClarifyAsker, intent: Intent): Promise<ClarifyOutcome> {
    if (intent.source !== 'command' && intent.skill !== 'none') {
      const runnerUp = intent.alternatives?.[0];
      const unsure =
        intent.confidence < this.askBelow ||
        (runnerUp && intent.confidence - runnerUp.confidence < this.closeMargin);
      if (unsure) {
        const candidates = [
          intent,
          ...(intent.alternatives ?? []).map((a) => this.alternative(intent, a)),
        ].slice(0, 3);
        if (candidates.length > 1 || intent.confidence < this.askBelow)
          return this.askSkill(asker, intent.skill, candidates);
      }
    }
    if (intent.skill === 'none' && intent.alternatives?.length) {
      return this.askSkill(
        asker,
        'none',
        intent.alternatives.slice(0, 3).map((a) => this.alternative(intent, a)),
      );
    }
    return this.complete(asker, intent);
  }

  private async complete(asker: ClarifyAsker, intent: Intent): Promise<ClarifyOutcome> {
    const param = this.firstMissing(intent);
    if (!param) return { action: 'run', intent };
    await this.save(asker, { kind: 'argument', intent, param, askedAt: this.now() });
    return {
      action: 'reply',
      result: this.argumentQuestion(intent, param),
      audit: this.argumentAudit(intent, param),
    };
  }

  private async askSkill(
    asker: ClarifyAsker,
    proposed: string,
    candidates: Intent[],
  ): Promise<ClarifyOutcome> {
    await this.save(asker, { kind: 'skill', candidates, proposed, askedAt: this.now() });
    return {
      action: 'reply',
      result: this.skillQuestion(candidates),
      audit: this.skillAudit(proposed, candidates),
    };
  }

  /** A message that does not answer the question: a new request passes through, anything else is asked again. */
  private async notAnAnswer(
    asker: ClarifyAsker,
    answer: string,
    again: () => { result: ClarifyResult; audit: ClarifyAudit },
  ): Promise<ClarifyOutcome> {
    if (this.grammar.parse(answer) || answer.split(/\s+/).length >= 4) {
      await this.clear(asker);
      return { action: 'pass' };
    }
    return { action: 'reply', ...again() };
  }

  private argumentAudit(intent: Intent, param: string, note?: string): ClarifyAudit {
    return {
      skill: intent.skill,
      args: this.knownArgs(intent),
      decision: 'clarify:asked',
      outcome: 'pending',
      detail: `${describeSource(intent)} param=${param}${note ? `; ${note}` : ''}`,
    };
  }

  private skillAudit(proposed: string, candidates: Intent[], note?: string): ClarifyAudit {
    const top = candidates.find((c) => c.skill === proposed);
    return {
      skill: proposed,
      args: top ? this.knownArgs(top) : {},
      decision: 'clarify:did-you-mean',
      outcome: 'pending',
      detail: `candidates=${candidates.map((c) => `${c.skill}@${c.confidence.toFixed(2)}`).join(',')}${note ? `; ${note}` : ''}`,
    };
  }

  /** The skill and arguments a pending question was about, for the audit record of its cancellation. */
  private proposal(pending: Pending): Pick<ClarifyAudit, 'skill' | 'args'> {
    if (pending.kind === 'argument')
      return { skill: pending.intent.skill, args: this.knownArgs(pending.intent) };
    const proposed = pending.proposed ?? 'none';
    const top = pending.candidates.find((c) => c.skill === proposed);
    return { skill: proposed, args: top ? this.knownArgs(top) : {} };
  }

  /**
   * The arguments the skill declares that each pass their own schema; text is cut at 200
   * characters, so free text from the router never reaches the audit log whole.
   */
  private knownArgs(intent: Intent): Record<string, unknown> {
    const params = this.options.catalog.get(intent.skill)?.params ?? {};
    const kept: Record<string, unknown> = {};
    for (const [key, { schema }] of Object.entries(params)) {
      const value = intent.args[key];
      if (value === undefined || !schema.safeParse(value).success) continue;
      kept[key] =
        typeof value === 'string' && value.length > maxAuditedText
          ? `${value.slice(0, maxAuditedText)}…`
          : value;
    }
    return kept;
  }

  /** The first required argument the skill's schema reports as missing, in declaration order. */
  private firstMissing(intent: Intent): string | undefined {
    const skill = this.options.catalog.get(intent.skill);
    if (!skill) return undefined;
    const parsed = skill.schema.safeParse(intent.args);
    if (parsed.success) return undefined;
    const missing = parsed.error.issues.find(
      (issue) => issue.path.length === 1 && intent.args[String(issue.path[0])] === undefined,
    );
    return missing ? String(missing.path[0]) : undefined;
  }

  /** The answer read by the parameter's kind (a resource by name or alias, a number, a severity, …). */
  private parseAnswer(intent: Intent, param: string, answer: string): unknown {
    return this.options.catalog
      .get(intent.skill)
      ?.params[param]?.behaviour.resolve(answer, this.paramContext(intent));
  }

  private paramContext(intent: Intent): ParamContext {
    return { config: this.options.config, resolver: this.resolver, args: intent.args };
  }

  private pickCandidate(candidates: Intent[], answer: string): Intent | undefined {
    const wanted = answer.toLowerCase();
    const ordinal = /^(1|one|first|the first( one)?)$/.test(wanted)
      ? 0
      : /^(2|two|second|the second( one)?)$/.test(wanted)
        ? 1
        : /^(3|three|third|the third( one)?)$/.test(wanted)
          ? 2
          : -1;
    if (ordinal >= 0) return candidates[ordinal];
    return candidates.find(
      (c) => c.skill === wanted || this.options.catalog.get(c.skill)?.title.toLowerCase() === wanted,
    );
  }

  private alternative(intent: Intent, a: NonNullable<Intent['alternatives']>[number]): Intent {
    return { skill: a.skill, args: a.args ?? {}, confidence: a.confidence, source: intent.source };
  }

  private skillQuestion(candidates: Intent[]): ClarifyResult {
    const titled = candidates.map((c) => ({
      label: this.options.catalog.get(c.skill)?.title ?? c.skill,
      command: this.options.catalog.get(c.skill)?.title ?? c.skill,
    }));
    return {
      view: 'clarify',
      reason: 'skill',
      title: 'Did you mean …?',
      question: `I am not sure what you are asking for. Did you mean ${titled.map((t) => `"${t.label}"`).join(' or ')}?`,
      hint: 'Pick one, rephrase, or cancel. Nothing runs until you choose.',
      choices: [...titled, { label: 'Cancel', command: 'cancel' }],
    };
  }

  /** The parameter's kind asks: its question, and its choices from the config. */
  private argumentQuestion(intent: Intent, param: string, notUnderstood?: string): ClarifyResult {
    const skill = this.options.catalog.get(intent.skill);
    const prefix = notUnderstood ? `I could not read "${notUnderstood}" as an answer. ` : '';
    const asked = skill?.params[param]?.behaviour.ask(param, this.paramContext(intent)) ?? {
      question: `Please give the ${param}.`,
      choices: [],
    };
    return {
      view: 'clarify',
      reason: 'argument',
      title: skill?.title ?? intent.skill,
      question: `${prefix}${asked.question}`,
      ...(asked.hint ? { hint: asked.hint } : {}),
      choices: [
        ...asked.choices.map((n) => ({ label: n, command: n })),
        { label: 'Cancel', command: 'cancel' },
      ],
    };
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }

  private save(asker: ClarifyAsker, pending: Pending): Promise<void> {
    return this.interactions.put('clarify', asker, pending as unknown as InteractionState);
  }

  private clear(asker: ClarifyAsker): Promise<void> {
    return this.interactions.clear('clarify', asker);
  }
}

function describeSource(intent: Intent): string {
  return `source=${intent.source} confidence=${intent.confidence.toFixed(2)}`;
}
