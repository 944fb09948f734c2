import type { IncidentTargets, RequestWords } from '../../core/contract/skill-contract';

/*
 * The words that ask for each incident action. An incident closing needs no modal ("INC-0099 can
 * be resolved"); the broad verbs count only when they act on the incident, a tier or a pronoun.
 */

/** What the incident actions act on: the incident, a tier or a pronoun, never a document about it. */
const incidentTargets: IncidentTargets = {
  objects: `incident incidents inc it this that one page alert alerts ticket outage issue p1 p2 p3 p4
    sev sev1 sev2 sev3 sev4 l1 l2 l3 tier level next engineering engineers architect director
    team sre oncall manager lead platform someone somebody case ownership`,
  tiers: `l1 l2 l3 l4 tier level next engineering engineers architect architects platform director
    directors it security sre sres oncall call on manager lead leads tiers secops soc`,
  words: `the a an to up over as now please pls asap immediately right away urgently me my our
    resolved acknowledged acked fixed closed done out off of on for it this that ownership again
    please thanks behalf by new i think from here rn into involved in senior someone somebody
    probably latest current last first second other previous same incident`,
  artifacts: `notes note doc docs document postmortem mortem report thread summary writeup write pr tab
    wiki jira timeline slides deck email minutes draft`,
};

/** Acknowledging an incident, as the change gate reads it. */
export const incidentAckRequest: RequestWords = {
  verbs: `ack, acknowledge, acknowledging, acking, take, taking, on, i m on, im on, i am on, i ll take,
    i will take, looking into, looking at, i m looking into, i m looking at, im looking into,
    i am looking into, i ll ack, i will ack, i ve got, i got, got, handling, i m handling,
    i am handling, i ll handle, i will handle, i ll look into, i will look into,
    consider * acknowledged, consider * acked, mark * acknowledged, mark * acked,
    set * acknowledged, treat * acknowledged, taking ownership, i m taking ownership,
    i ll take ownership, i will take ownership, i take ownership`,
  broad: 'take, taking, on, i, im, looking, got, handling, mark, set, consider, treat',
  passive:
    /^(?:(?:so|ok|okay|and) )*((?:this|it|that|the incident|incident|inc \d+)(?: one| incident)?) (?:can) be (?:acknowledged|acked|marked (?:as )?acknowledged)(?: now)?$/,
  done: /^(?:ok |okay |ack |yep |yes )?(?:inc \d+ )?(?:acknowledged|acked|ack d|ackd|ack ed|mine|investigating|investigating now|looking|looking now|on it now)(?: inc \d+)?$|^(?:ok |okay |yep |yes )?(?:this|this one|it|that|inc \d+|the incident) (?:is|s) mine(?: now)?$/,
  targets: incidentTargets,
};

/** Escalating an incident, as the change gate reads it. */
export const incidentEscalateRequest: RequestWords = {
  verbs: `escalate, escalating, i m escalating, i am escalating, i ll escalate, i will escalate, elevate,
    bump * up, bump * to, move * up, push * up, push * to, raise * to, raise * up, send * to,
    send * up, kick * up, kick * to, hand * to, hand * over to, hand off to, pass * to, take * to,
    get * on, get * involved, get * in, loop in, loop * in, bring in, bring * in, pull in,
    pull * in, page, need * on, need * here, need * involved, want * on, move * to, move * over to,
    bump * over to, transfer * to, get * looped in, loop * in on`,
  broad:
    'take, i, get, bump, move, push, raise, send, pull, page, need, want, kick, hand, pass, loop, bring, transfer',
  passive:
    /^(?:(?:so|ok|okay|and|i think) )*((?:this|it|that|the incident|incident|inc \d+)(?: one| incident)?) (?:needs?|has) to (?:go|be escalated|be moved|move) (?:up|to (?:l[1-3]|tier [1-3]|the next tier|the next level|engineering|the architect|the platform architect|the it director|the director))(?: now| asap| immediately)?$|^(?:(?:so|ok|okay|and|i think) )*((?:this|it|that|the incident|incident|inc \d+)(?: one| incident)?) needs? (?:l[1-3]|tier [1-3]|the next tier|engineering|the architect|the platform architect|the it director|escalating|escalation|to be escalated)(?: now| asap| immediately| on it)?$/,
  targets: incidentTargets,
  destination: true,
};

/** Resolving an incident, as the change gate reads it. */
export const incidentResolveRequest: RequestWords = {
  verbs: `resolve, resolving, i m resolving, i ll resolve, i will resolve, close, closing, i m closing,
    i ll close, i will close, close out, close * out, close off, mark resolved, mark * resolved,
    mark * done, mark * fixed, mark * closed, set * resolved, set * to resolved, wrap up, wrap * up,
    shut, consider * resolved, consider * closed, consider * fixed, treat * resolved`,
  broad: 'i, close, closing, shut, mark, set, wrap, consider, treat',
  passive:
    /^(?:(?:so|ok|okay|i think|think|and|now) )*((?:this|it|that|(?:the )?(?:[a-z]+ ){0,3}incident|inc \d+)(?: one| incident)?) (?:can|can now|is ok to|is good to|is ready to) be (?:closed|resolved|closed out|marked (?:as )?resolved)(?: now| out)?$/,
  done: /^(?:(?:the )?incident |inc \d+ )?(?:resolved|fixed|closed)$/,
  targets: incidentTargets,
};
