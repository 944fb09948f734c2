import type { LandingZoneConfig } from '../core/config/landing-zone.schema';
import type { ResourceKind } from '../core/config/resource-names';
import type { z } from 'zod/v4';
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

/** Whose request a question belongs to: one person in one conversation (a group chat has many). */
export interface ClarifyAsker {
  conversationId: string;
  /** Entra object id of the person who asked. */
  aadObjectId: string;
}

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

/** The question one person is waiting on, as stored under `clarify/<conversationId>/<aadObjectId>`. */
type Pending =
  | { kind: 'argument'; intent: Intent; param: string; askedAt: string }
  | { kind: 'skill'; candidates: Intent[]; proposed?: string; askedAt: string };

const maxAuditedText = 200;

const resourceParams: Record<string, ResourceKind> = {
  endpoint: 'endpoint',
  cluster: 'compute',
  secret: 'secret',
};
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
   * Reads a message as the answer to the pending question of the person who sent it, if there is
   * one. `pass` when nothing is pending for them or the message is clearly a new request.
   */
  async resume(asker: ClarifyAsker, text: string): Promise<ClarifyOutcome> {
    const pending = await this.load(asker);
    if (!pending) return { action: 'pass' };
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
    const value = this.parseAnswer(pending.param, answer, pending.intent.args);
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
    if (parseCommand(answer, this.options.config) || answer.split(/\s+/).length >= 4) {
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
    const params = this.options.catalog.get(intent.skill)?.params as unknown as
      | { shape?: Record<string, z.ZodType> }
      | undefined;
    const kept: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(params?.shape ?? {})) {
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

  private key(asker: ClarifyAsker): string {
    return `clarify/${asker.conversationId}/${asker.aadObjectId}`;
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }

  private async load(asker: ClarifyAsker): Promise<Pending | undefined> {
    const key = this.key(asker);
    const item = (await this.options.store.read([key]))[key];
    if (!item) return undefined;
    const pending = item.value as unknown as Pending;
    if (this.options.clock.now().getTime() - new Date(pending.askedAt).getTime() > this.ttlInMs) {
      await this.clear(asker);
      return undefined;
    }
    return pending;
  }

  private save(asker: ClarifyAsker, pending: Pending): Promise<void> {
    return this.options.store.write({
      [this.key(asker)]: { value: pending as unknown as Record<string, unknown> },
    });
  }

  private clear(asker: ClarifyAsker): Promise<void> {
    return this.options.store.delete([this.key(asker)]);
  }
}

function describeSource(intent: Intent): string {
  return `source=${intent.source} confidence=${intent.confidence.toFixed(2)}`;
}
