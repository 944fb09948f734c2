import type { LandingZoneConfig } from '../config/landing-zone.schema';
import { listResourceNames } from '../config/resource-names';
import { ArgumentReader } from './argument-reader';
import { ChangeGate, endsAsked } from './change-gate';
import { CommandGrammar } from './command-router';
import { EntityResolver } from './entity-resolver';
import type { Intent } from './intent';
import type { IntentModel, IntentModelTrainer, TrainingDocument } from '../ports';
import { ackLead, intentCuePatterns, sentenceAsks } from './intent-cues';
import type { Analysis } from './message-analysis';
import { analyse, statusSkillFor, readFrame, readTail } from './message-analysis';
import { addressedToSomeoneElse, quotedMaterial } from './mood/addressed.mood';
import type { Router } from './router';
import { incidentProcessAsked, offlineIntent, RouteGate } from './route-gate';
import { scopeGuardPatterns } from './scope-guard';
import { impliedSeverityRules } from './severity';
import { plainWords } from './plain-words';
import { patternWords, SpellingCorrector } from './spelling-corrector';
import { parseTimeWindowHours } from './time-window';
import { normalizeText } from './text-normalizer';
import { cleanUtterance } from './utterance';
import type { RoutingCue, SkillContract, SkillId, SkillKind } from '../contract/skill-contract';

/** Options of `createOfflineRouter`. */
export interface OfflineRouterOptions {
  config: LandingZoneConfig;
  /** The catalog's skills: the router learns from their examples and reads their typed parameters. */
  skills: readonly SkillContract[];
  /** Below this best score the answer is `none` (with the candidates as alternatives). Default 0.35. */
  noneBelow?: number;
  /** The NLP library the classifier is trained with (adapters/nlu; core imports none). */
  intentModels: IntentModelTrainer;
}

/** Words the router reads although no example uses them: numbers, time units, pleasantries. */
const routerLexicon = [
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty dozen couple',
  'shutdown startup',
  'minute minutes hour hours day days week weeks month months tonight tomorrow weekend morning evening afternoon',
  'please thanks proceed mind kindly someone somebody anyone require',
].join(' ');

/** Longer messages are not routed at all (the chat refuses them with its own answer first). */
export const maxRoutedLength = 4000;

/**
 * The embedded router: an NLP.js intent classifier trained from the catalog's examples, with
 * entity resolution against the landing-zone config and deterministic scope guards. It only
 * proposes; `propose()` and the policy decide.
 */
export class OfflineRouter implements Router {
  private readonly kinds = new Map<SkillId, SkillKind>();
  private readonly skills = new Map<SkillId, SkillContract>();
  private readonly grammar: CommandGrammar;
  private readonly args: ArgumentReader;
  private readonly choice: RouteGate;
  private lastRead?: { raw: string; analysis: Analysis };

  /** Use `createOfflineRouter`, which trains the classifier first. */
  constructor(
    private readonly classifier: IntentModel,
    private readonly resolver: EntityResolver,
    config: LandingZoneConfig,
    skills: readonly SkillContract[],
    private readonly noneBelow: number,
    private readonly corrector: SpellingCorrector,
    gate: ChangeGate,
  ) {
    for (const s of skills) {
      this.kinds.set(s.id, s.kind);
      this.skills.set(s.id, s);
    }
    this.grammar = new CommandGrammar(skills, config);
    this.args = new ArgumentReader(config, resolver, skills);
    this.choice = new RouteGate(gate, skills, this.args);
  }

  async route(raw: string): Promise<Intent> {
    if (raw.length > maxRoutedLength) return offlineIntent('none', {}, 1);
    const { text, greeted, thanked } = cleanUtterance(normalizeText(raw, (w) => this.corrector.knows(w)));
    if (!text)
      return offlineIntent(greeted && !thanked ? 'help' : 'none', {}, greeted || thanked ? 0.9 : 0.5);
    if (/^(thanks|thank you|thx|cheers|ok|okay|cool|great|nice|lol|good bot|bye|goodbye)\W*$/i.test(text)) {
      return offlineIntent('none', {}, 0.9);
    }
    const analysis = this.analysisOf(raw, text);
    const parsed = this.grammar.parse(text);
    // A command form that does not say what its skill needs said ("note to self: …") is plain text.
    const cue = parsed ? this.skills.get(parsed.skill)?.mentionedBy : undefined;
    const command = parsed && (!cue || cue.test(analysis.lower)) ? parsed : undefined;
    if (command && analysis.verdict.outOfScope && command.skill !== 'help')
      return offlineIntent('none', {}, 0.95);
    if (command) return this.choice.holdDeclaration(this.choice.apply(command, analysis), analysis);
    return this.choice.holdDeclaration(
      this.choice.apply(await this.propose(analysis, thanked === true), analysis),
      analysis,
    );
  }

  /**
   * The same reading applied to a proposal another router made (the Azure OpenAI one): the scope
   * guard, and for a change or an incident action the change gate and the declaration's hold, as if
   * the classifier had proposed it. The mood of a message decides for every router alike.
   */
  review(raw: string, proposal: Intent): Intent {
    if (raw.length > maxRoutedLength) return { ...offlineIntent('none', {}, 1), source: proposal.source };
    const { text } = cleanUtterance(normalizeText(raw, (w) => this.corrector.knows(w)));
    if (!text) return proposal;
    const analysis = this.analysisOf(raw, text);
    if (analysis.verdict.outOfScope) return { ...offlineIntent('none', {}, 0.95), source: proposal.source };
    return this.choice.review(proposal, analysis);
  }

  /**
   * What the guards read of a message, and whether it carries somebody else's words. The last one is
   * kept: the Azure OpenAI router asks `route` (its fallback) and then `review` of the same message.
   */
  private analysisOf(raw: string, text: string): Analysis {
    if (this.lastRead?.raw === raw) return this.lastRead.analysis;
    const analysis = analyse(text, this.resolver, this.corrector);
    analysis.quoted = quotedMaterial.test(raw) || addressedToSomeoneElse(raw, (w) => this.corrector.knows(w));
    this.lastRead = { raw, analysis };
    return analysis;
  }

  /** What the classifier, the cues and the guards propose, before the change gate has its say. */
  private async propose(analysis: Analysis, thanked: boolean): Promise<Intent> {
    const { verdict, cues } = analysis;
    if (verdict.outOfScope) return offlineIntent('none', {}, 0.95);
    if (
      cues.standing &&
      !cues.howTo &&
      !cues.why &&
      !cues.hypothetical &&
      !cues.declare &&
      !sentenceAsks.test(analysis.lower)
    )
      return offlineIntent('none', {}, 0.9);
    if (cues.roster && !cues.howTo && !cues.why) return offlineIntent('none', {}, 0.9);
    // Who did what, and other trackers: the bot keeps neither ("who changed the autoscale settings", "Jira ticket AIP-221").
    if (
      /^who (?:changed|modified|touched|deleted|stopped|started|scaled|edited|updated|turned|rotated)\b|\b(?:jira|confluence|github issue|servicenow ticket)\b/.test(
        analysis.lower,
      ) &&
      !cues.declare
    )
      return offlineIntent('none', {}, 0.9);
    if (cues.smallTalk && !cues.operational && analysis.mentions.length === 0)
      return offlineIntent('none', {}, 0.9);
    if (cues.usage && analysis.mentions.length === 0) return offlineIntent('help', {}, 0.9);
    if (thanked && !cues.operational && analysis.mentions.length === 0) return offlineIntent('none', {}, 0.9);
    if (
      verdict.unsupportedChange &&
      !analysis.asksOnly &&
      !cues.declare &&
      !/\b(incident|inc-?\d+|outage|sev ?\d|p[1-4])\b/.test(analysis.lower)
    ) {
      return offlineIntent('none', {}, 0.9);
    }

    if (
      cues.noAction &&
      /\b(?:don'?t|don t|dont|do not|never|no need to)\b/.test(analysis.lower) &&
      !analysis.dismissed &&
      !verdict.question &&
      !cues.howTo &&
      !cues.why &&
      !endsAsked(analysis.lower) &&
      [...analysis.lower.matchAll(readTail)].length === 0 &&
      !readFrame.test(analysis.lower)
    ) {
      // "don't stop the gpu cluster, jobs are still running": a change waved away asks for nothing.
      return offlineIntent('none', {}, 0.9);
    }
    const classified = await this.classifier.classify(analysis.classifierText, analysis.views);
    const classifications = classified.map((c) => ({ ...c, intent: this.skillOf(c.intent) }));
    const ranked = classifications
      .filter((c) => c.score > 0)
      .map((c) => ({
        skill: this.choice.allowed(c.intent, analysis)
          ? c.intent
          : this.choice.readInstead(c.intent, analysis),
        score: c.score,
      }))
      .filter((c): c is { skill: SkillId; score: number } => c.skill !== undefined)
      .map((c) => ({ skill: statusSkillFor(c.skill, analysis), confidence: round(c.score) }))
      .filter((c, i, all) => all.findIndex((o) => o.skill === c.skill) === i);
    const top = classifications[0];
    // Asked for a change the catalog does not offer on that resource ("stop the fraud endpoint").
    // Start, stop and rotate are said in so many words; a change whose verbs are everyday words
    // (scaling's give, set, make: it declares marks) counts only when the classifier heard it at all.
    const anyChangeAllowed = [...this.kinds].some(
      ([skill, kind]) => kind === 'change' && this.choice.allowed(skill, analysis),
    );
    const forbiddenAsked =
      !anyChangeAllowed &&
      [...this.kinds].some(([skill, kind]) => {
        const heard =
          !this.skills.get(skill)?.request?.marks ||
          classifications.some((c) => c.intent === skill && c.score >= 0.02);
        const refusal = kind === 'change' && heard && this.choice.verdict(skill, analysis).refusal;
        return refusal === 'wrong-resource' || refusal === 'out-of-scope';
      });
    const cued = this.cuedSkill(analysis, ranked[0]?.skill, top?.intent, classifications);
    if (cued) {
      const scored = ranked.find((c) => c.skill === cued)?.confidence ?? 0;
      // A change is only as sure as the classifier is; a wording cue for a read or an incident is firm.
      const confidence = this.kindOf(cued) === 'change' ? scored : Math.max(0.85, scored);
      const others = ranked
        .filter((c) => c.skill !== cued && c.skill !== 'none' && c.confidence <= confidence - 0.15)
        .filter((c) => this.kindOf(c.skill) !== 'change' || cued !== 'troubleshoot.ask')
        .slice(0, 3)
        .map((c) => ({ ...c, args: this.args.read(c.skill, analysis) }));
      const intent = offlineIntent(cued, this.args.read(cued, analysis), round(confidence));
      return others.length ? { ...intent, alternatives: others } : intent;
    }
    const held =
      top && this.kindOf(top.intent) === 'change'
        ? this.choice.verdict(top.intent, analysis).refusal
        : undefined;
    if (
      (held === 'reported' || held === 'conditional' || held === 'negated') &&
      !analysis.dismissed &&
      !analysis.verdict.question &&
      !endsAsked(analysis.lower) &&
      [...analysis.lower.matchAll(readTail)].length === 0
    ) {
      // "my lead said we should shut down the cpu cluster", "if latency spikes, scale fraud": a change
      // held back is not a question about the resource; say what the bot can do instead.
      return offlineIntent('none', {}, round(top?.score ?? 0));
    }
    if (top && forbiddenAsked && !analysis.asksOnly && this.kindOf(ranked[0]?.skill) !== 'change') {
      // Asked for a change the catalog does not offer on that resource: say so rather than guess.
      return offlineIntent('none', {}, round(top.score));
    }
    const best = ranked[0];
    const alternatives = ranked
      .slice(1, 4)
      .filter((c) => c.confidence >= 0.05 && c.skill !== 'none')
      .map((c) => ({ ...c, args: this.args.read(c.skill, analysis) }));
    if (!best || best.confidence < this.noneBelow) {
      const candidates = ranked
        .filter((c) => c.skill !== 'none' && this.kindOf(c.skill) !== 'change')
        .slice(0, 3)
        .map((c) => ({ ...c, args: this.args.read(c.skill, analysis) }));
      return {
        ...offlineIntent('none', {}, round(1 - (best?.confidence ?? 0))),
        ...(candidates.length ? { alternatives: candidates } : {}),
      };
    }
    const intent = offlineIntent(best.skill, this.args.read(best.skill, analysis), best.confidence);
    return alternatives.length ? { ...intent, alternatives } : intent;
  }

  /**
   * The skill the wording of a message decides over the classifier's topic, if any: a request to
   * open an incident with a description is a declaration; a how-to or why question about a status
   * or change subject goes to the runbooks; quota wording goes to quota.
   */
  private cuedSkill(
    a: Analysis,
    top: SkillId | undefined,
    classifierTop: SkillId | undefined,
    classifications: readonly { intent: SkillId; score: number }[] = [],
  ): SkillId | undefined {
    const { cues, verdict } = a;
    const hypotheticalChange =
      cues.hypothetical &&
      (this.kindOf(classifierTop) === 'change' ||
        /\bwhat (?:would|will|could|might) happen|\bwhat happens\b/.test(a.lower));
    const asking = cues.howTo || cues.why || hypotheticalChange;
    const question = verdict.question || asking;
    if (ackLead.test(a.lower) && !question && !cues.declare && this.choice.allowed('incident.ack', a))
      return 'incident.ack';
    if (cues.declare && !question) return 'incident.declare';
    if ((cues.noAction || a.dismissed) && !question && this.kindOf(classifierTop) === 'change') {
      // "do not scale anything, just show me the fraud endpoint": the read part still stands.
      const readInstead =
        a.dismissed ||
        /\b(just|only|instead|but)\b.{0,20}\b(show|tell|check|give|list|report|what|how|see|view)\b/.test(
          a.lower,
        );
      return readInstead && top && this.kindOf(top) !== 'change' ? top : 'none';
    }
    if (asking && !cues.usage) {
      const subject =
        cues.operational ||
        a.mentions.length > 0 ||
        /\b(?:p[1-4]|sev ?[1-4]|incidents?|on-?call|escalat\w*|approv\w*|cab|change window|sla|respond|response time)\b/.test(
          a.lower,
        );
      const windowedJobs =
        top === 'status.jobs' && !cues.howTo && !cues.why && parseTimeWindowHours(a.lower) !== undefined;
      if (
        top === 'troubleshoot.ask' ||
        this.kindOf(classifierTop) === 'change' ||
        (subject && top !== undefined && this.givesWay(top, 'how-to') && !windowedJobs)
      )
        return 'troubleshoot.ask';
    }
    if (cues.quota && !asking && top !== undefined) {
      if (
        this.givesWay(top, 'quota') ||
        (verdict.question && top.startsWith('incident.')) ||
        (top === 'incident.list' &&
          !/\b(?:incidents?|inc-?\d+|p[1-4]s?|sev ?[1-4]?s?|outages?)\b/.test(a.lower))
      )
        return 'status.quota';
    }
    if (cues.openIncidents && !cues.declare && top !== undefined && this.givesWay(top, 'open-incidents'))
      return 'incident.list';
    if (
      incidentProcessAsked.test(a.lower) &&
      !cues.declare &&
      (top === undefined || this.givesWay(top, 'open-incidents') || top.startsWith('status.'))
    )
      return 'troubleshoot.ask';
    // "how fast must a P2 be answered": a question about incidents asks the runbooks, it declares nothing.
    if (top === 'incident.declare' && verdict.question && !cues.declare) return 'troubleshoot.ask';
    if (top && this.kindOf(top) !== 'change' && !cues.declare) {
      // A change asked for in so many words, on a named resource, decides over the topic.
      for (const [skill, kind] of this.kinds) {
        if (kind === 'change' && this.choice.verdict(skill, a).resource === 'named') return skill;
      }
    }
    if (!cues.declare && !question && !(top && this.choice.gated(top) && this.choice.allowed(top, a))) {
      // An incident action said in so many words ("mark INC-0051 as acknowledged") decides over a
      // classifier that leans to another action or to none, when it scored at all or names the incident.
      const incidentNamed = /\b(?:inc[- ]?\d+|incident)\b/.test(a.lower);
      const stated = classifications
        .filter((c) => this.choice.guardsIncident(c.intent) && c.intent !== top)
        .filter((c) => (c.score >= 0.1 || incidentNamed) && this.choice.allowed(c.intent, a));
      if (stated[0]) return stated[0].intent;
      if (incidentNamed) {
        const unscored = [...this.kinds.keys()].filter(
          (skill) =>
            this.choice.guardsIncident(skill) &&
            !classifications.some((c) => c.intent === skill) &&
            this.choice.allowed(skill, a),
        );
        if (unscored.length === 1) return unscored[0];
      }
    }
    return undefined;
  }

  private kindOf(skill: SkillId | undefined): SkillKind | undefined {
    return skill === undefined ? undefined : this.kinds.get(skill);
  }

  /** The classifier's label as a skill id; NLP.js answers its own "None" when no feature is known. */
  private skillOf(label: string): SkillId {
    return [...this.kinds.keys()].find((id) => id === label) ?? 'none';
  }

  /** Whether wording of this class takes a message away from the skill (its declaration says so). */
  private givesWay(skill: SkillId, cue: RoutingCue): boolean {
    return this.skills.get(skill)?.givesWayTo?.includes(cue) ?? false;
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Trains the classifier on the skills' examples (entities replaced as at run time) and returns the router. */
export async function createOfflineRouter(options: OfflineRouterOptions): Promise<OfflineRouter> {
  const resolver = new EntityResolver(options.config);
  const gate = new ChangeGate(options.config, options.skills);
  const corrector = new SpellingCorrector(
    [
      ...options.skills.flatMap((s) => s.examples),
      ...listResourceNames(options.config).flatMap((r) => r.names),
      ...options.config.endpoints.flatMap((e) => e.deployments.map((d) => d.name)),
      ...patternWords(
        ...scopeGuardPatterns,
        ...intentCuePatterns,
        ...impliedSeverityRules.map(([pattern]) => pattern),
      ),
      routerLexicon,
      ...gate.vocabulary(),
    ],
    { stem: (word) => options.intentModels.stem(word), alsoKnown: plainWords },
  );
  const documents: TrainingDocument[] = [];
  for (const skill of options.skills) {
    if (skill.examples.length === 0)
      throw new Error(`Offline router: skill "${skill.id}" has no examples to learn from.`);
    for (const example of skill.examples) {
      const text = analyse(cleanUtterance(normalizeText(example)).text || example, resolver, corrector);
      documents.push({ text: text.classifierText, intent: skill.id });
    }
  }
  return new OfflineRouter(
    await options.intentModels.train(documents),
    resolver,
    options.config,
    options.skills,
    options.noneBelow ?? 0.35,
    corrector,
    gate,
  );
}
