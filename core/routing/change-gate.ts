import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { ResourceKind } from '../config/resource-names';
import type { ResourceMention } from './entity-resolver';
import { tokenize } from './entity-resolver';
import { editDistance } from './edit-distance';
import { parseNumberToken } from './number-words';
import type { RequestWords, SkillContract, SkillId } from '../contract/skill-contract';

/** Why the change gate turned a change skill down. */
export type ChangeRefusal =
  /** No verb of the skill is used as a request ("the gpu cluster stopped", "stop paging me"). */
  | 'not-requested'
  /** The verb is asked about, not asked for ("stop the gpu cluster?", "should we stop …"). */
  | 'question'
  /** The message says not to do it ("I don't want you to stop …", "just asking"). */
  | 'negated'
  /** The action hangs on a condition or is for later ("before you stop …", "remind me to rotate …"). */
  | 'conditional'
  /** Somebody else's words ("I was told to stop …", "diego said: rotate the key"). */
  | 'reported'
  /** A command-line flag ("--dry-run") the bot does not have. */
  | 'flag'
  /** Nothing of the skill's kind is named ("stop it" with no cluster anywhere). */
  | 'no-resource'
  /** The verb acts on another resource or on a part the skill does not change (traffic, min instances). */
  | 'wrong-resource'
  /** The message also asks for something outside the catalog. */
  | 'out-of-scope';

/** The gate's answer for one change skill. */
export interface ChangeGateVerdict {
  allowed: boolean;
  refusal?: ChangeRefusal;
  /** How the resource was given when allowed: by name, or only by kind ("the cluster": the dialog asks which). */
  resource?: 'named' | 'generic';
}

/** What the gate reads of a message: the router's normalised text and the resources found in it. */
export interface ChangeGateInput {
  /** Normalised, spelling-corrected, lower-case message; `mentions` index `tokenize(lower)`. */
  lower: string;
  mentions: readonly ResourceMention[];
  /** The message only asks or says not to act (a how/why/what-if question, "just asking", "don't …"). */
  asksOnly: boolean;
  /** The message names a change the catalog does not have (restart, traffic, thresholds, …). */
  unsupportedChange: boolean;
  /**
   * The message carries somebody else's text rather than a request: a quote, code, struck-through
   * or pasted log line, a numbered plan (set from the raw message, before markup is stripped).
   */
  quoted?: boolean;
  /** The message as typed, lower case, before spelling correction: the labels and take-backs are read on both. */
  typed?: string;
}

interface VerbPattern {
  head: string[];
  /** Words after a gap that holds the object ("shut * down"); empty when the object follows the head. */
  tail: string[];
}

/** What a broad incident verb ("take", "close", "get … on") must act on to be about the incident. */
const incidentObjects = new Set(
  `incident incidents inc it this that one page alert alerts ticket outage issue p1 p2 p3 p4 sev sev1 sev2 sev3 sev4
   l1 l2 l3 tier level next engineering engineers architect director team sre oncall manager lead
   platform someone somebody case ownership`.split(/\s+/),
);
/** Things about an incident that are not the incident ("wrap up the INC-0004 notes", "close the postmortem doc"). */
const incidentArtifacts = new Set(
  `notes note doc docs document postmortem mortem report thread summary writeup write pr tab wiki jira
   timeline slides deck email minutes draft`.split(/\s+/),
);
/** Who an incident can be escalated or handed to. */
const tierWords = new Set(
  `l1 l2 l3 l4 tier level next engineering engineers architect architects platform director directors it security
   sre sres oncall call on manager lead leads tiers secops soc`.split(/\s+/),
);
/** Every word that may follow an incident verb in its clause. */
const incidentWords = new Set([
  ...incidentObjects,
  ...tierWords,
  ...`the a an to up over as now please pls asap immediately right away urgently me my our resolved acknowledged
   acked fixed closed done out off of on for it this that ownership again please thanks behalf by new i think from here
   rn into involved in senior someone somebody
   probably
   latest current last first second other previous same incident`.split(/\s+/),
]);
/** Words that name a resource by its kind only ("the cluster"); the clarify dialog asks which. */
const kindNouns: Record<ResourceKind, ReadonlySet<string>> = {
  compute: new Set([
    'cluster',
    'clusters',
    'compute',
    'computes',
    'node',
    'nodes',
    'vm',
    'vms',
    'machines',
    'boxes',
  ]),
  endpoint: new Set(['endpoint', 'endpoints', 'deployment', 'deployments', 'model', 'service', 'capacity']),
  secret: new Set(['key', 'keys', 'secret', 'secrets', 'credential', 'credentials', 'creds', 'api']),
  component: new Set(),
};

/** Parts of a resource that no skill changes: "set fraud traffic to 50", "lower fraud min instances". */
const attributes = new Set(
  `traffic threshold thresholds min max minimum maximum autoscale autoscaling split weight weights sku
   size quota limit limits alert alerts timeout logs monitoring job jobs run runs training pipeline
   pipelines schedule scheduler expiry expiration policy permissions access percent percentage`.split(/\s+/),
);

/** Words that may follow a change's object in the request itself: courtesy, urgency, particles. */
const trailingWords = new Set(
  `please pls plz kindly thanks thx ty now asap immediately urgently quickly right away straight again too
   first as well also up down off on out in over back online it them both all nodes node vms cluster clusters
   me us for rotation deployment slot procedure process one ones box current old existing active primary secondary rn
   boxes s bit little couple few more lot extra weekend night overnight tonight today holidays break`.split(
    /\s+/,
  ),
);
/** Words that make an everyday verb a scale request ("add capacity", "bump it up", "two more instances"). */
const scaleWords = new Set(
  `instances instance replicas replica nodes node capacity up down out in more fewer less double halve triple
   twice scale copies pods`.split(/\s+/),
);

/** The start of a new sentence typed without punctuation ("turn off the gpu cluster it's burning money"). */
const runOnSubject =
  /^(?:it s|its|it is|we re|were|we are|we|i m|im|i am|i ve|i|nobody|no one|everyone|everything|they|there s|theres|there is|that s|thats)\b/;

/** Words that may stand around "rotation" in "kick off the quarterly key rotation for openai". */
const nominalWords = new Set(
  `key keys api secret quarterly scheduled planned regular monthly annual yearly usual standard routine full`.split(
    /\s+/,
  ),
);

/** Verbs of a purpose after "to" ("… to save cost", "… to handle the load"). */
const purposeVerbs = new Set(
  `save cut reduce lower handle cope absorb deal cover meet keep get avoid prevent help support serve free
   stop start run finish test check be make let allow speed process train warm prepare catch clean comply
   satisfy spare stay avoid match see kick unblock recover protect limit`.split(/\s+/),
);

/** Words that end a request's object and start its purpose or timing ("… for the canary", "… before 9"). */
const purposeWords = new Set([
  'for',
  'because',
  'so',
  'since',
  'before',
  'during',
  'ahead',
  'while',
  'until',
  'till',
]);

const pronouns = new Set(['one', 'em', 'it', 'them', 'that', 'this', 'those', 'these', 'everything']);
const determiners = new Set([
  'idle',
  'unused',
  'spare',
  'empty',
  'current',
  'existing',
  'old',
  'active',
  'same',
  'the',
  'teh',
  'a',
  'an',
  'our',
  'my',
  'your',
  'their',
  'its',
  'both',
  'all',
  'every',
  'each',
  'of',
]);
/** Words a scale request puts between its verb and the endpoint ("add two more instances to fraud"). */
const scaleFillers = new Set(
  `to by from up down out in on for at of me us more extra another additional fewer less instance instances
   replica replicas node nodes copies pods count number x`.split(/\s+/),
);
const secretFillers = new Set(['for', 'of', 'on', 'in']);

/**
 * What may come before the verb of a request in its clause: nothing, or polite and request frames
 * ("please", "can you", "I need you to", "go ahead and", "let's", "we need to").
 */
const requestFrame =
  /^(?:(?:please|pls|plz|plese|kindly|now|ok|okay|so|then|and|also|just|right|alright|sure|yes|yep|hey|opsbot|bot|quickly|urgently|asap|go ahead and|(?:can|could|would|will) (?:you|u|someone|somebody)(?: (?:please|pls|kindly|possibly|quickly|just))*|(?:can|could) we|(?:would|could) (?:you|u) be (?:so kind|kind enough|able)(?: as)? to|(?:i|we) (?:would|d) like to|(?:would|do|will) (?:you|u) mind|please could you|(?:i|we) (?:need|want|would like|d like) you to|(?:i|we) (?:d|would) (?:appreciate it|be grateful) if (?:you|u) (?:could|would|can)|need you to|let s|lets|let us|(?:we|i) (?:need|have|got) to|need to|time to|you can|you may|feel free to) ?)*$/;
/** Frames that ask for an incident action although they would not ask for a change ("we can close this out"). */
const incidentFrame = /^(?:(?:ok|okay|so|i think|alright) )*(?:we|you) can(?: now| go ahead and)?$/;
/** Frames that make a trailing question mark a polite request ("can you stop the gpu cluster?"). */
const modalFrame =
  /\b(?:can|could|would|will) (?:you|u)\b|\b(?:can|could) we\b|\b(?:would|do) (?:you|u) mind\b/;
/** A choice offered, which makes a request a question ("can someone stop it or only admins"). */
const alternativeAsked =
  /\bor (?:only|not|just|should|do|does|is|are|can|must|will|would|shall|what|no)\b|\byes or no\b/;
const negation =
  /\b(?:not|no|never|don t|dont|do not|doesn t|didn t|shouldn t|mustn t|won t|wont|can t|cannot|without|nobody)\b/;
const conditionWords =
  /\b(?:if|when|whenever|once|before|after|until|till|unless|whether|in case|as soon as|as long as|so long as|provided|providing|assuming|only if|the moment|supposing|in the event|pending|subject to|remind|notify|let me know|ping me|alert me|tell me|warn me)\b/;
/** A clause that opens with a condition or a note to self ("…, if nobody is using it", "todo: …"). */
const conditionLead =
  /^(?:(?:but|and|or|only|just) )*(?:if|when|whenever|once|unless|provided|providing|assuming|as long as|so long as|in case|until|till|after|todo|to do|note|reminder|remind|pending|contingent|subject to|eventually|sometime|later|in an hour|in a bit)\b/;
/** Words that put a change off to later, wherever they stand ("…, eventually"). */
const laterWords =
  /\b(?:tomorrow|tmrw|later|eventually|someday|sometime|at some point|next (?:week|month|time|sprint|quarter|year)|in (?:january|february|march|april|may|june|july|august|september|october|november|december))\b/;
/** Words that put a change off to later: "tomorrow", "at 6pm", "next monday", "in 20 minutes". */
const later =
  /\b(?:tomorrow|tmrw|tmr|later|eventually|someday|sometime|at some point|next time|monday|tuesday|wednesday|thursday|friday|saturday|sunday|at (?:eod|noon|midnight|lunch)|after (?:lunch|hours|work)|in (?:an|a few|a couple of) (?:hours?|minutes?|days?)|in a (?:bit|while)|in \d+ ?(?:h|hrs?|m|mins?)|in the (?:morning|afternoon|evening)|on (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d+|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|sprint)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (?:evening|afternoon|weekend)|at \d{1,2}(?: \d{2})?(?: ?(?:am|pm))?|in \d+ (?:min|mins|minutes|hours?|days?))\b/;
const reporting =
  /\b(?:told|asked|said|says|say|wants|wanted|suggested|suggests|recommended|recommends|requested|mentioned|mentions|was|were|is|are)\b/;
const conditionAfter =
  /\b(?:if|when|whenever|once|until|till|unless|whether|in case|as soon as|as long as|so long as|provided|providing|assuming)\b/;
/** "until monday", "till the morning": how long, not a condition. */
const untilTime =
  /\b(?:until|till) (?:(?:next|this|the) )?(?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening|tonight|weekend|week|eod|end of (?:day|the day|week|the week|month)|further notice|\d{1,2}(?: \d{2})?(?: ?(?:am|pm))?)(?: (?:morning|evening|night))?\b(?=\s*$| (?:please|pls|thanks|then|and|so|for|because|since)\b)/g;
/** A purpose or reason after the request ("so the nodes are warm when I submit"): its words set no condition. */
const purposeTail = /\b(?:so(?! long as\b)|so that|because|since|for when|in order to)\b.*$/;
const afterEvent =
  /\bafter (?:(?:you|we|i|they|it|he|she|someone|anyone|everyone|everybody|nobody)\b|(?:\w+ ){0,3}(?:is|are|was|were|has|have|finishes|finished|ends|ended|completes|completed|stops|starts|runs|gets|goes)\b)/;
const abort =
  /^(?:(?:actually|wait|no|nah|oh|hmm|on second thought) ?)*(?:don t|dont|do not|never ?mind|cancel|hold off|hold on|hang on|scratch that|forget (?:it|that)|not yet|not now|not today|not tonight|not until|not before|not this|not that|not mine|not really|just kidding|jk|test|testing)\b|^(?:no|nope|nah|wait|wait no|no wait|actually no|hold on|hang on)$/;
/** A short clause that says not to, before the request ("don't 🙅 stop it", "never: rotate the key"). */
const negativeLead =
  /^(?:(?:please|pls|just|and|but|so|oh) )*(?:don t|dont|do not|never|not yet|not now|hold off|no need to|please don t|pls don t|no|nope|nah|wait)$/;
/** Emoji that say no: a clause after one is not a request. */
const negativeEmoji = /[\u274c\u{1f6ab}\u26d4\u{1f645}\u{1f6d1}\u270b]/u;
/** Emoji that ask ("this needs L3 ❓"). */
const questionEmoji = /[\u2753\u2754]/u;
/** Emoji that quote somebody ("diego 🗣️ stop it"). */
const speakerEmoji = /[\u{1f5e3}\u{1f4ac}\u{1f4ad}]/u;
/** A later clause that puts the action off until somebody is asked ("…, but let me check with diego first"). */
const deferral =
  /\b(?:let me (?:check|ask|confirm|see|think)|check with|confirm with|run it by|ask \w+ first|wait for|first check|(?:check|ask|confirm) first)\b/;
/**
 * A label before a colon that marks what follows as somebody else's words, a plan, an example or a
 * note rather than a request ("step 3: stop …", "diego: stop …", "todo: …", "re: …"). A context lead
 * such as "cost review:" or "security here:" is not one.
 */
const labelWords =
  /\b(?:step|steps|runbook|todo|to do|note|notes|ticket|fwd|fw|re|subject|quote|quoted|example|sample|test|testing|dry run|simulate|simulation|roleplay|role play|translate|translation|thoughts?|proposal|idea|ideas|option|options|pros|cons|draft|plan|checklist|decision|action items?|minutes|docs?|documentation|instructions?|system|override|spell check|grammar check|alert text|recommended action|recommendation|source|message|wrote|posted|said|says|according|output|logs?|error|context|summary|transcript|pasted|snippet|command|cmd|script|template|wiki|faq|jira|pr|description|scenario|define|definition|proposed|proposal|tabletop|exercise|drill|game day|cab \d+|takeaway|retro|slack|email|subject|engineer|support)\b/;

/**
 * Whether a label before a colon marks what follows as somebody else's words, a plan, an example or
 * a note rather than a request ("step 3: stop …", "diego: stop …", "todo: …", "re: …"). A context
 * lead such as "cost review:" or "security here:" is not one.
 */
function labelled(lower: string, speakers: ReadonlySet<string>): boolean {
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
const genericSpeakers =
  /^(?:someone|somebody|he|she|they|boss|lead|manager|tl|team lead|user|customer|vendor|colleague|coworker|my \w+)(?: (?:in|on|from) [#\w -]+)?$/;
/** A lead before a colon that only sets the context of the requester's own request. */
const contextLead =
  /^(?:quick(?: one| q| question)?|urgent|asap|heads up|fyi|ok|okay|so|update|security(?: here| team)?|finance(?: here)?|cost review|review|ops|on ?call|oncall|cab|it director|director|team|hey|hi|hello|morning|please|pls|bot|opsbot|p[1-4]|sev ?[1-4]|inc \d+|incident|\w+ here|\w+ team here|reminder to self|go|now|action|request|ask|resolved|fixed|mitigated|acknowledged|acked|declare|escalate|escalation|status|ic|incident commander|commander|(?:security|data|ml|cost|finance|ops|platform|sre|soc) (?:analyst|engineer|lead|manager|team)|analyst|engineer|sre|l[1-3]|l[1-3] on ?call|on-call|it manager|manager|data scientist|ml engineer|hygiene|key hygiene|quarterly hygiene|maintenance|follow ?up|heads-up|reminder|cost|costs|capacity|latency|prod|production|outage|today|tonight|now)\s*$/;
/** Words that take a request back or make it a joke, a test or a comment ("(kidding)", "/s", "good idea?"). */
const heldBack =
  /\b(?:jk|j k|kidding|just kidding|not really|joke|joking|sarcasm|nein|nicht|doch nicht|non non|attends|good idea|bad idea|is a bad idea|would be premature|yes or no|who owns this|not here|in jira|as needed|as required|if needed|when needed|\w+(?:'| )s words|no way|absolutely not|on second thought|belay that|ignore that|wrong (?:window|chat|channel|thread)|meant to send|forget i asked|maybe not|e g|for example|drill|tabletop|game day|thoughts|y n|sanity check|just checking|need to know|capacity planning|wondering|curious|runbook says|old runbook|would not|asking for|trying to figure out|figure out if|does the bot support|if the bot supports|no rush|not urgent|next week is fine|every now and then|from time to time|periodically|good call|bad call|sounds? reasonable|worth doing|worth it|even allowed|is that allowed|wouldn t|maybe later|leave it|under no circumstances|i e|imagine|dumb question|silly question|not on ?call|not my incident|better not|disregard|oops|typo|undo|dry run|wdyt|what do you think|do you agree|as \\w+ (?:asked|said|wants|wanted|requested|suggested)|hypothetical\w*|exercise|scenario)\b|(?:^|\s)\/s\b|\((?:test|testing)\)|\bnot!|\by\/n\b|\be\.g\.|\bi\.e\.|\bwouldn'?t\b|[\u{1f921}\u{1f643}\u{1f602}\u{1f923}\u{1f914}]/u;

/**
 * Irony and refusal said beside a request: a rhetorical question about what could go wrong, a tag
 * of foreboding, an idiom of refusal ("…, what could possibly go wrong", "…, over my dead body").
 */
const ironic =
  /\bwhat(?:'s| s|s| is)? (?:the worst (?:that )?|\w+ )?(?:could|can|might) (?:possibly )?(?:go wrong|happen|break)\b|\b(?:famous last words|yeah right|said no one ever|over my dead body|not a chance|not happening|hell no)\b/;
/** Somebody else's judgement as the reason: "escalate INC-0004 is what diego would do". */
const otherJudgement = /\bwhat (?:\w+ ){1,2}would (?:do|say|suggest|want|recommend)\b/;

/** A clause opening that sets a condition or a time ("the moment the run finishes, …", "come monday, …"). */
const conditionStart =
  /^(?:(?:but|and|so|ok|only) )*(?:the moment|the minute|supposing|suppose|in the event|pending|contingent|subject to|come \w+|post \w+|first thing|once|if|when|whenever|unless|in case|as soon as|soon as|end of (?:day|the day|week)|around \w+|tonight at \d+|after the \w+ (?:finishes|is done|ends|completes))\b/;
/** A clause that is only a time: "later today", "tomorrow morning", "at 6pm", "next week". */
const timeOnly =
  /^(?:(?:later|early|first thing|sometime) )?(?:today|tomorrow|tmrw|tonight|this (?:evening|afternoon|morning|weekend)|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|at \d{1,2}(?: \d{2})?(?: ?(?:am|pm))?|at (?:noon|midnight|eod)|in (?:an|a few|\d+) (?:hours?|minutes?|mins?|days?)|after (?:lunch|hours|work)|eventually|later)(?: (?:morning|evening|night|afternoon))?$/;
/** Whether an earlier clause is only a time or opens with a condition (courtesies such as "when you get a chance" aside). */
function heldTime(text: string): boolean {
  const plain = text.replace(courtesy, ' ').trim();
  return plain !== '' && (timeOnly.test(plain) || conditionStart.test(plain));
}
/** A resource the message says to spare. */
const spared =
  /\bleave (?:\S+ ){1,4}alone\b|\bmust stay (?:up|on|running)\b|\bkeep (?:\S+ ){1,4}(?:running|up|on)\b|\bexcept\b|\bbut not\b|\(not\b|\bthat isn ?t\b/;

/** Whether the message ends by asking. */
export function endsAsked(lower: string): boolean {
  return /(?:\?|[\u2753\u2754])[\s\ufe0f]*$/u.test(lower);
}
/** Courtesies shaped like conditions that set none: "when you get a chance", "if you can". */
const courtesy =
  /\b(?:when (?:you|u) (?:get a chance|can|have (?:a )?(?:sec|second|moment|minute|time))|if (?:you|u) (?:can|could|don t mind|have (?:a )?(?:sec|second|moment|minute))|if possible)\b/g;
/** A courtesy at the start of what follows the object ("… if you can", "… when you get a chance"). */
const courtesyLead = new RegExp(`^${courtesy.source}`);
const reportedLead = /\b(?:said|says|told (?:me|us)|asked|wrote|writes|suggested|recommended|quote)$/;
/** Somebody else's words or thoughts anywhere in the message. */
const reportedAnywhere =
  /\b(?:said|says|told|asked|wrote|writes|suggested|suggests|recommended|recommends|thinks|thought|believes|according|mentioned|mentions|per|quote|quoted|claims|claimed|reckons|heard|mentioned|wants|wanted)\b/;
/** Actions next to a passive request that the catalog does not have; a passive request beside one is not read as a request. */
const foreignAction =
  /\b(?:delet|remov|destroy|purg|wip|eras|reveal|past|e ?mail|send|sent|shar|post|print|disabl|silenc|mut|suppress|shift|lower|rais|chang|restart|redeploy|deploy|grant|revok|reset|migrat|upgrad|renam|kill|terminat|drop|dump|export|copy|copied)\w*\b|\b(?:traffic|thresholds?|alerts?|approvals?|override|overrid\w*)\b/;
const flag = /(?:^|\s)--?[a-z]/;
/** A share or an on/off state is not an instance count: traffic splits, taking an endpoint offline. */
const notACount = /\d\s*(?:%|(?:percent|pct)\b)|\bper ?cent\b|\b(?:offline|online)\b/;
/** Parts of an endpoint that a count in the same clause would set instead of its instances. */
const notInstances =
  /\b(?:split|weights?|thresholds?|minimum|maximum|autoscal\w*|min instances|max instances)\b|\btraffic (?:split|share|to|weights?|at)\b/;

/** A skill the gate guards, with its request words read into patterns. */
interface Guarded {
  request: RequestWords;
  /** The kind of resource a change acts on; none for an incident action (it defaults to the conversation's incident). */
  kind?: ResourceKind;
  incident: boolean;
  /** The change sets a count ("scale fraud to 5"): a count is its object, not a time or a share. */
  counts: boolean;
  /** Its verb patterns by the first word as typed (whole, or short of its last letter). */
  patterns: Map<string, VerbPattern[]>;
  /** The first four letters of its verbs ("not stopping" denies "shut it"). */
  stems: ReadonlySet<string>;
  /** Its verbs that count only with an incident object. */
  broad: ReadonlySet<string>;
}

function guard(skill: SkillContract, request: RequestWords): Guarded {
  const patterns = new Map<string, VerbPattern[]>();
  for (const phrase of request.verbs.split(',')) {
    const [head, tail = ''] = phrase.trim().replace(/\s+/g, ' ').split(' * ');
    const pattern = { head: head.split(' '), tail: tail ? tail.split(' ') : [] };
    const first = pattern.head[0];
    for (const key of first.length >= 5 ? [first, first.slice(0, -1)] : [first])
      patterns.set(key, [...(patterns.get(key) ?? []), pattern]);
  }
  const params = Object.values(skill.params).map((p) => p.behaviour);
  return {
    request,
    kind: params.find((p) => p.resourceKind)?.resourceKind,
    incident: skill.kind === 'incident',
    counts: params.some((p) => p.kind === 'count'),
    patterns,
    stems: new Set([...patterns.keys()].filter((w) => w.length >= 4).map((w) => w.slice(0, 4))),
    broad: new Set((request.broad ?? '').split(',').map((w) => w.trim())),
  };
}

/** Where a verb pattern matched: its object's token range in the clause and where the verb ends. */
interface VerbMatch {
  objectFrom: number;
  objectTo: number;
  end: number;
  /** A noun phrase like "key rotation" rather than a verb: words around the key are not objects. */
  nominal: boolean;
}

interface Clause {
  tokens: string[];
  /** Index of the clause's first token in `tokenize(lower)`. */
  start: number;
  text: string;
  /** The clause is asked ("stop the gpu cluster? no, show its status"). */
  asked: boolean;
  /** The clause follows an emoji that says no ("❌ stop gpu-cluster-01"). */
  afterNo?: boolean;
  /** The clause follows an emoji that quotes somebody ("diego 🗣️ stop it"). */
  quoted?: boolean;
}

/**
 * The one deterministic check a change skill passes before the router may propose it: a verb of
 * that skill used as a request (imperative or a polite request form), not negated, asked about,
 * reported or made conditional; acting on a resource of the skill's kind named in this message (or
 * on the kind itself, "the cluster", for the clarify dialog to ask which); and no unsupported
 * change anywhere in the message.
 */
export class ChangeGate {
  /** The skills the gate guards (those that declare their request words), by id. */
  private readonly guarded = new Map<SkillId, Guarded>();
  /** Every word of every request verb, to tell a verb's -ing form from other words ending in -ing. */
  private readonly verbWords: ReadonlySet<string>;
  private readonly deployments: ReadonlySet<string>;
  private readonly secretComponents: ReadonlySet<string>;
  /** Names of the people in the roster, whose words a "name:" lead quotes. */
  private readonly speakers: ReadonlySet<string>;
  /** Words of the vaults the secrets live in ("… the key in kv-prod-eus2-ai-01"). */
  private readonly vaults: ReadonlySet<string>;
  private readonly vaultNames: ReadonlySet<string>;
  private lastClauses?: { lower: string; clauses: Clause[] };

  constructor(config: LandingZoneConfig, skills: readonly SkillContract[]) {
    for (const skill of skills) {
      if (skill.request) this.guarded.set(skill.id, guard(skill, skill.request));
    }
    this.verbWords = new Set(
      [...this.guarded.values()].flatMap((g) => g.request.verbs.match(/[a-z]+/g) ?? []),
    );
    this.deployments = new Set(
      config.endpoints.flatMap((e) => e.deployments.map((d) => d.name.toLowerCase())),
    );
    this.secretComponents = new Set(config.secrets.map((s) => s.account));
    this.speakers = new Set(
      config.people.flatMap((p) => {
        const name = p.name.toLowerCase();
        return [name, ...name.split(/\s+/)];
      }),
    );
    this.vaults = new Set(config.secrets.flatMap((s) => tokenize(s.vault)));
    this.vaultNames = new Set(config.secrets.map((s) => s.vault));
  }

  /** Whether the gate guards this skill although it is not a change: acknowledging, escalating, resolving an incident. */
  guardsIncident(skill: SkillId): boolean {
    return this.guarded.get(skill)?.incident ?? false;
  }

  /** The words of every request verb and of the gate's guards, so that spelling correction leaves them alone ("nope", "nicht"). */
  vocabulary(): string[] {
    const guards = [
      negation,
      abort,
      heldBack,
      ironic,
      otherJudgement,
      conditionWords,
      reporting,
      reportedAnywhere,
      negativeLead,
      deferral,
      labelWords,
      contextLead,
      genericSpeakers,
      later,
      laterWords,
      conditionStart,
      timeOnly,
      spared,
      trailingWords,
    ];
    return [
      ...[...this.guarded.values()].flatMap((g) => g.request.verbs.match(/[a-z0-9]+/g) ?? []),
      ...guards.flatMap((g) => (g instanceof RegExp ? g.source : [...g].join(' ')).match(/[a-z]{3,}/g) ?? []),
      'nope',
      'shouldn',
      'mustn',
      'wasn',
      'reckons',
    ];
  }

  /** Whether `skill` (a change skill) may be proposed for this message, and why not. */
  check(skill: SkillId, input: ChangeGateInput): ChangeGateVerdict {
    const guarded = this.guarded.get(skill);
    if (!guarded || (!guarded.kind && !guarded.incident)) return { allowed: false, refusal: 'not-requested' };
    const { kind, incident, patterns } = guarded;
    if (input.unsupportedChange && !incident) return { allowed: false, refusal: 'out-of-scope' };
    const typed = input.typed ?? input.lower;
    if (
      input.quoted ||
      labelled(input.lower, this.speakers) ||
      labelled(typed, this.speakers) ||
      otherJudgement.test(input.lower)
    )
      return { allowed: false, refusal: 'reported' };
    if (
      heldBack.test(input.lower) ||
      heldBack.test(typed) ||
      ironic.test(input.lower) ||
      negativeEmoji.test(input.lower)
    )
      return { allowed: false, refusal: 'negated' };
    if (flag.test(input.lower)) return { allowed: false, refusal: 'flag' };
    if (this.lastClauses?.lower !== input.lower)
      this.lastClauses = { lower: input.lower, clauses: splitClauses(input.lower) };
    const { clauses } = this.lastClauses;
    const refusals: ChangeRefusal[] = [];
    for (let c = 0; c < clauses.length; c += 1) {
      const clause = withBaseVerbs(clauses[c], this.verbWords);
      for (let at = 0; at < clause.tokens.length; at += 1) {
        for (const pattern of patterns.get(clause.tokens[at]) ?? []) {
          const match = matchVerb(clause.tokens, at, pattern);
          if (!match) continue;
          const verdict = this.judge(guarded, input, clauses, c, at, match);
          if (verdict.allowed) return verdict;
          refusals.push(verdict.refusal ?? 'not-requested');
        }
      }
    }
    if (input.asksOnly)
      return { allowed: false, refusal: refusals.includes('negated') ? 'negated' : 'question' };
    if (incident && refusals.length === 0 && saysDone(guarded.request.done, clauses))
      return { allowed: true };
    // Another verb of the skill used in passing ("… so the nodes are warm") does not rule a passive request out.
    if (refusals.every((r) => r === 'not-requested' || r === 'reported' || r === 'no-resource')) {
      const passive = this.passiveRequest(guarded, input, clauses);
      if (passive) return passive;
    }
    const { terse: state } = guarded.request;
    if (state && kind && !endsAsked(input.lower)) {
      const terse = clauses.find((clause) => !clause.asked && this.terseState(kind, state, clause, input));
      if (terse) return { allowed: true, resource: 'named' };
    }
    if (guarded.counts && !endsAsked(input.lower)) {
      const terse = clauses.find((clause) => !clause.asked && this.terseScale(clause, input));
      if (terse) return { allowed: true, resource: 'named' };
    }
    return { allowed: false, refusal: strongest(refusals) };
  }

  private judge(
    guarded: Guarded,
    input: ChangeGateInput,
    clauses: Clause[],
    index: number,
    at: number,
    match: VerbMatch,
  ): ChangeGateVerdict {
    const { kind } = guarded;
    const clause = clauses[index];
    const prefix = clause.tokens.slice(0, at).join(' ');
    const verb = clause.tokens[at];
    const subjectFrame = verb === 'need' || verb === 'want' || verb === 'require' || verb === 'like';
    // "need the gpu cluster started now": a past participle after the object makes it a request.
    const participle = subjectFrame && match.end > match.objectTo;
    if (
      subjectFrame
        ? !(
            verb === 'like'
              ? /^(?:(?:so|and|ok|then) )*(?:we|i) (?:would|d|should)(?: really)?$/
              : /^(?:(?:so|and|ok|then) )*(?:we|i)(?: really| still| urgently| just)?$/
          ).test(prefix) && !(participle && prefix === '')
        : !requestFrame.test(prefix) && !(!kind && incidentFrame.test(prefix))
    ) {
      if (negation.test(prefix)) return { allowed: false, refusal: 'negated' };
      if (conditionWords.test(prefix)) return { allowed: false, refusal: 'conditional' };
      if (reporting.test(prefix)) return { allowed: false, refusal: 'reported' };
      return {
        allowed: false,
        refusal: /^(?:should|shall|can|could|would|will|do|does|did|must|may|might)\b/.test(prefix)
          ? 'question'
          : 'not-requested',
      };
    }
    if (
      (verb === 'consider' || verb === 'treat') &&
      prefix !== '' &&
      !/^(?:(?:please|ok|okay|so|just|you can) ?)+$/.test(prefix)
    )
      return { allowed: false, refusal: 'question' };
    if (
      ['consider', 'treat', 'mark', 'set'].includes(verb) &&
      clause.tokens.slice(match.objectFrom, match.objectTo).some((t) => t === 'whether' || t === 'if')
    )
      return { allowed: false, refusal: 'question' };
    const rest = clause.tokens
      .slice(match.end)
      .join(' ')
      .replace(courtesy, ' ')
      .replace(untilTime, ' ')
      .replace(purposeTail, '');
    if (conditionAfter.test(rest) || afterEvent.test(rest)) return { allowed: false, refusal: 'conditional' };
    if (later.test(rest) || laterWords.test(rest)) return { allowed: false, refusal: 'conditional' };
    if (input.asksOnly) return { allowed: false, refusal: 'question' };
    const previous = clauses[index - 1];
    if ((previous && negativeLead.test(previous.tokens.join(' '))) || clause.afterNo)
      return { allowed: false, refusal: 'negated' };
    if (clause.quoted) return { allowed: false, refusal: 'reported' };
    const laterClauses = clauses.slice(index + 1).map((c) => c.tokens.join(' '));
    if (
      laterClauses.some((c) =>
        /^(?:\w+ )?(?:said|says|told|according|quote)\b|\bwhat \w+ (?:wants|wanted|thinks|said)\b|\b(?:suggested|thinks)\b/.test(
          c,
        ),
      )
    )
      return { allowed: false, refusal: 'reported' };
    if (
      laterClauses.some((c) =>
        /\b(?:wait|hold off|hold on|not yet)\b(?! for)|\b(?:don t|do not|dont)\b(?! wait)/.test(c),
      )
    )
      return { allowed: false, refusal: 'negated' };
    const { stems } = guarded;
    const denied = /\b(?:not|never|n t|won t|wont|don t|dont)(?: \w+)? (\w{4})/;
    if (laterClauses.some((c) => stems.has(denied.exec(c)?.[1] ?? '')))
      return { allowed: false, refusal: 'negated' };
    if (laterClauses.some((c) => deferral.test(c) || laterWords.test(c) || timeOnly.test(c)))
      return { allowed: false, refusal: 'conditional' };
    // "Can we stop gpu-cluster-01? Is anyone using it?": a question after the request makes it one too.
    if (
      endsAsked(input.lower) &&
      laterClauses.some((c) =>
        /^(?:is|are|does|do|did|will|would|what|who|why|how|any|anything|anyone)\b/.test(c),
      )
    )
      return { allowed: false, refusal: 'question' };
    // "can we stop it over the weekend?", "can we rotate it during business hours?": asked about, with a time.
    if (
      /\b(?:can|could) we\b/.test(prefix) &&
      (clause.asked || endsAsked(input.lower)) &&
      /\b(?:during|over|before|after|on|at|by)\b/.test(rest)
    )
      return { allowed: false, refusal: 'question' };
    if (/\bfrom \w+ing\b/.test(rest)) return { allowed: false, refusal: 'not-requested' };
    if (
      clauses
        .slice(index + 1)
        .some((c) => conditionLead.test(c.tokens.join(' ').replace(courtesy, ' ').trim()))
    )
      return { allowed: false, refusal: 'conditional' };
    if (
      alternativeAsked.test(
        clauses
          .slice(index)
          .map((c) => c.tokens.join(' '))
          .join(' '),
      )
    )
      return { allowed: false, refusal: 'question' };
    if (subjectFrame && participle && foreignAction.test(clauses.map((c) => c.tokens.join(' ')).join(' ')))
      return { allowed: false, refusal: 'out-of-scope' };
    if (
      guarded.counts &&
      subjectFrame &&
      /\b(?:stopped|started|shut|restarted|deleted|removed|paused|rotated|redeployed|rolled|killed|turned|off|offline)\b/.test(
        clause.tokens.slice(match.end).join(' '),
      )
    )
      return { allowed: false, refusal: 'wrong-resource' };
    // "Tomorrow morning, rotate the key", "the moment the run finishes, stop it": an earlier clause that
    // is only a time, or opens with a condition. "black friday tomorrow, bump fraud" is context.
    if (clauses.slice(0, index).some((c) => heldTime(c.tokens.join(' '))))
      return { allowed: false, refusal: 'conditional' };
    // "leave gpu-cluster-01 alone and stop the cluster": a resource spared elsewhere in the message.
    if (spared.test(input.lower) || sparesNamed(input)) return { allowed: false, refusal: 'negated' };
    // "stop gpu-cluster-01 and cpu-cluster-01": a second resource in a clause of its own; the dialog asks.
    if (clauses.slice(index + 1).some((c) => this.onlyAnyResource(input, c)))
      return { allowed: false, refusal: 'not-requested' };
    const before = previous?.tokens.join(' ') ?? '';
    const pastContext =
      /^(?:after|since)\b/.test(before) &&
      !/\b(?:finish|finishes|complete|completes|ends|end|done|over|you|we|i|they|someone|it s|is|are)\b/.test(
        before,
      );
    if (
      previous &&
      !pastContext &&
      conditionWords.test(before.replace(courtesy, ' ').split(' ').slice(0, 3).join(' '))
    )
      return { allowed: false, refusal: 'conditional' };
    if (previous && reportedLead.test(previous.tokens.join(' ')))
      return { allowed: false, refusal: 'reported' };
    if (clauses.slice(index + 1).some((later) => abort.test(later.tokens.join(' '))))
      return { allowed: false, refusal: 'negated' };
    if ((clause.asked || endsAsked(input.lower)) && !modalFrame.test(prefix))
      return { allowed: false, refusal: 'question' };
    if ((clause.asked || endsAsked(input.lower)) && (verb === 'consider' || verb === 'treat'))
      return { allowed: false, refusal: 'question' };
    if (guarded.counts && (notACount.test(clause.text) || notInstances.test(clause.tokens.join(' '))))
      return { allowed: false, refusal: 'wrong-resource' };
    if (
      guarded.counts &&
      !/^(?:scale|resize|scaled)$/.test(verb) &&
      !clause.tokens.slice(at).some((t) => scaleWords.has(t) || parseNumberToken(t) !== undefined)
    )
      return { allowed: false, refusal: 'not-requested' };
    if (!kind) {
      if (/\b(?:after|later|tomorrow|tonight|in \d+ (?:min|mins|minutes|hours?))\b/.test(rest))
        return { allowed: false, refusal: 'conditional' };
      return incidentObject(clause, at, match, input.lower, guarded.broad);
    }
    return this.object(kind, input, clause, match, clauses[index - 1]);
  }

  /**
   * A request in the passive voice or as a need: "INC-0133 can be resolved", "this needs L3 now",
   * "could gpu-cluster-01 be started please", "the openai key needs rotating". These forms are
   * easily a statement, a question or somebody else's words, so they count only when the whole
   * message holds nothing else: no question mark (a change's modal form needs a "please"), no
   * negation, condition, later time, reported speech, speaker label or other action anywhere, and
   * the subject is exactly the resource (or the incident) and nothing more.
   */
  private passiveRequest(
    { kind, request }: Guarded,
    input: ChangeGateInput,
    clauses: Clause[],
  ): ChangeGateVerdict | undefined {
    const form = request.passive;
    if (!form || input.asksOnly) return undefined;
    const whole = clauses.map((c) => c.tokens.join(' ')).join(' ');
    if (
      negation.test(whole) ||
      reportedAnywhere.test(whole) ||
      foreignAction.test(whole) ||
      clauses.some((c) => conditionLead.test(c.tokens.join(' ')) || abort.test(c.tokens.join(' '))) ||
      negativeEmoji.test(input.lower)
    )
      return undefined;
    for (const clause of clauses) {
      const text = clause.tokens.join(' ').replace(untilTime, ' ').replace(purposeTail, '').trim();
      const match = form.exec(text.replace(/\s+/g, ' '));
      if (!match) continue;
      const before = input.lower.slice(0, input.lower.indexOf(clause.text));
      const question = clause.asked || endsAsked(input.lower);
      const modal = /^(?:please )?(?:can|could|would|will)\b/.test(text);
      if (before.includes(':') || conditionWords.test(text) || later.test(text)) return undefined;
      if (laterWords.test(whole)) return undefined;
      const asking = /^(?:how|what|why|when|where|which|who|does|do|is|are|should|can|could|would|will)\b/;
      if (clauses.some((c) => c !== clause && asking.test(c.tokens.join(' ')))) return undefined;
      if (clauses.some((c) => c.quoted || c.afterNo) || speakerEmoji.test(input.lower)) return undefined;
      if (clauses.some((c) => c !== clause && deferral.test(c.tokens.join(' ')))) return undefined;
      if (question && !(modal && kind && /\b(?:please|pls|kindly)\b/.test(whole))) return undefined;
      const subject = tokenize(match.slice(1).find(Boolean) ?? '');
      if (!kind) {
        const incidentAt = subject.indexOf('incident');
        const words = subject
          .slice(incidentAt >= 0 ? incidentAt : 0)
          .filter((t) => !/^\d+$/.test(t) && !determiners.has(t));
        return words.every((t) => ['this', 'it', 'that', 'one', 'incident', 'inc'].includes(t))
          ? { allowed: true }
          : undefined;
      }
      return this.subjectIsResource(kind, input, clause, subject)
        ? { allowed: true, resource: 'named' }
        : undefined;
    }
    return undefined;
  }

  /**
   * Whether a passive request's subject is one resource of the kind and nothing else ("the gpu
   * cluster", "gpu-cluster-01"), not "the jobs on gpu-cluster-01" or "diego thinks gpu-cluster-01".
   */
  private subjectIsResource(
    kind: ResourceKind,
    input: ChangeGateInput,
    clause: Clause,
    subject: string[],
  ): boolean {
    const at = clause.tokens.join(' ').indexOf(subject.join(' '));
    if (at < 0 || subject.length === 0) return false;
    const first = clause.start + tokenize(clause.tokens.join(' ').slice(0, at)).length;
    const last = first + subject.length;
    const mention = input.mentions.find((m) => m.start >= first && m.end <= last && this.fits(kind, m));
    if (!mention) return false;
    for (let i = first; i < last; i += 1) {
      if (i >= mention.start && i < mention.end) continue;
      const token = clause.tokens[i - clause.start];
      if (!determiners.has(token) && !kindNouns[kind].has(token) && token !== 'please') return false;
    }
    return true;
  }

  /**
   * A scale request without a verb, only the endpoint or deployment and its new count: "fraud blue
   * to 5" (the router reads "fraud blue → 5" and "fraud x5" so).
   */
  private terseScale(clause: Clause, input: ChangeGateInput): boolean {
    const t = [...clause.tokens];
    while (
      t.length > 2 &&
      /^(?:now|please|pls|plz|asap|thanks|thx|urgently|immediately)$/.test(t[t.length - 1])
    )
      t.pop();
    const to = t.lastIndexOf('to');
    // "fraud endpoint 8 instances": the count right after the endpoint.
    const bare = input.mentions.find((m) => m.start === clause.start && m.kind === 'endpoint');
    if (bare && to < 0) {
      const after = t.slice(bare.end - clause.start);
      return (
        after.length === 2 &&
        parseNumberToken(after[0]) !== undefined &&
        /^(?:instances?|replicas?|nodes?)$/.test(after[1])
      );
    }
    const count = parseNumberToken(t[to + 1] ?? '');
    if (to < 1 || count === undefined || t.length > to + 3) return false;
    if (t.length === to + 3 && !/^(instances?|replicas?|nodes?|copies)$/.test(t[to + 2])) return false;
    let named = false;
    for (let i = 0; i < to; i += 1) {
      const mention = input.mentions.find((m) => m.start === clause.start + i);
      if (mention) {
        if (mention.kind !== 'endpoint') return false;
        named = true;
        i = mention.end - clause.start - 1;
      } else if (this.deployments.has(t[i])) named = true;
      else if (!determiners.has(t[i]) && !kindNouns.endpoint.has(t[i])) return false;
    }
    return named;
  }

  /**
   * A change without a verb, the resource and its new state only: "gpu cluster off pls",
   * "cpu-cluster-01 up", "gpu cluster -> 0 nodes".
   */
  private terseState(kind: ResourceKind, state: RegExp, clause: Clause, input: ChangeGateInput): boolean {
    const t = clause.tokens;
    const mention = input.mentions.find((m) => m.start === clause.start && m.kind === kind);
    if (!mention) return false;
    const rest = t
      .slice(mention.end - clause.start)
      .filter((w) => !/^(?:pls|please|plz|now|asap|rn|thanks|thx)$/.test(w))
      .join(' ');
    return state.test(rest);
  }

  /** Checks what the verb acts on: a resource of the skill's kind, the kind itself, or "it" for one named. */
  private object(
    kind: ResourceKind,
    input: ChangeGateInput,
    clause: Clause,
    match: VerbMatch,
    previous: Clause | undefined,
  ): ChangeGateVerdict {
    const named = input.mentions.some((m) => this.fits(kind, m));
    const fillers = kind === 'endpoint' ? scaleFillers : kind === 'secret' ? secretFillers : undefined;
    for (let i = match.objectFrom; i < match.objectTo; i += 1) {
      const token = clause.tokens[i];
      const global = clause.start + i;
      const mention = input.mentions.find((m) => m.start === global);
      if (mention) {
        if (!this.fits(kind, mention)) return { allowed: false, refusal: 'wrong-resource' };
        // "regenerate my api key", "an api key for me": somebody's own or a new one.
        if (/^(?:my|an|a|another|new|some)$/.test(clause.tokens[i - 1] ?? ''))
          return { allowed: false, refusal: 'wrong-resource' };
        const following = mention.end - clause.start;
        const next = clause.tokens[clause.tokens[following] === 's' ? following + 1 : following];
        const after =
          next !== undefined && kindNouns[kind].has(next)
            ? clause.tokens[mention.end - clause.start + 1]
            : next;
        if (after !== undefined && attributes.has(after))
          return { allowed: false, refusal: 'wrong-resource' };
        return this.rest(kind, input, clause, match, mention.end - clause.start, {
          allowed: true,
          resource: 'named',
        });
      }
      if (determiners.has(token)) continue;
      if (kind === 'endpoint' && this.deployments.has(token)) {
        const after = clause.tokens[i + 1];
        if (after !== undefined && attributes.has(after))
          return { allowed: false, refusal: 'wrong-resource' };
        return this.rest(kind, input, clause, match, i + 1, {
          allowed: true,
          resource: named ? 'named' : 'generic',
        });
      }
      if (kindNouns[kind].has(token)) {
        // "a vm for me", "my api key", "another deployment": a new or personal one, not the landing zone's.
        if (
          /^(?:a|an|another|new|my|some|extra)$/.test(clause.tokens[i - 1] ?? '') &&
          !named &&
          clause.tokens[i + 1] !== 'rotation'
        )
          return { allowed: false, refusal: 'wrong-resource' };
        const after = clause.tokens[i + 1];
        if (after !== undefined && attributes.has(after))
          return { allowed: false, refusal: 'wrong-resource' };
        return this.rest(kind, input, clause, match, i + 1, {
          allowed: true,
          resource: named ? 'named' : 'generic',
        });
      }
      if (pronouns.has(token)) {
        if (named) return this.rest(kind, input, clause, match, i + 1, { allowed: true, resource: 'named' });
        // "the key got pasted in a public channel, rotate it": "it" is the kind an earlier clause named.
        const earlier = tokenize(input.lower).slice(0, clause.start);
        return earlier.some((t) => kindNouns[kind].has(t))
          ? { allowed: true, resource: 'generic' }
          : { allowed: false, refusal: 'no-resource' };
      }
      if (
        (match.nominal && (trailingWords.has(token) || nominalWords.has(token))) ||
        fillers?.has(token) ||
        (named &&
          /^(?:asap|now|please|pls|immediately|urgently|quickly|again|too|today|tonight)$/.test(token)) ||
        (kind === 'endpoint' && parseNumberToken(token) !== undefined)
      )
        continue;
      // "scale to 2 for the canary": the words after a purpose are not the object.
      const afterPurpose = clause.tokens.slice(match.objectFrom, i).some((t) => purposeWords.has(t));
      if (afterPurpose && !clause.tokens.slice(i).some((t) => attributes.has(t)))
        return named ? { allowed: true, resource: 'named' } : { allowed: false, refusal: 'no-resource' };
      return { allowed: false, refusal: attributes.has(token) ? 'wrong-resource' : 'not-requested' };
    }
    if (!named) return { allowed: false, refusal: 'no-resource' };
    // The verb alone in its clause ("Stop! gpu-cluster-01 is still running jobs") acts only on a
    // resource named alone just before it ("gpu-cluster-01 - stop").
    if (match.objectFrom >= clause.tokens.length && match.end >= clause.tokens.length) {
      return previous && this.onlyResource(kind, input, previous)
        ? { allowed: true, resource: 'named' }
        : { allowed: false, refusal: 'no-resource' };
    }
    return this.rest(kind, input, clause, match, match.objectTo, { allowed: true, resource: 'named' });
  }

  /**
   * What follows a change's object must belong to the request: counts and instance words for a scale,
   * the verb's own particle ("spin … up"), courtesy and "now". "give fraud 5 minutes to recover",
   * "stop gpu-cluster-01 emails", "the api key in my notebook config", "scale fraud to 10:30" ask for
   * something else. A purpose ("… for the canary") ends what is read.
   */
  private rest(
    kind: ResourceKind,
    input: ChangeGateInput,
    clause: Clause,
    match: VerbMatch,
    from: number,
    verdict: ChangeGateVerdict,
  ): ChangeGateVerdict {
    const tokens = clause.tokens;
    let numbers = 0;
    for (let i = from; i < tokens.length; i += 1) {
      if (i >= match.objectTo && i < match.end) continue;
      const token = tokens[i];
      const mention = input.mentions.find((m) => m.start === clause.start + i);
      if (mention) {
        const vault = kind === 'secret' && this.vaultNames.has(mention.canonical);
        if (!this.fits(kind, mention) && !vault) return { allowed: false, refusal: 'wrong-resource' };
        i = mention.end - clause.start - 1;
        continue;
      }
      const polite = courtesyLead.exec(tokens.slice(i).join(' '));
      if (polite) {
        i += tokenize(polite[0]).length - 1;
        continue;
      }
      if (token === 'for' || (token === 'of' && kind === 'secret')) {
        // "… for the aks cluster" names what the action is for: read on; "… for the canary" is a purpose.
        let j = i + 1;
        while (determiners.has(tokens[j] ?? '')) j += 1;
        if (input.mentions.some((m) => m.start === clause.start + j)) {
          i = j - 1;
          continue;
        }
        // "stop the cluster for databricks": a resource given only by its kind, for something unknown.
        if (verdict.resource === 'generic' && !/^(?:me|us|the|a|now|today|tonight)$/.test(tokens[j] ?? ''))
          return { allowed: false, refusal: 'wrong-resource' };
        // "rotate the api key for datadog": a key of something else.
        if (
          kind === 'secret' &&
          !/^(?:me|us|the|a|audit|security|compliance|hygiene|rotation|today|now)$/.test(tokens[j] ?? '')
        )
          return { allowed: false, refusal: 'wrong-resource' };
        break;
      }
      if (purposeWords.has(token)) break;
      // A run-on sentence typed without punctuation: a new subject starts a new sentence ("… it's burning money").
      if (runOnSubject.test(tokens.slice(i, i + 2).join(' '))) break;
      // "… to save cost", "… as part of our hygiene", "… that lives in the vault", "… now that training is done".
      const next = tokens[i + 1] ?? '';
      if (token === 'to' && purposeVerbs.has(next)) break;
      if (token === 'to') {
        // "add capacity to the fraud endpoint": what follows "to" is the resource.
        let j = i + 1;
        while (determiners.has(tokens[j] ?? '')) j += 1;
        const target = input.mentions.find((m) => m.start === clause.start + j);
        if (target && this.fits(kind, target)) {
          i = target.end - clause.start - 1;
          continue;
        }
      }
      if (
        token === 'to' &&
        parseNumberToken(next) === undefined &&
        !(kind !== 'endpoint' && /^(?:a|the)$/.test(next))
      )
        return { allowed: false, refusal: 'not-requested' };
      if (/^(?:as|that|which|who|because|cos|coz|cuz)$/.test(token) || (token === 'now' && next === 'that'))
        break;
      if (token === 'from' && kind === 'endpoint' && parseNumberToken(next) !== undefined) {
        i += 1;
        continue;
      }
      if (parseNumberToken(token) !== undefined) {
        numbers += 1;
        // "to 3.5" is one count the dialog asks about again; "to 10:30" or "5 minutes" is none.
        if (
          kind !== 'endpoint' ||
          (numbers > 1 && !(/\d[.,]\d/.test(clause.text) && /^(?:scale|resize|set)$/.test(tokens[0] ?? '')))
        )
          return { allowed: false, refusal: 'not-requested' };
        continue;
      }
      if (kind === 'endpoint' && /^(?:to|at)$/.test(token) && this.deployments.has(tokens[i + 1] ?? ''))
        return { allowed: false, refusal: 'wrong-resource' };
      // A deployment the config does not know, named as one ("fraud purple 4", "the purple deployment").
      const unknownDeployment =
        kind === 'endpoint' &&
        (parseNumberToken(tokens[i + 1] ?? '') !== undefined ||
          /^(?:deployment|slot)$/.test(tokens[i + 1] ?? '') ||
          /^(?:deployment|slot)$/.test(tokens[i - 1] ?? ''));
      if (unknownDeployment && !attributes.has(token) && /^[a-z][a-z0-9]{1,31}$/.test(token)) continue;
      if (kind === 'secret' && this.vaults.has(token)) continue;
      if (
        trailingWords.has(token) ||
        [...kindNouns[kind]].some(
          (noun) => noun.length >= 7 && token.length >= 4 && editDistance(token, noun) <= 2,
        ) ||
        determiners.has(token) ||
        pronouns.has(token) ||
        kindNouns[kind].has(token) ||
        (kind === 'endpoint' && (scaleFillers.has(token) || this.deployments.has(token))) ||
        (kind === 'secret' && secretFillers.has(token))
      )
        continue;
      return { allowed: false, refusal: attributes.has(token) ? 'wrong-resource' : 'not-requested' };
    }
    return verdict;
  }

  /** Whether a clause names one resource of any kind and nothing else ("… and cpu-cluster-01"). */
  private onlyAnyResource(input: ChangeGateInput, clause: Clause): boolean {
    let found = false;
    for (let i = 0; i < clause.tokens.length; i += 1) {
      const mention = input.mentions.find((m) => m.start === clause.start + i);
      if (mention) {
        found = true;
        i = mention.end - clause.start - 1;
      } else if (!determiners.has(clause.tokens[i])) return false;
    }
    return found;
  }

  /** Whether a clause names one resource of the kind and nothing else ("gpu-cluster-01", "the fraud endpoint"). */
  private onlyResource(kind: ResourceKind, input: ChangeGateInput, clause: Clause): boolean {
    let found = false;
    for (let i = 0; i < clause.tokens.length; i += 1) {
      const mention = input.mentions.find((m) => m.start === clause.start + i);
      if (mention && this.fits(kind, mention)) {
        found = true;
        i = mention.end - clause.start - 1;
      } else if (!determiners.has(clause.tokens[i]) && !kindNouns[kind].has(clause.tokens[i])) return false;
    }
    return found;
  }

  /** Whether a mention is something the skill's kind can act on (a secret's account counts for its keys). */
  private fits(kind: ResourceKind, mention: ResourceMention): boolean {
    if (mention.kind === kind) return true;
    return kind === 'secret' && mention.kind === 'component' && this.secretComponents.has(mention.canonical);
  }
}

/**
 * What an incident verb acts on: anything after its own verbs ("escalate to engineering"); the
 * incident, a tier or a pronoun after a broad one ("take this one", "get L3 on INC-0020").
 */
function incidentObject(
  clause: Clause,
  at: number,
  match: VerbMatch,
  lower: string,
  broad: ReadonlySet<string>,
): ChangeGateVerdict {
  // Everything after the verb must be about the incident: "resolve the merge conflict", "close this
  // tab", "escalate my permissions", "ack INC-0004 in an hour" ask for something else.
  const all = clause.tokens.slice(match.objectFrom).filter((_t, k) => {
    const i = match.objectFrom + k;
    return !(i >= match.objectTo && i < match.end);
  });
  // A reason or a resolution may follow a named incident ("escalate INC-0733 no response from L2").
  const id = all.findIndex((t, k) => t === 'inc' && /^\d+$/.test(all[k + 1] ?? ''));
  const reason = all.findIndex((t) => /^(?:because|since|as|so|due|cause|cos|coz)$/.test(t));
  // "acknowledge the fraud latency incident": words describing the incident before the word itself.
  const named = all.indexOf('incident');
  const after = all
    .slice(0, id >= 0 ? id + 2 : reason >= 0 ? reason : all.length)
    .filter((_t, k) => named < 0 || k >= named);
  if (after.some((t) => !incidentWords.has(t) && !/^\d+$/.test(t)))
    return { allowed: false, refusal: 'wrong-resource' };
  if (all.some((t) => incidentArtifacts.has(t))) return { allowed: false, refusal: 'wrong-resource' };
  const verb = clause.tokens[at];
  if (/^(?:got|ve)$/.test(verb) || (verb === 'i' && clause.tokens[at + 1] === 've')) {
    if (!after.some((t) => t === 'this' || t === 'incident' || t === 'inc'))
      return { allowed: false, refusal: 'not-requested' };
  }
  const toAt = clause.tokens.indexOf('to', at);
  if (toAt > at) {
    const target = clause.tokens.slice(toAt + 1).filter((t) => !determiners.has(t));
    const state = /^(?:acknowledged|acked|resolved|closed|done|fixed)$/.test(target[0] ?? '');
    if (!state && !target.some((t) => tierWords.has(t))) return { allowed: false, refusal: 'wrong-resource' };
  }
  const namedElsewhere = all.length === 0 && /\binc[- ]?\d+\b/.test(lower);
  if (
    /^(?:close|closing|wrap|shut)$/.test(verb) &&
    !namedElsewhere &&
    !all.some((t) => /^(?:inc|incident|ticket|it|this)$/.test(t))
  )
    return { allowed: false, refusal: 'not-requested' };
  // "on" and "take" mean the incident only with it as their object ("I'm on the sre team" does not).
  if (verb === 'looking' && !all.some((t) => t === 'inc' || t === 'incident'))
    return { allowed: false, refusal: 'not-requested' };
  if (
    /^(?:on|take|taking|i)$/.test(verb) &&
    !namedElsewhere &&
    !all.some((t) => /^(?:inc|incident|it|this|that|page|alert|ticket|outage|issue|one)$/.test(t))
  )
    return { allowed: false, refusal: 'not-requested' };
  if (
    verb === 'wrap' &&
    !all.some((t) => t === 'inc' || t === 'incident') &&
    !/\b(?:all good|all green|all clear|fixed|resolved|stable|recovered|mitigated|back to normal|healthy)\b/.test(
      lower,
    )
  )
    return { allowed: false, refusal: 'not-requested' };
  if (!broad.has(clause.tokens[at])) return { allowed: true };
  // "all clear on INC-0300, closing": the verb alone, the incident named in the message.
  if (
    all.length === 0 &&
    /^(?:closing|resolving|escalating|acking)$/.test(clause.tokens[at]) &&
    /\binc[- ]?\d+\b/.test(lower)
  )
    return { allowed: true };
  const object = clause.tokens
    .slice(match.objectFrom, match.objectTo)
    .filter((t) => !determiners.has(t) && t !== 'as');
  const gapped = match.end > match.objectTo;
  const fits = gapped
    ? object.length === 0 || object.some((t) => incidentObjects.has(t))
    : incidentObjects.has(object[0]);
  return fits
    ? { allowed: true }
    : { allowed: false, refusal: object.length ? 'wrong-resource' : 'not-requested' };
}

/** "not the cpu one — stop the gpu cluster": a resource of the config named right after "not". */
function sparesNamed({ lower, mentions }: ChangeGateInput): boolean {
  const tokens = tokenize(lower);
  return mentions.some((m) => {
    const before = tokens[m.start - 1] === 'the' ? m.start - 2 : m.start - 1;
    return tokens[before] === 'not';
  });
}

/**
 * An incident action said in one word as a clause of its own, in the first clause and not asked,
 * negated or made conditional by the other clauses ("acknowledged, looking now").
 */
function saysDone(done: RegExp | undefined, clauses: Clause[]): boolean {
  const [first, ...others] = clauses;
  if (!first || first.asked || !done?.test(first.tokens.join(' '))) return false;
  return !others.some((c) => {
    const text = c.tokens.join(' ');
    return abort.test(text) || conditionWords.test(text.split(' ').slice(0, 3).join(' '));
  });
}

/**
 * "would you mind scaling fraud to 6": after "mind" the verb comes in its -ing form; the clause is
 * read with the base form ("scale") so that the verb patterns apply.
 */
function withBaseVerbs(clause: Clause, verbWords: ReadonlySet<string>): Clause {
  const mind = clause.tokens.indexOf('mind');
  if (mind < 0) return clause;
  const tokens = clause.tokens.map((t, i) => {
    if (i <= mind || i > mind + 2 || !t.endsWith('ing') || t.length < 5) return t;
    const stem = t.slice(0, -3);
    const undoubled = /([b-df-hj-np-tv-z])\1$/.test(stem) ? stem.slice(0, -1) : stem;
    return [stem, `${stem}e`, undoubled].find((c) => verbWords.has(c)) ?? t;
  });
  return { ...clause, tokens };
}

/** A verb pattern at `at`: where its object lies and where the verb ends. */
function matchVerb(tokens: string[], at: number, pattern: VerbPattern): VerbMatch | undefined {
  const { head, tail } = pattern;
  for (let k = 0; k < head.length; k += 1) {
    if (!sameVerb(tokens[at + k], head[k], k === 0)) return undefined;
  }
  const afterHead = at + head.length;
  if (tail.length === 0)
    return { objectFrom: afterHead, objectTo: tokens.length, end: afterHead, nominal: false };
  // "kick off the quarterly key rotation for openai": the key may be named before or after the noun.
  const nominal = tail[tail.length - 1] === 'rotation';
  for (let gap = 1; gap <= 5 && afterHead + gap + tail.length <= tokens.length; gap += 1) {
    if (tail.every((t, k) => tokens[afterHead + gap + k] === t))
      return {
        objectFrom: afterHead,
        objectTo: nominal ? tokens.length : afterHead + gap,
        end: afterHead + gap + tail.length,
        nominal,
      };
  }
  return undefined;
}

/** The verb in its base form, or cut short by a letter as typed ("rotat"); never "stopped" or "rotating". */
function sameVerb(token: string | undefined, verb: string, first: boolean): boolean {
  if (token === undefined) return false;
  if (token === verb) return true;
  return first && token.length >= 4 && verb.length - token.length === 1 && verb.startsWith(token);
}

/**
 * Splits the message into clauses at punctuation and at "and", "then", "but", "also", keeping each
 * clause's position in `tokenize(lower)`.
 */
function splitClauses(lower: string): Clause[] {
  const clauses: Clause[] = [];
  let offset = 0;
  const pieces = lower.split(
    /([,;:.!?()[\]]+(?!\d)|\s-+\s|\p{Extended_Pictographic}+|\b(?:and then|and|then|but|also|plus)\b)/u,
  );
  for (let i = 0; i < pieces.length; i += 1) {
    const tokens = tokenize(pieces[i]);
    const asked = (pieces[i + 1] ?? '').includes('?') || questionEmoji.test(pieces[i + 1] ?? '');
    const afterNo = i > 0 && negativeEmoji.test(pieces[i - 1] ?? '');
    const quoted = i > 0 && speakerEmoji.test(pieces[i - 1] ?? '');
    if (i % 2 === 0 && tokens.length > 0)
      clauses.push({
        tokens,
        start: offset,
        text: pieces[i],
        asked,
        ...(afterNo ? { afterNo } : {}),
        ...(quoted ? { quoted } : {}),
      });
    offset += tokens.length;
  }
  return clauses;
}

const precedence: ChangeRefusal[] = [
  'out-of-scope',
  'negated',
  'conditional',
  'reported',
  'question',
  'wrong-resource',
  'no-resource',
  'flag',
  'not-requested',
];

function strongest(refusals: ChangeRefusal[]): ChangeRefusal {
  return precedence.find((r) => refusals.includes(r)) ?? 'not-requested';
}
