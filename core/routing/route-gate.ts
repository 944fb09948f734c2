import type { ChangeGate, ChangeGateVerdict } from './change-gate';
import type { ArgumentReader } from './argument-reader';
import type { Intent } from './intent';
import type { Analysis } from './message-analysis';
import { declarationAsked, declarationHeld, declarationWaved } from './mood/declaration.mood';
import { endsAsked } from './mood/question.mood';
import type { SkillContract, SkillId } from '../contract/skill-contract';

/** A request to see incidents by their state ("list incidents that haven't been resolved yet"). */
const incidentListAsked =
  /\b(?:list|show|which|what|any|how many|give me|see|display)\b.{0,40}\b(?:incidents|incs)\b|\bincidents\b.{0,40}\b(?:resolved|acked|acknowledged|escalated|closed|open|unresolved|unacked)\b/;
/** A question about the incident process ("what's the escalation path after L2", "who do I escalate to"). */
export const incidentProcessAsked =
  /\bescalation (?:path|chain|matrix|tiers?|levels?|policy|process|contacts?|order|list|route)\b|\bwho (?:do|should|can|would|must) (?:i|we) (?:escalate|page|call|ping|contact)\b|\bhow (?:do|should|can|would|to)\b(?: (?:i|we|you))? (?:ack|acknowledge|escalate|resolve|close)\b|\b(?:who|what) (?:is|s|comes) (?:next|after)\b/;

/**
 * The last word on what the router proposes: a skill the change gate guards (a change, or an
 * incident action that pages or closes) is proposed only when the gate lets it through; otherwise
 * its declared read alternative, the runbooks (troubleshoot.ask) or none answers instead.
 */
export class RouteGate {
  private readonly skills = new Map<SkillId, SkillContract>();

  constructor(
    private readonly gate: ChangeGate,
    skills: readonly SkillContract[],
    private readonly args: ArgumentReader,
  ) {
    for (const s of skills) this.skills.set(s.id, s);
  }

  /** Whether the gate guards this skill although it is not a change: acknowledging, escalating, resolving an incident. */
  guardsIncident(skill: SkillId): boolean {
    return this.gate.guardsIncident(skill);
  }

  /** Whether the change gate guards a skill: the change skills and the incident actions that page or close. */
  gated(skill: SkillId): boolean {
    return this.skills.get(skill)?.kind === 'change' || this.gate.guardsIncident(skill);
  }

  /** Whether a skill may be proposed: anything the change gate does not guard, or lets through. */
  allowed(skill: SkillId, a: Analysis): boolean {
    const cue = this.skills.get(skill)?.mentionedBy;
    if (cue && !cue.test(a.lower)) return false;
    return !this.gated(skill) || this.verdict(skill, a).allowed;
  }

  /**
   * The read skill a refused change's score goes to: its status counterpart when the message names
   * a resource of that kind ("the fraud endpoint has 3 instances right?"), otherwise nothing. A
   * refused incident action goes to the incident list, the runbooks, or `none`.
   */
  readInstead(skill: SkillId, a: Analysis): SkillId | undefined {
    if (this.gate.guardsIncident(skill)) return incidentReadInstead(a);
    const kind = this.resourceParam(skill)?.kind.behaviour.resourceKind;
    return a.mentions.some((m) => m.kind === kind) ? this.skills.get(skill)?.readAlternative : undefined;
  }

  /** The change gate's verdict for one change skill, computed once per message. */
  verdict(skill: SkillId, a: Analysis): ChangeGateVerdict {
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
  apply(intent: Intent, a: Analysis): Intent {
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
      const read = offlineIntent(skill, this.args.read(skill, a), intent.confidence);
      return reads.length ? { ...read, alternatives: reads.slice(0, 3) } : read;
    }
    const { refusal } = this.verdict(intent.skill, a);
    const resource = this.resourceParam(intent.skill);
    const named = resource !== undefined && this.args.read(intent.skill, a)[resource.name] !== undefined;
    const reads = (intent.alternatives ?? []).filter((alt) => !isChange(alt.skill) && alt.skill !== 'none');
    const asking = a.cues.howTo || a.cues.why || a.cues.hypothetical;
    const question = asking || a.verdict.question || refusal === 'question' || /\?\s*$/.test(a.lower);
    if (refusal !== 'out-of-scope' && refusal !== 'wrong-resource' && question && (asking || named)) {
      const skill: SkillId = asking
        ? 'troubleshoot.ask'
        : (this.skills.get(intent.skill)?.readAlternative ?? 'troubleshoot.ask');
      const others = reads.filter((alt) => alt.skill !== skill);
      const read = offlineIntent(skill, this.args.read(skill, a), intent.confidence);
      return others.length ? { ...read, alternatives: others } : read;
    }
    const offer =
      named && refusal !== 'negated' && refusal !== 'wrong-resource' && refusal !== 'out-of-scope';
    const alternatives = [
      ...(offer ? [{ skill: intent.skill, confidence: intent.confidence, args: intent.args }] : []),
      ...(refusal === 'out-of-scope' ? [] : reads),
    ].slice(0, 3);
    const none = offlineIntent('none', {}, intent.confidence);
    return alternatives.length ? { ...none, alternatives } : none;
  }

  /**
   * A declaration asked about or waved away ("fraud is down, should we open a p1?", "don't open an
   * incident yet") opens nothing: the question goes to the runbooks, the rest to `none`.
   */
  holdDeclaration(intent: Intent, a: Analysis): Intent {
    if (intent.skill !== 'incident.declare') return intent;
    if (declarationAsked.test(a.lower) || (a.verdict.question && endsAsked(a.lower)))
      return offlineIntent('troubleshoot.ask', this.args.read('troubleshoot.ask', a), intent.confidence);
    if (declarationWaved.test(a.lower) || declarationHeld.test(a.lower))
      return offlineIntent('none', {}, intent.confidence);
    return intent;
  }

  /**
   * A proposal another router made (the Azure OpenAI one), read like one of ours: the gate and the
   * declaration's hold. "ok make it 6": that router took the resource from the conversation, not
   * from these words, so "nothing of the skill's kind is named" does not hold; every mood does.
   */
  review(proposal: Intent, a: Analysis): Intent {
    const resource = this.resourceParam(proposal.skill);
    if (
      this.gated(proposal.skill) &&
      resource &&
      proposal.args[resource.name] !== undefined &&
      this.verdict(proposal.skill, a).refusal === 'no-resource'
    )
      return proposal;
    const reviewed = this.holdDeclaration(this.apply(proposal, a), a);
    return reviewed === proposal ? proposal : { ...reviewed, source: proposal.source };
  }

  /** The first parameter of a skill that names a landing-zone resource (the change gate's subject). */
  private resourceParam(skill: SkillId) {
    const params = Object.entries(this.skills.get(skill)?.params ?? {});
    const found = params.find(([, kind]) => kind.behaviour.resourceKind !== undefined);
    return found && { name: found[0], kind: found[1] };
  }
}

/** Where a refused incident action goes: a request to see incidents, a question about the process, or nothing. */
export function incidentReadInstead(a: Analysis): SkillId {
  if (incidentListAsked.test(a.lower)) return 'incident.list';
  if (incidentProcessAsked.test(a.lower) || a.cues.howTo || a.cues.why) return 'troubleshoot.ask';
  return 'none';
}

/** An intent of the offline router. */
export function offlineIntent(skill: SkillId, args: Record<string, unknown>, confidence: number): Intent {
  return { skill, args, confidence, source: 'offline' };
}
