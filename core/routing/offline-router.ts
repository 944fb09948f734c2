import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { ResourceKind } from '../config/resource-names';
import { listResourceNames } from '../config/resource-names';
import type { ChangeGateVerdict } from './change-gate';
import { ChangeGate, endsAsked } from './change-gate';
import { CommandGrammar } from './command-router';
import type { ResourceMention } from './entity-resolver';
import { EntityResolver, tokenize } from './entity-resolver';
import type { Intent } from './intent';
import type { IntentModel, IntentModelTrainer, TrainingDocument } from '../ports';
import type { IntentCues } from './intent-cues';
import { intentCuePatterns, readIntentCues } from './intent-cues';
import type { Router } from './router';
import type { ScopeVerdict } from './scope-guard';
import { checkScope, scopeGuardPatterns } from './scope-guard';
import { impliedSeverityRules } from './severity';
import { plainWords } from './plain-words';
import { patternWords, SpellingCorrector } from './spelling-corrector';
import { parseTimeWindowHours } from './time-window';
import { normalizeText } from './text-normalizer';
import { cleanUtterance } from './utterance';
import type { ParamContext } from '../contract/param-kind';
import type { RoutingCue, SkillContract, SkillId, SkillKind } from '../contract/skill-contract';
import { parseUsage } from '../contract/usage';

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

const placeholder: Record<ResourceKind, string | undefined> = {
  endpoint: 'endpoint',
  compute: 'cluster',
  secret: 'apikey',
  component: undefined,
};

/** Words the router reads although no example uses them: numbers, time units, pleasantries. */
const routerLexicon = [
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty dozen couple',
  'shutdown startup',
  'minute minutes hour hours day days week weeks month months tonight tomorrow weekend morning evening afternoon',
  'please thanks proceed mind kindly someone somebody anyone require',
].join(' ');

const declareVerbs = String.raw`(?:open|declare|raise|file|log|create|cut|page)`;
/** "should we open a p1?", "do we declare an incident": asked about, not asked for. */
const declarationAsked = new RegExp(
  String.raw`\b(?:should|shall|do|can|must|would|could|need) (?:we|i)(?: \w+){0,2}? ${declareVerbs}\b|\b(?:is it|is this) (?:worth|time to|enough to)\b`,
);
/** "don't open a p1", "no need to raise an incident": waved away. */
const declarationWaved = new RegExp(
  String.raw`\b(?:don'?t|don t|do not|no need to|not|never|without)(?: \w+){0,2}? ${declareVerbs}\b`,
);

/** A declaration that is past, conditional, about another ticket system or a non-event ("incident: none today"). */
const declarationHeld = new RegExp(
  String.raw`\b(?:was|were|been|got|already) (?:declared|opened|raised|logged|filed|created)\b|\b(?:someone|somebody|they|he|she|we|\w+) (?:opened|declared|raised|logged|filed) (?:an? |the )?(?:incident|p[1-4]|sev ?\d|ticket)\b|\b${declareVerbs}\b.{0,60}\b(?:if|when|whenever|once|unless|in case)\b|\bwith (?:microsoft|azure|the vendor|vendor|aws|google)(?: support)?\b|\b(?:resolved|recovered|none today|nothing to report|all green|false alarm|ignore|just kidding|jk|just a test|it was a test|test message|not worth|nah|no need)\b|\bcould escalate\b`,
);
/**
 * Text that is somebody else's or not meant as a request, seen in the raw message before markup is
 * stripped: code, quotes, struck-through text, pasted log lines with timestamps, numbered plans.
 */
const quotedMaterial =
  /```|`[^`]+`|~~|<\/?(?:s|del|strike|code|pre|blockquote|q)\b|(?:^|\n)\s*(?:>|&gt;|\$ )|\[\d{1,2}:\d{2}(?::\d{2})?\]|\[(?:firing|resolved|alert|alerts|system|admin|bot|info|warn|warning|error)\]|^\s*["'\u201c\u2018]|(?:^|\s)1[.)]\s.{1,200}\s2[.)]\s|(?:\s[-*\u2022]\s.{3,80}?){3,}|\boption a\b.{0,120}\boption b\b|https?:\/\/\S*(?:stop|start|scale|rotate|resolve|escalate)/i;

/** A sentence of the message that asks a question ("…: how many training runs failed?"). */
const sentenceAsks =
  /(?:^|[.:;!?]\s+)(?:how many|how much|what|which|when|where|who|is|are|did|does|do|has|have|was|were)\b[^.!]*\?\s*$/;

/** A Teams mention of a person other than the bot: the message is addressed to them ("<at>Lee Gu</at> scale fraud to 6"). */
function addressedToSomeoneElse(raw: string, knows: (word: string) => boolean): boolean {
  if ([...raw.matchAll(/<at>([^<]*)<\/at>/gi)].some((m) => !/\b(?:opsbot|ops bot|bot)\b/i.test(m[1])))
    return true;
  // A person called by name at the start of a sentence ("Ken, could you stop …", "hey Marco, start …",
  // "Zoe — go ahead"): a capitalised word the router has never seen, followed by a comma, dash or colon.
  return [...raw.matchAll(vocative)].some((m) => !knows(m[1].toLowerCase()));
}

/** A name in the calling position of a sentence (see `addressedToSomeoneElse`). */
const vocative =
  /(?:^|[.:;!?]\s+)(?:(?:hey|hi|hello|ok|okay|yes|yep|so|and|thanks)\s+)?([A-Z][a-z]{1,15})\s*(?:,|\u2014|\u2013|\s-\s|:)/g;

/** A request to see incidents by their state ("list incidents that haven't been resolved yet"). */
const incidentListAsked =
  /\b(?:list|show|which|what|any|how many|give me|see|display)\b.{0,40}\b(?:incidents|incs)\b|\bincidents\b.{0,40}\b(?:resolved|acked|acknowledged|escalated|closed|open|unresolved|unacked)\b/;
/** A question about the incident process ("what's the escalation path after L2", "who do I escalate to"). */
const incidentProcessAsked =
  /\bescalation (?:path|chain|matrix|tiers?|levels?|policy|process|contacts?|order|list|route)\b|\bwho (?:do|should|can|would|must) (?:i|we) (?:escalate|page|call|ping|contact)\b|\bhow (?:do|should|can|would|to)\b(?: (?:i|we|you))? (?:ack|acknowledge|escalate|resolve|close)\b|\b(?:who|what) (?:is|s|comes) (?:next|after)\b/;

/** What the router knows about one message besides its class. */
interface Analysis {
  /** The cleaned message as typed (questions and summaries keep the user's words). */
  text: string;
  /** Lower case, spelling-corrected: what the guards and argument readers look at. */
  lower: string;
  tokens: string[];
  mentions: ResourceMention[];
  verdict: ScopeVerdict;
  cues: IntentCues;
  /** Asks or says not to act: no change skill may be proposed. */
  asksOnly: boolean;
  /** Waves an action away before a read request ("no need to scale anything, just show me …"). */
  dismissed: boolean;
  classifierText: string;
  /** The classifier's words of each sentence or clause, when there is more than one. */
  views: string[];
  /** The change gate's verdicts, by skill, computed once per message. */
  gated: Map<string, ChangeGateVerdict>;
  /** The raw message carries quoted, pasted, struck-through or listed text (see `quotedMaterial`). */
  quoted?: boolean;
  /** The cleaned message in lower case before spelling correction. */
  typed: string;
}

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
  /** Per skill, the words of its strict command (a bare value after them is the strict form). */
  private readonly commandWords = new Map<SkillId, string[]>();

  /** Use `createOfflineRouter`, which trains the classifier first. */
  constructor(
    private readonly classifier: IntentModel,
    private readonly resolver: EntityResolver,
    private readonly config: LandingZoneConfig,
    skills: readonly SkillContract[],
    private readonly noneBelow: number,
    private readonly corrector: SpellingCorrector,
    private readonly gate: ChangeGate,
  ) {
    for (const s of skills) {
      this.kinds.set(s.id, s.kind);
      this.skills.set(s.id, s);
      this.commandWords.set(
        s.id,
        parseUsage(s).flatMap((part) => (part.type === 'words' ? part.words : [])),
      );
    }
    this.grammar = new CommandGrammar(skills, config);
  }

  async route(raw: string): Promise<Intent> {
    if (raw.length > maxRoutedLength) return this.intent('none', {}, 1);
    const { text, greeted, thanked } = cleanUtterance(normalizeText(raw, (w) => this.corrector.knows(w)));
    if (!text) return this.intent(greeted && !thanked ? 'help' : 'none', {}, greeted || thanked ? 0.9 : 0.5);
    if (/^(thanks|thank you|thx|cheers|ok|okay|cool|great|nice|lol|good bot|bye|goodbye)\W*$/i.test(text)) {
      return this.intent('none', {}, 0.9);
    }
    const analysis = analyse(text, this.resolver, this.corrector);
    analysis.quoted = quotedMaterial.test(raw) || addressedToSomeoneElse(raw, (w) => this.corrector.knows(w));
    const parsed = this.grammar.parse(text);
    // A command form that does not say what its skill needs said ("note to self: …") is plain text.
    const cue = parsed ? this.skills.get(parsed.skill)?.mentionedBy : undefined;
    const command = parsed && (!cue || cue.test(analysis.lower)) ? parsed : undefined;
    if (command && analysis.verdict.outOfScope && command.skill !== 'help')
      return this.intent('none', {}, 0.95);
    if (command) return this.holdDeclaration(this.gateChange(command, analysis), analysis);
    return this.holdDeclaration(
      this.gateChange(await this.propose(analysis, thanked === true), analysis),
      analysis,
    );
  }

  /** What the classifier, the cues and the guards propose, before the change gate has its say. */
  private async propose(analysis: Analysis, thanked: boolean): Promise<Intent> {
    const { verdict, cues } = analysis;
    if (verdict.outOfScope) return this.intent('none', {}, 0.95);
    if (
      cues.standing &&
      !cues.howTo &&
      !cues.why &&
      !cues.hypothetical &&
      !cues.declare &&
      !sentenceAsks.test(analysis.lower)
    )
      return this.intent('none', {}, 0.9);
    if (cues.roster && !cues.howTo && !cues.why) return this.intent('none', {}, 0.9);
    // Who did what, and other trackers: the bot keeps neither ("who changed the autoscale settings", "Jira ticket AIP-221").
    if (
      /^who (?:changed|modified|touched|deleted|stopped|started|scaled|edited|updated|turned|rotated)\b|\b(?:jira|confluence|github issue|servicenow ticket)\b/.test(
        analysis.lower,
      ) &&
      !cues.declare
    )
      return this.intent('none', {}, 0.9);
    if (cues.smallTalk && !cues.operational && analysis.mentions.length === 0)
      return this.intent('none', {}, 0.9);
    if (cues.usage && analysis.mentions.length === 0) return this.intent('help', {}, 0.9);
    if (thanked && !cues.operational && analysis.mentions.length === 0) return this.intent('none', {}, 0.9);
    if (
      verdict.unsupportedChange &&
      !analysis.asksOnly &&
      !cues.declare &&
      !/\b(incident|inc-?\d+|outage|sev ?\d|p[1-4])\b/.test(analysis.lower)
    ) {
      return this.intent('none', {}, 0.9);
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
      return this.intent('none', {}, 0.9);
    }
    const classified = await this.classifier.classify(analysis.classifierText, analysis.views);
    const classifications = classified.map((c) => ({ ...c, intent: this.skillOf(c.intent) }));
    const ranked = classifications
      .filter((c) => c.score > 0)
      .map((c) => ({
        skill: this.allowed(c.intent, analysis) ? c.intent : this.readInstead(c.intent, analysis),
        score: c.score,
      }))
      .filter((c): c is { skill: SkillId; score: number } => c.skill !== undefined)
      .map((c) => ({ skill: this.adjust(c.skill, analysis), confidence: round(c.score) }))
      .filter((c, i, all) => all.findIndex((o) => o.skill === c.skill) === i);
    const top = classifications[0];
    // Asked for a change the catalog does not offer on that resource ("stop the fraud endpoint").
    // Start, stop and rotate are said in so many words; scaling's verbs (give, set, make) are everyday
    // words, so a scale verb counts only when the classifier heard a scale request at all.
    const anyChangeAllowed = [...this.kinds].some(
      ([skill, kind]) => kind === 'change' && this.allowed(skill, analysis),
    );
    const forbiddenAsked =
      !anyChangeAllowed &&
      [...this.kinds].some(([skill, kind]) => {
        const heard =
          skill !== 'endpoint.scale' || classifications.some((c) => c.intent === skill && c.score >= 0.02);
        const refusal = kind === 'change' && heard && this.verdict(skill, analysis).refusal;
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
        .map((c) => ({ ...c, args: this.extractArgs(c.skill, analysis) }));
      const intent = this.intent(cued, this.extractArgs(cued, analysis), round(confidence));
      return others.length ? { ...intent, alternatives: others } : intent;
    }
    const held =
      top && this.kindOf(top.intent) === 'change' ? this.verdict(top.intent, analysis).refusal : undefined;
    if (
      (held === 'reported' || held === 'conditional' || held === 'negated') &&
      !analysis.dismissed &&
      !analysis.verdict.question &&
      !endsAsked(analysis.lower) &&
      [...analysis.lower.matchAll(readTail)].length === 0
    ) {
      // "my lead said we should shut down the cpu cluster", "if latency spikes, scale fraud": a change
      // held back is not a question about the resource; say what the bot can do instead.
      return this.intent('none', {}, round(top?.score ?? 0));
    }
    if (top && forbiddenAsked && !analysis.asksOnly && this.kindOf(ranked[0]?.skill) !== 'change') {
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
        .filter((c) => c.skill !== 'none' && this.kindOf(c.skill) !== 'change')
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
    if (ackLead.test(a.lower) && !question && !cues.declare && this.allowed('incident.ack', a))
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
        if (kind === 'change' && this.verdict(skill, a).resource === 'named') return skill;
      }
    }
    if (!cues.declare && !question && !(top && this.gated(top) && this.allowed(top, a))) {
      // An incident action said in so many words ("mark INC-0051 as acknowledged") decides over a
      // classifier that leans to another action or to none, when it scored at all or names the incident.
      const incidentNamed = /\b(?:inc[- ]?\d+|incident)\b/.test(a.lower);
      const stated = classifications
        .filter((c) => this.gate.guardsIncident(c.intent) && c.intent !== top)
        .filter((c) => (c.score >= 0.1 || incidentNamed) && this.allowed(c.intent, a));
      if (stated[0]) return stated[0].intent;
      if (incidentNamed) {
        const unscored = [...this.kinds.keys()].filter(
          (skill) =>
            this.gate.guardsIncident(skill) &&
            !classifications.some((c) => c.intent === skill) &&
            this.allowed(skill, a),
        );
        if (unscored.length === 1) return unscored[0];
      }
    }
    return undefined;
  }

  /**
   * A declaration asked about or waved away ("fraud is down, should we open a p1?", "don't open an
   * incident yet") opens nothing: the question goes to the runbooks, the rest to `none`.
   */
  private holdDeclaration(intent: Intent, a: Analysis): Intent {
    if (intent.skill !== 'incident.declare') return intent;
    if (declarationAsked.test(a.lower) || (a.verdict.question && endsAsked(a.lower)))
      return this.intent('troubleshoot.ask', this.extractArgs('troubleshoot.ask', a), intent.confidence);
    if (declarationWaved.test(a.lower) || declarationHeld.test(a.lower))
      return this.intent('none', {}, intent.confidence);
    return intent;
  }

  /** Whether the change gate guards a skill: the change skills and the incident actions that page or close. */
  private gated(skill: SkillId): boolean {
    return this.kindOf(skill) === 'change' || this.gate.guardsIncident(skill);
  }

  /** Whether a skill may be proposed: anything the change gate does not guard, or lets through. */
  private allowed(skill: SkillId, a: Analysis): boolean {
    const cue = this.skills.get(skill)?.mentionedBy;
    if (cue && !cue.test(a.lower)) return false;
    return !this.gated(skill) || this.verdict(skill, a).allowed;
  }

  /**
   * The read skill a refused change's score goes to: its status counterpart when the message names
   * a resource of that kind ("the fraud endpoint has 3 instances right?"), otherwise nothing. A
   * refused incident action goes to the incident list, the runbooks, or `none`.
   */
  private readInstead(skill: SkillId, a: Analysis): SkillId | undefined {
    if (this.gate.guardsIncident(skill)) return incidentReadInstead(a);
    const kind = this.resourceParam(skill)?.kind.behaviour.resourceKind;
    return a.mentions.some((m) => m.kind === kind) ? this.skills.get(skill)?.readAlternative : undefined;
  }

  /** The change gate's verdict for one change skill, computed once per message. */
  private verdict(skill: SkillId, a: Analysis): ChangeGateVerdict {
    let verdict = a.gated.get(skill);
    if (!verdict) {
      verdict = this.gate.check(skill, {
        lower: a.lower,
        mentions: a.mentions,
        asksOnly: a.asksOnly,
        unsupportedChange: a.verdict.unsupportedChange || a.verdict.outOfScope !== undefined,
        quoted: a.quoted,
        typed: a.typed,
      });
      a.gated.set(skill, verdict);
    }
    return verdict;
  }

  /**
   * The last step before a proposal leaves the router: a change skill (or a change alternative) the
   * gate refuses is replaced. A question about the resource gets its read counterpart (the runbooks
   * for how/why); anything else is `none`, offering the refused change as a choice only when the
   * message named its resource and neither forbade it nor aimed it elsewhere. Never another change.
   */
  private gateChange(intent: Intent, a: Analysis): Intent {
    const isChange = (skill: SkillId) => this.gated(skill);
    const passes = (alt: { skill: SkillId }) => !isChange(alt.skill) || this.allowed(alt.skill, a);
    if (!isChange(intent.skill) || this.allowed(intent.skill, a)) {
      const { alternatives, ...rest } = intent;
      const kept = alternatives?.filter(passes);
      return kept?.length ? { ...rest, alternatives: kept } : rest;
    }
    if (this.gate.guardsIncident(intent.skill)) {
      const skill = incidentReadInstead(a);
      const reads = (intent.alternatives ?? []).filter(
        (alt) => !isChange(alt.skill) && alt.skill !== 'none' && alt.skill !== skill,
      );
      const read = this.intent(skill, this.extractArgs(skill, a), intent.confidence);
      return reads.length ? { ...read, alternatives: reads.slice(0, 3) } : read;
    }
    const { refusal } = this.verdict(intent.skill, a);
    const resource = this.resourceParam(intent.skill);
    const named = resource !== undefined && this.extractArgs(intent.skill, a)[resource.name] !== undefined;
    const reads = (intent.alternatives ?? []).filter((alt) => !isChange(alt.skill) && alt.skill !== 'none');
    const asking = a.cues.howTo || a.cues.why || a.cues.hypothetical;
    const question = asking || a.verdict.question || refusal === 'question' || /\?\s*$/.test(a.lower);
    if (refusal !== 'out-of-scope' && refusal !== 'wrong-resource' && question && (asking || named)) {
      const skill: SkillId = asking
        ? 'troubleshoot.ask'
        : (this.skills.get(intent.skill)?.readAlternative ?? 'troubleshoot.ask');
      const others = reads.filter((alt) => alt.skill !== skill);
      const read = this.intent(skill, this.extractArgs(skill, a), intent.confidence);
      return others.length ? { ...read, alternatives: others } : read;
    }
    const offer =
      named && refusal !== 'negated' && refusal !== 'wrong-resource' && refusal !== 'out-of-scope';
    const alternatives = [
      ...(offer ? [{ skill: intent.skill, confidence: intent.confidence, args: intent.args }] : []),
      ...(refusal === 'out-of-scope' ? [] : reads),
    ].slice(0, 3);
    const none = this.intent('none', {}, intent.confidence);
    return alternatives.length ? { ...none, alternatives } : none;
  }

  /** Endpoint vs compute status follows from which kind of resource the message names. */
  private adjust(skill: SkillId, a: Analysis): SkillId {
    const kinds = new Set(a.mentions.map((m) => m.kind));
    if (skill === 'status.compute' && kinds.has('endpoint') && !kinds.has('compute'))
      return 'status.endpoint';
    if (skill === 'status.endpoint' && kinds.has('compute') && !kinds.has('endpoint'))
      return 'status.compute';
    // "how many jobs on the cpu cluster and what vm size" asks about the cluster; "which jobs failed on it" about jobs.
    const outcome = jobOutcome.test(a.lower) || parseTimeWindowHours(a.lower) !== undefined;
    if (skill === 'status.jobs' && kinds.has('compute') && computeSubject.test(a.lower) && !outcome)
      return 'status.compute';
    if (
      skill === 'status.compute' &&
      /\b(?:jobs?|runs?)\b/.test(a.lower) &&
      outcome &&
      !computeSubject.test(a.lower)
    )
      return 'status.jobs';
    return skill;
  }

  /** The arguments of a skill found in the message, by its parameters' kinds in declaration order. */
  private extractArgs(skill: SkillId, a: Analysis): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    const ctx: ParamContext = {
      config: this.config,
      resolver: this.resolver,
      args,
      commandWords: this.commandWords.get(skill),
    };
    for (const [name, kind] of Object.entries(this.skills.get(skill)?.params ?? {})) {
      const value = kind.behaviour.find(a, ctx);
      if (value !== undefined) args[name] = value;
    }
    return args;
  }

  private kindOf(skill: SkillId | undefined): SkillKind | undefined {
    return skill === undefined ? undefined : this.kinds.get(skill);
  }

  /** The classifier's label as a skill id; NLP.js answers its own "None" when no feature is known. */
  private skillOf(label: string): SkillId {
    return [...this.kinds.keys()].find((id) => id === label) ?? 'none';
  }

  /** The first parameter of a skill that names a landing-zone resource (the change gate's subject). */
  private resourceParam(skill: SkillId) {
    const params = Object.entries(this.skills.get(skill)?.params ?? {});
    const found = params.find(([, kind]) => kind.behaviour.resourceKind !== undefined);
    return found && { name: found[0], kind: found[1] };
  }

  /** Whether wording of this class takes a message away from the skill (its declaration says so). */
  private givesWay(skill: SkillId, cue: RoutingCue): boolean {
    return this.skills.get(skill)?.givesWayTo?.includes(cue) ?? false;
  }

  private intent(skill: SkillId, args: Record<string, unknown>, confidence: number): Intent {
    return { skill, args, confidence, source: 'offline' };
  }
}

/**
 * A plan stated before a read request ("before I restart my run, show me what failed"): the
 * classifier reads the request only; the guards still read the whole message.
 */
const readAfterPlan = new RegExp(
  String.raw`^(?:(?:before|after|once|while|until) (?:i|we)|so (?:that )?(?:i|we)|because|since|as|to (?:check|see|confirm|verify|know|find out|decide|plan|figure out|work out)|(?:i|we) (?:need|want|have) to (?:check|see|confirm|verify|know|decide)|for (?:the|my|our|a))` +
    String.raw` [^,;:.!?]{1,80}(?:[,;:]|\s[-\u2013\u2014]+)\s*` +
    String.raw`(?=(?:(?:can you|could you|please|pls|first|quickly|just|pls just|(?:i|we) (?:just )?(?:want|need|d like|would like) to) )*(?:show|list|give|tell|what|what'?s|whats|which|any|check|get|pull|how|how'?s|hows|did|is|are|see|view|know)\b)`,
);
/**
 * An action waved away before a read request ("no need to scale anything, I just want to see the
 * fraud endpoint"): the classifier reads the request only; the guards still read the whole message.
 */
const dismissedLead =
  /^(?:(?:no|nah|nope)[\s,]+)?(?:there(?:'| )?s |there is )?(?:no need to|not asking (?:you )?(?:to|for)|not (?:asking|looking) for|not looking to|(?:you|u) (?:don(?:'| )?t|dont|do not) (?:have|need) to|no changes?(?: needed| required| please)?|no action(?: needed| required)?|leave (?:it|them|that|everything) alone|(?:i|we)(?:'m| m| am| are) not (?:asking|looking) (?:you )?(?:to|for)|(?:i|we) (?:don(?:'| )?t|dont|do not) (?:want|need) (?:anything|it|them|that)|(?:i|we) (?:don(?:'| )?t|dont|do not) (?:want|need) (?:you )?to|(?:don(?:'| )?t|dont|do not|please don(?:'| )?t|pls don(?:'| )?t)) [^,;:.!?]{1,60}(?:[,;:.!]|\s[-\u2013\u2014]+)\s*(?:(?:i|we) (?:just |only )?(?:want|need|'d like|d like|would like)(?: to)? |(?:just|only|but|instead) )*(?=(?:show|list|give|tell|what|what'?s|whats|which|any|check|get|pull|how|how'?s|hows|did|is|are|see|view|know|where|when|has|have|does|do)\b|(?:the|a|an) (?:state|status|health|numbers|details|update|overview|summary|list)\b)/;
/** The read request after an action waved away mid-message ("…, don't scale it - just show me fraud"). */
const readTail =
  /(?:^|[,;:.!?]\s*|\s-+\s*|\s)(?:so |but )?(?:just|only|instead)\s+(?=(?:show|tell|give|list|check|pull up|let me see|what|how)\b)/g;
/** A read request worded as wanting to see whether something is so ("i want to see if the retrain ever succeeded"). */
const readFrame =
  /\b(?:want|wanna|like|need|trying) to (?:see|know|check|find out|confirm|verify) (?:if|whether|how|what|which|when)\b|^(?:see|check|confirm|verify|find out) (?:if|whether)\b/;
/** The frame alone at the start, which the classifier need not read ("i want to see if …"). */
const readFrameLead =
  /^(?:(?:i|we) )?(?:just |only )?(?:want|wanna|need|'d like|would like) to (?=(?:see|know|check|find out|confirm|verify) (?:if|whether) \S)/;
/** A responder taking an incident in a word or two before anything else ("mine", "on it, checking the endpoint"). */
const ackLead =
  /^(?:(?:ok|okay|ack|yep|yes|sure)[\s,]+)?(?:mine|investigating|looking now|looking|on it|i(?:'| )?m on it|im on it|i am on it|i(?:'| )?ll take (?:it|this|this one)|i will take it|taking it|i(?:'| )?ve got this|i got this)(?: now| it| this| this one)?(?:\s*[,;.!-]|$)/;
/** Words of a question about a cluster itself (its size, nodes, state), not about how its jobs went. */
const computeSubject =
  /\b(?:vm ?sizes?|sizes?|skus?|nodes?|vms?|state|status|running on (?:it|the)|queued|idle|busy|utili[sz]ation|scaled?|min|max)\b/;
/** Words of a question about how jobs went: outcomes, failures, history. */
const jobOutcome =
  /\b(?:fail\w*|succe\w*|pass(?:ed)?|errors?|error\w*|crash\w*|broke|history|finished|complet\w*|overnight|last night|yesterday|outcomes?|results?)\b/;

/** Where a refused incident action goes: a request to see incidents, a question about the process, or nothing. */
function incidentReadInstead(a: Analysis): SkillId {
  if (incidentListAsked.test(a.lower)) return 'incident.list';
  if (incidentProcessAsked.test(a.lower) || a.cues.howTo || a.cues.why) return 'troubleshoot.ask';
  return 'none';
}

function analyse(text: string, resolver: EntityResolver, corrector: SpellingCorrector): Analysis {
  const typed = text.toLowerCase();
  // "fraud blue → 5" and "fraud x5" set a count the way "fraud blue to 5" does.
  const lower = corrector
    .correctText(text)
    .replace(/\s*(?:\u2192|->|=>)\s*/g, ' to ')
    .replace(/(^|\s)[x\u00d7] ?(\d{1,3})\b/g, '$1to $2');
  const tokens = tokenize(lower);
  const mentions = resolver.findResources(tokens);
  const lead = readAfterPlan.exec(lower) ?? dismissedLead.exec(lower) ?? readFrameLead.exec(lower);
  /** The classifier's words for tokens [from, to): resources by their kind's placeholder. */
  const words = (from: number, to: number) => {
    const replaced: string[] = [];
    for (let i = from; i < to; i += 1) {
      const mention = mentions.find((m) => m.start === i);
      if (mention) {
        replaced.push(placeholder[mention.kind] ?? tokens.slice(mention.start, mention.end).join(' '));
        i = mention.end - 1;
      } else {
        replaced.push(tokens[i]);
      }
    }
    return replaced.join(' ').replace(/\binc \d+\b/g, 'incident');
  };
  const views: string[] = [];
  let offset = 0;
  for (const segment of lower.split(/[.!?;:]+(?=\s|$)|,(?=\s)|\s[-\u2013\u2014]+\s|\n/)) {
    const length = tokenize(segment).length;
    if (length >= 2) views.push(words(offset, offset + length));
    offset += length;
  }
  const cues = readIntentCues(lower);
  let from = lead ? tokenize(lead[0]).length : 0;
  if (!lead && cues.noAction) {
    // "I won't change anything, so please don't scale it - just show me how fraud is doing": the read at the end.
    const tail = [...lower.matchAll(readTail)].pop();
    if (tail?.index !== undefined) from = tokenize(lower.slice(0, tail.index + tail[0].length)).length;
  }
  const classifierText = words(from, tokens.length);
  const verdict = checkScope(lower);
  if (lower !== typed) {
    // A guard that fires on the words as typed still counts.
    const asTyped = checkScope(typed);
    verdict.outOfScope ??= asTyped.outOfScope;
    verdict.unsupportedChange ||= asTyped.unsupportedChange;
  }
  const reads = readFrame.test(lower) || readAfterPlan.test(lower);
  const dismissed = dismissedLead.test(lower);
  const asksOnly =
    verdict.question || cues.howTo || cues.why || cues.hypothetical || cues.noAction || reads || dismissed;
  return {
    text,
    lower,
    typed,
    tokens,
    mentions,
    verdict,
    cues,
    asksOnly,
    dismissed,
    classifierText,
    views: views.length > 1 ? views : [],
    gated: new Map(),
  };
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
