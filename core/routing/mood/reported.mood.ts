/*
 * Mood "reported": somebody else's words, a label, a plan or a note rather than a request.
 */

/** Verbs of reported speech or a statement before the verb ("diego said stop …", "the plan is stop …"). */
export const reporting =
  /\b(?:told|asked|said|says|say|wants|wanted|suggested|suggests|recommended|recommends|requested|mentioned|mentions|was|were|is|are)\b/;

/** A clause that ends by introducing somebody's words ("diego said, …"). */
export const reportedLead = /\b(?:said|says|told (?:me|us)|asked|wrote|writes|suggested|recommended|quote)$/;

/** Somebody else's words or thoughts anywhere in the message. */
export const reportedAnywhere =
  /\b(?:said|says|told|asked|wrote|writes|suggested|suggests|recommended|recommends|thinks|thought|believes|according|mentioned|mentions|per|quote|quoted|claims|claimed|reckons|heard|mentioned|wants|wanted)\b/;

/** Somebody else's judgement as the reason: "escalate INC-0004 is what diego would do". */
export const otherJudgement = /\bwhat (?:\w+ ){1,2}would (?:do|say|suggest|want|recommend)\b/;

/**
 * A label before a colon that marks what follows as somebody else's words, a plan, an example or a
 * note rather than a request ("step 3: stop …", "diego: stop …", "todo: …", "re: …"). A context lead
 * such as "cost review:" or "security here:" is not one.
 */
export const labelWords =
  /\b(?:step|steps|runbook|todo|to do|note|notes|ticket|fwd|fw|re|subject|quote|quoted|example|sample|test|testing|dry run|simulate|simulation|roleplay|role play|translate|translation|thoughts?|proposal|idea|ideas|option|options|pros|cons|draft|plan|checklist|decision|action items?|minutes|docs?|documentation|instructions?|system|override|spell check|grammar check|alert text|recommended action|recommendation|source|message|wrote|posted|said|says|according|output|logs?|error|context|summary|transcript|pasted|snippet|command|cmd|script|template|wiki|faq|jira|pr|description|scenario|define|definition|proposed|proposal|tabletop|exercise|drill|game day|cab \d+|takeaway|retro|slack|email|subject|engineer|support)\b/;

/**
 * Whether a label before a colon marks what follows as somebody else's words, a plan, an example or
 * a note rather than a request ("step 3: stop …", "diego: stop …", "todo: …", "re: …"). A context
 * lead such as "cost review:" or "security here:" is not one.
 */
export function labelled(lower: string, speakers: ReadonlySet<string>): boolean {
  for (const match of lower.matchAll(/(?:^|[.!?]\s+)([^:.!?]{1,60}?)\s[-\u2013\u2014]\s/g)) {
    // A dash lead is a label only when it says so ("grammar check - …"); "on it — ack" is not.
    if (
      /^(?:grammar check|spell check|example|sample|test|quote|draft|proposal|idea|note|todo|step \d+|option \w+|translate[\w ]*|roleplay|quoting \w+|[\w ]*draft|[\w ]*subject)$/.test(
        match[1].trim(),
      )
    )
      return true;
  }
  for (const match of lower.matchAll(/(?:^|[.!?]\s+)([^:.!?]{1,60}):(?:\s|$)/g)) {
    const lead = match[1].trim().replace(/\s+/g, ' ');
    if (labelWords.test(lead)) return true;
    // Somebody's words: a person of the roster or anybody named as a speaker ("diego:", "my lead:").
    const words = lead
      .replace(/^@/, '')
      .replace(/^(?:from|by|per|fyi) /, '')
      .replace(/^(?:my|our|the|your) /, '');
    if (
      lead.split(/[\s@]+/).some((w) => speakers.has(w)) ||
      /(?:'|\s)s (?:request|ask|message|note|words|idea)$/.test(lead)
    )
      return true;
    if (!contextLead.test(lead) && (speakers.has(words) || genericSpeakers.test(words))) return true;
    // "my skip-level:", "our vendor:": somebody of the requester's; "answer me this:" frames a question.
    if (/^(?:my|our) [\w-]+$/.test(lead) && !contextLead.test(words)) return true;
    if (/\bme this$/.test(lead)) return true;
    // One word that sets no context is a name ("priya:"); "x from y", "x in #ops", "x (role)" quote someone.
    if (!contextLead.test(lead) && /^[a-z][a-z'-]*$/.test(lead)) return true;
    if (/\bfrom\b|\bin [#\w-]+$|\(.+\)$|(?:'|\s)s (?:exact )?words|forwarded|quoting/.test(lead)) return true;
  }
  // A signature after a dash at the end ("stop gpu-cluster-01 — diego").
  const signed = /\s[-\u2013\u2014]+\s*@?([a-z]+)\W*$/.exec(lower);
  if (signed && speakers.has(signed[1])) return true;
  return /(?:^|\s)\[[a-z][\w .'-]{0,20}\]\s/.test(lower);
}

/** Leads that name a speaker without a name ("my lead:", "someone in #ops:"). */
export const genericSpeakers =
  /^(?:someone|somebody|he|she|they|boss|lead|manager|tl|team lead|user|customer|vendor|colleague|coworker|my \w+)(?: (?:in|on|from) [#\w -]+)?$/;

/** A lead before a colon that only sets the context of the requester's own request. */
export const contextLead =
  /^(?:quick(?: one| q| question)?|urgent|asap|heads up|fyi|ok|okay|so|update|security(?: here| team)?|finance(?: here)?|cost review|review|ops|on ?call|oncall|cab|it director|director|team|hey|hi|hello|morning|please|pls|bot|opsbot|p[1-4]|sev ?[1-4]|inc \d+|incident|\w+ here|\w+ team here|reminder to self|go|now|action|request|ask|resolved|fixed|mitigated|acknowledged|acked|declare|escalate|escalation|status|ic|incident commander|commander|(?:security|data|ml|cost|finance|ops|platform|sre|soc) (?:analyst|engineer|lead|manager|team)|analyst|engineer|sre|l[1-3]|l[1-3] on ?call|on-call|it manager|manager|data scientist|ml engineer|hygiene|key hygiene|quarterly hygiene|maintenance|follow ?up|heads-up|reminder|cost|costs|capacity|latency|prod|production|outage|today|tonight|now)\s*$/;

/** Emoji that quote somebody ("diego 🗣️ stop it"). */
export const speakerEmoji = /[\u{1f5e3}\u{1f4ac}\u{1f4ad}]/u;

/** A later clause that says whose words the request was ("…, diego said", "…, what priya wants"). */
export const reportedLater =
  /^(?:\w+ )?(?:said|says|told|according|quote)\b|\bwhat \w+ (?:wants|wanted|thinks|said)\b|\b(?:suggested|thinks)\b/;
