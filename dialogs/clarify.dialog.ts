import type { LandingZoneConfig } from '../core/config/landing-zone.schema';
import type { ResourceKind } from '../core/config/resource-names';
import type { Clock, KeyValueStore } from '../core/ports';
import { parseCommand } from '../core/routing/command-router';
import { EntityResolver, tokenize } from '../core/routing/entity-resolver';
import { findIncidentId } from '../core/routing/incident-text';
import type { Intent } from '../core/routing/intent';
import { parseNumberPhrase } from '../core/routing/number-words';
import { explicitSeverity } from '../core/routing/severity';
import { parseTimeWindowHours } from '../core/routing/time-window';
import type { ClarifyResult, MessageResult } from '../skills/results';
import type { SkillDeclaration } from '../skills/skill';

/** What the clarify dialog needs; built once by the composition root. */
export interface ClarifyDialogOptions {
  store: KeyValueStore;
  config: LandingZoneConfig;
  catalog: { get(id: string): SkillDeclaration | undefined };
  clock: Clock;
  /** Below this confidence the bot asks "Did you mean …?" instead of acting. Default 0.6. */
  askBelow?: number;
  /** When the runner-up is closer than this to the best skill, the bot asks. Default 0.15. */
  closeMargin?: number;
  /** A pending question is forgotten after this long. Default 30 minutes. */
  pendingTtlInMs?: number;
}

/** What to do with a message: run an intent, reply (a question or "cancelled"), or route it as usual. */
export type ClarifyOutcome =
  | { action: 'run'; intent: Intent }
  | { action: 'reply'; result: ClarifyResult | MessageResult }
  | { action: 'pass' };

/** The question a conversation is waiting on, as stored under `clarify/<conversationId>`. */
type Pending =
  | { kind: 'argument'; intent: Intent; param: string; askedAt: string }
  | { kind: 'skill'; candidates: Intent[]; askedAt: string };

const resourceParams: Record<string, ResourceKind> = {
  endpoint: 'endpoint',
  cluster: 'compute',
  secret: 'secret',
};
const cancelWords = /^(cancel|stop|abort|never ?mind|nevermind|forget it|no|nope|quit|exit)\W*$/i;

/**
 * The clarify dialog: asks for missing required arguments one at a time (with choices from the
 * config), asks "Did you mean …?" when the router is unsure, remembers the pending question per
 * conversation in the key/value store, and continues the original request once it is answered.
 * "cancel" drops it. It never runs a skill itself.
 */
export class ClarifyDialog {
  private readonly resolver: EntityResolver;
  private readonly askBelow: number;
  private readonly closeMargin: number;
  private readonly ttlInMs: number;

  constructor(private readonly options: ClarifyDialogOptions) {
    this.resolver = new EntityResolver(options.config);
    this.askBelow = options.askBelow ?? 0.6;
    this.closeMargin = options.closeMargin ?? 0.15;
    this.ttlInMs = options.pendingTtlInMs ?? 30 * 60_000;
  }

  /**
   * Reads a message as the answer to this conversation's pending question, if there is one.
   * `pass` when nothing is pending or the message is clearly a new request.
   */
  async resume(conversationId: string, text: string): Promise<ClarifyOutcome> {
    const pending = await this.load(conversationId);
    if (!pending) return { action: 'pass' };
    const answer = text.trim();
    if (cancelWords.test(answer)) {
      await this.clear(conversationId);
      return {
        action: 'reply',
        result: { view: 'message', tone: 'info', title: 'Cancelled', text: 'Cancelled. Nothing was run.' },
      };
    }
    if (pending.kind === 'skill') {
      const chosen = this.pickCandidate(pending.candidates, answer);
      if (!chosen)
        return this.notAnAnswer(conversationId, answer, () => this.skillQuestion(pending.candidates));
      await this.clear(conversationId);
      return this.complete(conversationId, chosen);
    }
    const value = this.parseAnswer(pending.param, answer, pending.intent.args);
    if (value === undefined) {
      return this.notAnAnswer(conversationId, answer, () =>
        this.argumentQuestion(pending.intent, pending.param, answer),
      );
    }
    const intent = { ...pending.intent, args: { ...pending.intent.args, [pending.param]: value } };
    await this.clear(conversationId);
    return this.complete(conversationId, intent);
  }

  /**
   * Looks at a freshly routed intent: asks "Did you mean …?" when the router is unsure, asks for the
   * first missing required argument, or lets it run.
   */
  async review(conversationId: string, intent: Intent): Promise<ClarifyOutcome> {
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
          return this.askSkill(conversationId, candidates);
      }
    }
    if (intent.skill === 'none' && intent.alternatives?.length) {
      return this.askSkill(
        conversationId,
        intent.alternatives.slice(0, 3).map((a) => this.alternative(intent, a)),
      );
    }
    return this.complete(conversationId, intent);
  }

  private async complete(conversationId: string, intent: Intent): Promise<ClarifyOutcome> {
    const param = this.firstMissing(intent);
    if (!param) return { action: 'run', intent };
    await this.save(conversationId, { kind: 'argument', intent, param, askedAt: this.now() });
    return { action: 'reply', result: this.argumentQuestion(intent, param) };
  }

  private async askSkill(conversationId: string, candidates: Intent[]): Promise<ClarifyOutcome> {
    await this.save(conversationId, { kind: 'skill', candidates, askedAt: this.now() });
    return { action: 'reply', result: this.skillQuestion(candidates) };
  }

  /** A message that does not answer the question: a new request passes through, anything else is asked again. */
  private async notAnAnswer(
    conversationId: string,
    answer: string,
    again: () => ClarifyResult,
  ): Promise<ClarifyOutcome> {
    if (parseCommand(answer, this.options.config) || answer.split(/\s+/).length >= 4) {
      await this.clear(conversationId);
      return { action: 'pass' };
    }
    return { action: 'reply', result: again() };
  }

  /** The first required argument the skill's schema reports as missing, in declaration order. */
  private firstMissing(intent: Intent): string | undefined {
    const skill = this.options.catalog.get(intent.skill);
    if (!skill) return undefined;
    const parsed = skill.params.safeParse(intent.args);
    if (parsed.success) return undefined;
    const missing = parsed.error.issues.find(
      (issue) => issue.path.length === 1 && intent.args[String(issue.path[0])] === undefined,
    );
    return missing ? String(missing.path[0]) : undefined;
  }

  private parseAnswer(param: string, answer: string, args: Record<string, unknown>): unknown {
    const kind = resourceParams[param];
    if (kind) return this.resolver.resolve(kind, answer);
    switch (param) {
      case 'instances': {
        const n = parseNumberPhrase(answer);
        return n !== undefined && n >= 0 && n <= 50 ? n : undefined;
      }
      case 'hours':
        return parseNumberPhrase(answer) ?? parseTimeWindowHours(answer);
      case 'deployment':
        return this.resolver.findDeployment(tokenize(answer), args.endpoint as string | undefined);
      case 'severity':
        return explicitSeverity(answer) ?? (/^p?[1-4]$/i.test(answer) ? `P${answer.slice(-1)}` : undefined);
      case 'incident':
        return findIncidentId(answer);
      default:
        return answer.length >= 3 ? answer : undefined;
    }
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

  private argumentQuestion(intent: Intent, param: string, notUnderstood?: string): ClarifyResult {
    const { config } = this.options;
    const skill = this.options.catalog.get(intent.skill);
    const prefix = notUnderstood ? `I could not read "${notUnderstood}" as an answer. ` : '';
    const cancel = { label: 'Cancel', command: 'cancel' };
    const choose = (names: string[]) => [...names.map((n) => ({ label: n, command: n })), cancel];
    const base = {
      view: 'clarify' as const,
      reason: 'argument' as const,
      title: skill?.title ?? intent.skill,
    };
    switch (param) {
      case 'endpoint':
        return {
          ...base,
          question: `${prefix}Which endpoint?`,
          choices: choose(config.endpoints.map((e) => e.name)),
        };
      case 'cluster':
        return {
          ...base,
          question: `${prefix}Which compute?`,
          choices: choose(config.computes.map((c) => c.name)),
        };
      case 'secret':
        return {
          ...base,
          question: `${prefix}Which secret?`,
          choices: choose(config.secrets.map((s) => s.name)),
        };
      case 'instances': {
        const endpoint = config.endpoints.find((e) => e.name === intent.args.endpoint);
        const bounds = endpoint?.autoscale;
        return {
          ...base,
          question: `${prefix}How many instances should ${endpoint ? `${endpoint.name}${intent.args.deployment ? ` (${String(intent.args.deployment)})` : ''}` : 'the deployment'} run? Give an absolute number.`,
          hint: bounds
            ? `Autoscale keeps it between ${bounds.minInstances} and ${bounds.maxInstances}; outside that range it is a normal change that needs approval.`
            : undefined,
          choices: bounds
            ? [
                ...new Set([
                  bounds.minInstances,
                  Math.round((bounds.minInstances + bounds.maxInstances) / 2),
                  bounds.maxInstances,
                ]),
              ]
                .map((n) => ({ label: String(n), command: String(n) }))
                .concat(cancel)
            : [cancel],
        };
      }
      case 'summary':
        return {
          ...base,
          question: `${prefix}What is wrong? Describe it in one sentence.`,
          choices: [cancel],
        };
      case 'question':
        return { ...base, question: `${prefix}What would you like to know?`, choices: [cancel] };
      default:
        return { ...base, question: `${prefix}Please give the ${param}.`, choices: [cancel] };
    }
  }

  private key(conversationId: string): string {
    return `clarify/${conversationId}`;
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }

  private async load(conversationId: string): Promise<Pending | undefined> {
    const key = this.key(conversationId);
    const item = (await this.options.store.read([key]))[key];
    if (!item) return undefined;
    const pending = item.value as unknown as Pending;
    if (this.options.clock.now().getTime() - new Date(pending.askedAt).getTime() > this.ttlInMs) {
      await this.clear(conversationId);
      return undefined;
    }
    return pending;
  }

  private save(conversationId: string, pending: Pending): Promise<void> {
    return this.options.store.write({
      [this.key(conversationId)]: { value: pending as unknown as Record<string, unknown> },
    });
  }

  private clear(conversationId: string): Promise<void> {
    return this.options.store.delete([this.key(conversationId)]);
  }
}
