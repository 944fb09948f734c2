import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { ResourceKind } from '../config/resource-names';
import { parseCommand } from './command-router';
import type { ResourceMention } from './entity-resolver';
import { EntityResolver, tokenize } from './entity-resolver';
import type { Intent } from './intent';
import { findIncidentId, incidentSummary, trailingDetail } from './incident-text';
import { findNumbers } from './number-words';
import type { Router } from './router';
import type { ScopeVerdict } from './scope-guard';
import { checkScope } from './scope-guard';
import { resolveSeverity } from './severity';
import { parseTimeWindowHours } from './time-window';
import { cleanUtterance } from './utterance';

/** What the router learns from for one skill: its id, its kind and its declared example phrasings. */
export interface RoutingSkill {
  id: string;
  /** `change` skills get the extra guards: a matching verb, a matching resource kind, no unsupported action. */
  kind: string;
  examples: readonly string[];
}

/** Options of `createOfflineRouter`. */
export interface OfflineRouterOptions {
  config: LandingZoneConfig;
  /** The catalog's skills as data (core does not import `skills/`). */
  skills: readonly RoutingSkill[];
  /** Below this best score the answer is `none` (with the candidates as alternatives). Default 0.35. */
  noneBelow?: number;
}

/** The parameter a change skill's resource goes in, and its kind. */
const resourceParams: Record<string, { param: string; kind: ResourceKind }> = {
  'status.endpoint': { param: 'endpoint', kind: 'endpoint' },
  'status.compute': { param: 'cluster', kind: 'compute' },
  'compute.start': { param: 'cluster', kind: 'compute' },
  'compute.stop': { param: 'cluster', kind: 'compute' },
  'endpoint.scale': { param: 'endpoint', kind: 'endpoint' },
  'secret.rotate': { param: 'secret', kind: 'secret' },
};

/** Verbs a change request must use; without one, a change skill is never proposed. */
const changeVerbs: Record<string, RegExp> = {
  'compute.start':
    /\b(start\w*|spin(ning)? (it |them )?up|warm\w*|pre-?warm\w*|power\w* .{0,30}\b(on|up)|bring\w* .{0,30}\b(up|online|on line)|wake|boot\w*|turn\w* .{0,30}\bon|fire (it |them )?up|resume|scale (it |them )?up|allocate)\b/,
  'compute.stop':
    /\b(stop\w*|shut\w*|turn\w* .{0,30}\boff|power\w* .{0,30}\b(off|down)|(scale|take|bring)\w* .{0,30}\b(zero|0|down)|release|deallocate|pause|halt|spin(ning)? (it |them )?down|wind down|park)\b/,
  'endpoint.scale':
    /\b(scale\w*|bump\w*|increase\w*|decrease\w*|reduce\w*|raise|lower|set|resize\w*|add|more|fewer|less|double|halve|grow|shrink|give|run .{0,30} on|go to|bring .{0,30} to|change .{0,30} to|update .{0,30} to|up to|down to)\b/,
  'secret.rotate':
    /\b(rotat\w*|regenerat\w*|cycl\w*|roll(ed|ing)?|renew\w*|refresh\w*|new (api )?key|re-?key\w*|reissue|replace)\b/,
};

/**
 * A question about a change skill's subject that asks for no change ("how many instances does the
 * fraud endpoint have") is a status question about the same resource.
 */
const readCounterpart: Record<string, string> = {
  'endpoint.scale': 'status.endpoint',
  'compute.start': 'status.compute',
  'compute.stop': 'status.compute',
};

const placeholder: Record<ResourceKind, string | undefined> = {
  endpoint: 'endpoint',
  compute: 'cluster',
  secret: 'apikey',
  component: undefined,
};

/** What the router knows about one message besides its class. */
interface Analysis {
  text: string;
  lower: string;
  tokens: string[];
  mentions: ResourceMention[];
  verdict: ScopeVerdict;
  classifierText: string;
}

/**
 * The embedded router: an NLP.js intent classifier trained from the catalog's examples, with
 * entity resolution against the landing-zone config and deterministic scope guards. It only
 * proposes; `runSkill()` and the policy decide.
 */
export class OfflineRouter implements Router {
  private readonly kinds = new Map<string, string>();

  /** Use `createOfflineRouter`, which trains the classifier first. */
  constructor(
    private readonly nlp: Nlp,
    private readonly resolver: EntityResolver,
    private readonly config: LandingZoneConfig,
    skills: readonly RoutingSkill[],
    private readonly noneBelow: number,
  ) {
    for (const s of skills) this.kinds.set(s.id, s.kind);
  }

  async route(raw: string): Promise<Intent> {
    const { text, greeted } = cleanUtterance(raw);
    if (!text) return this.intent(greeted ? 'help' : 'none', {}, greeted ? 0.9 : 0.5);
    if (/^(thanks|thank you|thx|cheers|ok|okay|cool|great|nice|lol|good bot|bye|goodbye)\W*$/i.test(text)) {
      return this.intent('none', {}, 0.9);
    }
    const command = parseCommand(text, this.config);
    if (command) return command;

    const analysis = analyse(text, this.resolver);
    const { verdict } = analysis;
    if (verdict.outOfScope) return this.intent('none', {}, 0.95);
    if (
      verdict.unsupportedChange &&
      !verdict.question &&
      !/\b(incident|inc-?\d+|outage|sev ?\d|p[1-4])\b/.test(analysis.lower)
    ) {
      return this.intent('none', {}, 0.9);
    }

    const { classifications } = await this.nlp.classify('en', analysis.classifierText);
    const ranked = classifications
      .filter((c) => c.score > 0)
      .map((c) => ({
        skill: this.allowed(c.intent, analysis) ? c.intent : readCounterpart[c.intent],
        score: c.score,
      }))
      .filter((c): c is { skill: string; score: number } => c.skill !== undefined)
      .map((c) => ({ skill: this.adjust(c.skill, analysis), confidence: round(c.score) }))
      .filter((c, i, all) => all.findIndex((o) => o.skill === c.skill) === i);
    const top = classifications[0];
    const forbiddenAsked = classifications
      .slice(0, 3)
      .some(
        (c) =>
          this.kinds.get(c.intent) === 'change' &&
          changeVerbs[c.intent]?.test(analysis.lower) &&
          this.forbiddenChange(c.intent, analysis),
      );
    if (top && forbiddenAsked && !verdict.question && this.kinds.get(ranked[0]?.skill ?? '') !== 'change') {
      // Asked for a change the catalog does not offer on that resource: say so rather than guess.
      return this.intent('none', {}, round(top.score));
    }
    const best = ranked[0];
    const alternatives = ranked
      .slice(1, 4)
      .filter((c) => c.confidence >= 0.05 && c.skill !== 'none')
      .map((c) => ({ ...c, args: this.extractArgs(c.skill, analysis) }));
    if (!best || best.confidence < this.noneBelow) {
      const candidates = ranked
        .filter((c) => c.skill !== 'none' && this.kinds.get(c.skill) !== 'change')
        .slice(0, 3)
        .map((c) => ({ ...c, args: this.extractArgs(c.skill, analysis) }));
      return {
        ...this.intent('none', {}, round(1 - (best?.confidence ?? 0))),
        ...(candidates.length ? { alternatives: candidates } : {}),
      };
    }
    const intent = this.intent(best.skill, this.extractArgs(best.skill, analysis), best.confidence);
    return alternatives.length ? { ...intent, alternatives } : intent;
  }

  /** The guards that keep a change skill away from messages that do not ask for that change. */
  private allowed(skill: string, a: Analysis): boolean {
    if (this.kinds.get(skill) !== 'change') return true;
    if (a.verdict.question || this.forbiddenChange(skill, a)) return false;
    const verb = changeVerbs[skill];
    const hasNumber = findNumbers(a.tokens).length > 0;
    return verb
      ? verb.test(a.lower) ||
          (skill === 'endpoint.scale' && hasNumber && /\b(instances?|replicas?|nodes?)\b/.test(a.lower))
      : false;
  }

  /**
   * A change the catalog does not have: an unsupported action (restart, deploy, roll back, …) or
   * the skill's action on another kind of resource ("stop the fraud endpoint").
   */
  private forbiddenChange(skill: string, a: Analysis): boolean {
    if (a.verdict.unsupportedChange) return true;
    const wanted = resourceParams[skill]?.kind;
    const kinds = new Set(a.mentions.map((m) => m.kind));
    return Boolean(wanted && !kinds.has(wanted) && (kinds.has('endpoint') || kinds.has('compute')));
  }

  /** Endpoint vs compute status follows from which kind of resource the message names. */
  private adjust(skill: string, a: Analysis): string {
    const kinds = new Set(a.mentions.map((m) => m.kind));
    if (skill === 'status.compute' && kinds.has('endpoint') && !kinds.has('compute'))
      return 'status.endpoint';
    if (skill === 'status.endpoint' && kinds.has('compute') && !kinds.has('endpoint'))
      return 'status.compute';
    return skill;
  }

  private extractArgs(skill: string, a: Analysis): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    const resource = resourceParams[skill];
    if (resource) {
      const mention = a.mentions.find((m) => m.kind === resource.kind);
      if (mention) args[resource.param] = mention.canonical;
      else if (resource.kind === 'secret') {
        const account = a.mentions.find((m) => m.kind === 'component');
        const secret = account && this.config.secrets.find((s) => s.account === account.canonical);
        if (secret) args.secret = secret.name;
        else if (this.config.secrets.length === 1 && /\bkeys?\b/.test(a.lower))
          args.secret = this.config.secrets[0].name;
      }
    }
    switch (skill) {
      case 'status.jobs': {
        const hours = parseTimeWindowHours(a.lower);
        if (hours !== undefined) args.hours = hours;
        break;
      }
      case 'endpoint.scale': {
        const deployment = this.resolver.findDeployment(a.tokens, args.endpoint as string | undefined);
        if (deployment) args.deployment = deployment;
        const instances = absoluteCount(a);
        if (instances !== undefined) args.instances = instances;
        break;
      }
      case 'troubleshoot.ask':
        args.question = a.text;
        break;
      case 'incident.declare': {
        args.summary = incidentSummary(a.text);
        const severity = resolveSeverity(a.lower);
        if (severity) args.severity = severity;
        break;
      }
      case 'incident.ack':
      case 'incident.escalate':
      case 'incident.resolve': {
        const id = findIncidentId(a.text);
        if (id) args.incident = id;
        const detail = trailingDetail(a.text);
        if (detail && skill === 'incident.escalate') args.reason = detail;
        if (detail && skill === 'incident.resolve') args.resolution = detail;
        break;
      }
      default:
        break;
    }
    return args;
  }

  private intent(skill: string, args: Record<string, unknown>, confidence: number): Intent {
    return { skill, args, confidence, source: 'offline' };
  }
}

function analyse(text: string, resolver: EntityResolver): Analysis {
  const lower = text.toLowerCase();
  const tokens = tokenize(text);
  const mentions = resolver.findResources(tokens);
  const replaced: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const mention = mentions.find((m) => m.start === i);
    if (mention) {
      replaced.push(placeholder[mention.kind] ?? tokens.slice(mention.start, mention.end).join(' '));
      i = mention.end - 1;
    } else {
      replaced.push(tokens[i]);
    }
  }
  const classifierText = replaced.join(' ').replace(/\binc \d+\b/g, 'incident');
  return { text, lower, tokens, mentions, verdict: checkScope(lower), classifierText };
}

/**
 * The instance count a scale request sets, or undefined when it gives none or only a relative one
 * ("two more", "by 2", "double"), so that the clarify dialog asks for the number.
 */
function absoluteCount(a: Analysis): number | undefined {
  if (
    /\b(more|extra|additional|another|fewer|less|double|triple|halve|twice|by (\d+|[a-z]+))\b|\+\d/.test(
      a.lower,
    )
  )
    return undefined;
  const taken = (i: number) => a.mentions.some((m) => i >= m.start && i < m.end);
  const numbers = findNumbers(a.tokens).filter(
    (n) => !taken(n.start) && !/^(inc)$/.test(a.tokens[n.start - 1] ?? ''),
  );
  if (numbers.length === 0) return undefined;
  const unitAfter = numbers.find((n) =>
    /^(instances?|replicas?|nodes?|vms?|copies|pods?)$/.test(a.tokens[n.end] ?? ''),
  );
  const toBefore = [...numbers].reverse().find((n) => /^(to|at|on)$/.test(a.tokens[n.start - 1] ?? ''));
  const chosen = toBefore ?? unitAfter ?? (numbers.length === 1 ? numbers[0] : undefined);
  return chosen && chosen.value <= 50 ? chosen.value : undefined;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Trains the classifier on the skills' examples (entities replaced as at run time) and returns the router. */
export async function createOfflineRouter(options: OfflineRouterOptions): Promise<OfflineRouter> {
  const container = await containerBootstrap();
  container.use(LangEn);
  const nlp = new Nlp({
    languages: ['en'],
    container,
    nlu: { log: false },
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    forceNER: false,
  });
  const resolver = new EntityResolver(options.config);
  const router = new OfflineRouter(nlp, resolver, options.config, options.skills, options.noneBelow ?? 0.35);
  for (const skill of options.skills) {
    if (skill.examples.length === 0)
      throw new Error(`Offline router: skill "${skill.id}" has no examples to learn from.`);
    for (const example of skill.examples) {
      nlp.addDocument(
        'en',
        analyse(cleanUtterance(example).text || example, resolver).classifierText,
        skill.id,
      );
    }
  }
  await nlp.train();
  return router;
}
