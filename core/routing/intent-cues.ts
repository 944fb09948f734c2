/**
 * What the wording of a message says about its intent regardless of its topic. The router reads
 * these deterministic cues beside the classifier: the classifier knows topics (jobs, quota, the gpu
 * cluster), the cues know the kind of sentence (a how-to question, a declaration, small talk).
 */
export interface IntentCues {
  /** Asks how to do something or for a procedure ("how do I pre-warm …", "what are the steps for …"). */
  howTo: boolean;
  /** Asks why something happened or is so ("why did the endpoint scale down"). */
  why: boolean;
  /** Asks what would happen, not for it to happen ("hypothetically, if I stopped the cluster …"). */
  hypothetical: boolean;
  /** Asks how to use the bot itself ("how do I use this thing"). */
  usage: boolean;
  /** Says not to act ("just asking", "don't do it", "do not stop the cluster"). */
  noAction: boolean;
  /** Asks to open an incident about something it describes ("file an incident: jobs failed"). */
  declare: boolean;
  /** Uses words only quota questions use (vCPUs, cores left, VM family, capacity left). */
  quota: boolean;
  /** Asks which incidents are open ("any P1s open?", "is anything still open incident-wise"). */
  openIncidents: boolean;
  /** Chit-chat with the bot ("what's your favourite film", "are you human"). */
  smallTalk: boolean;
  /** Names an operations topic the runbooks could cover (jobs, clusters, keys, dns, …). */
  operational: boolean;
  /**
   * Asks for a standing rule or a future notice, which the bot does not keep: "if p95 goes over
   * 500 scale fraud", "scale it automatically when …", "tell me when the gpu cluster starts".
   */
  standing: boolean;
  /** Asks to change the on-call roster ("add Diego to the on-call rotation"), which the bot does not keep. */
  roster: boolean;
}

const clauseStart = String.raw`(?:^|[,;:.!?]\s*|\s[-\u2013\u2014]+\s*|\b(?:and|but|so|also)\s+)`;
const opener = String.raw`(?:(?:ok|okay|so|hey|quick question|question|just curious|curious|btw|also)[\s,:]+)*`;

const howTo = new RegExp(
  `${clauseStart}${opener}(?:` +
    [
      String.raw`how (?:do|can|could|should|would|does|might) (?:i|we|you|one|someone|a user|people|they)\b(?! (?:see|check|view|look at|know|tell)\b)`,
      String.raw`how to\b`,
      String.raw`how (?:fast|quickly|soon|long) (?:do|does|must|should|can|will|have) (?:i|we|you|they|the|an?|on-?call|someone)\b`,
      String.raw`how is (?:it|that|this) done\b`,
      String.raw`what(?:'s| is| are|s) the (?:procedure|process|steps?|runbook|playbook|guidance|recommended way|best way|right way|correct way|proper way|way to)\b`,
      String.raw`what (?:steps|(?:should|do|can|must) (?:i|we) do)\b`,
      String.raw`what should (?:i|we) (?:check|look at|try|look into)\b`,
      String.raw`what (?:shd|shud|shld|should) (?:i|we) do\b`,
      String.raw`(?:is there|do we have) (?:a |an )?(?:runbook|procedure|process|guide|playbook|documented way|sop)\b`,
      String.raw`(?:walk|talk) me through\b`,
      String.raw`(?:the |any )?(?:steps|procedure|process|instructions|runbook|playbook|guide|docs|documentation) (?:to|for|on)\b`,
      String.raw`(?:how many|how much|what size|which|when|where) (?:[\w-]+ ){0,5}should\b`,
      String.raw`should (?:i|we) (?:[\w-]+ ){0,2}(?:scale|run|use|start|stop|rotate|set|size|keep|warm|pre-?warm)\b`,
      String.raw`explain how\b`,
      String.raw`what(?:'s| is| are|s) the (?:approval|sign-?off|change|escalation|review) (?:process|procedure|steps?|policy|rules?)\b`,
      String.raw`(?:is it|would it be|is that|it's|its) (?:ok|okay|safe|fine|allowed|alright|possible) (?:to|if)\b`,
      String.raw`who (?:approves|signs off|has to approve|needs to approve|can approve|must approve)\b`,
      String.raw`(?:do|does|would) (?:i|we|it|that) (?:need|require) (?:an? |any )?(?:approv|sign-?off|change window)`,
      String.raw`how (?:do|can|could|should|would) (?:i|we) (?:check|verify|confirm|make sure|ensure|tell|know) (?:that |whether |if )?(?:nothing|no one|nobody|noone|everything|all|there|anything|anyone)\b`,
      String.raw`(?:any|what are the) (?:tips|advice|best practices?)\b`,
      String.raw`when (?:is|are|does|do|s) (?:the |our |next |this week'?s )?(?:[\w-]+ )?(?:change window|maintenance window|change freeze|freeze|patch window|cab)\b`,
      String.raw`(?:do|does|would|will) (?:i|we|it|that|this) (?:need|require) (?:an? |any )?(?:cab|change board|change advisory)\b`,
      String.raw`(?:how|where|who) (?:do|can|could|should|would) (?:i|we|a new hire|new hires|new joiners) (?:get|request|ask for|apply for|obtain) (?:\w+ ){0,2}?(?:access|permissions?|a role|rights)\b`,
    ].join('|') +
    ')',
);
const why = new RegExp(
  `${clauseStart}${opener}(?:why\\b|how come\\b|what (?:caused|made|triggered|is causing|causes)\\b|what(?:'s| is) (?:the )?(?:reason|cause) (?:for|of|that|why)\\b|what(?:'s| is|s| are| were)? (?:the )?(?:usual|likely|typical|common|root|probable) (?:cause|reason)s?\\b|what (?:could|might|would|can) (?:be )?(?:the )?(?:cause|reason)s?\\b)`,
);
/** Asks to be shown failures together with their reasons ("show me which jobs failed and why"): a report, not a why-question. */
const reasonsAsked =
  /^(?:which|what)\b.{0,60}\b(?:fail\w*|died|crash\w*|broke|errored)\b.{0,20}(?:\band|\s&) why\W*$|\b(?:show|list|give|tell|pull|get)(?: me| us)?\b.{0,80}\b(?:fail\w*|died|crash\w*|broke|errors?\w*)\b.{0,20}(?:\band|\s&) why\W*$/;
const hypothetical =
  /\b(hypothetically|in theory|theoretically|just asking|only asking|asking for a friend|what (would|will|could|might) happen|what happens (to (\S+ ){1,4})?(if|when))\b/;
const usage =
  /^(?:cmds|commands|options|menu|capabilities)\W*$|\b(how (do|can|should|would) (i|we) (use|work with|talk to|interact with|get started with|start using|ask) (this|you|the bot|opsbot|it|u)\b|what (can|should|do) (i|we) (ask|say|type|tell) (you|this|the bot|opsbot)\b|how does (this|this bot|this thing|opsbot|the bot) work\b|getting started with (this|you|the bot|opsbot)\b|what (can|may|am) (i|we) (allowed to |permitted to )?(run|do|use|ask|request) (with|as|given|under) (my|our|the|this) (role|roles|permissions?|access|rights)\b|(menu|list) of (commands|skills|actions)\b|^(your |bot |opsbot )?(capabilities|abilities|features|skills)\W*$|what (are|is) (you|u|this bot|opsbot|the bot) (able|capable|good) (to|of|at|for)\b|what (can|could|may|should) (i|we) (ask|request from|use) (you|u|this bot|opsbot|the bot)\b)/;
const noAction =
  /\b(just asking|only asking|asking for a friend|hypothetically|in theory|not now|no action|(?:don'?t|dont|do not|never|no need to|must not|please don'?t|not asking (?:you )?(?:to|for)|(?:i|we) (?:don'?t|dont|do not) (?:want|need) (?:you )?to) (?:\w+ ){0,2}?(?:do (?:it|that|this|anything)|touch|change|run|start|stop|scale|rotate|restart|shut|turn|spin|bump|resize|increase|decrease|reduce|regenerate|cycle|pre-?warm|warm))\b/;

const declareVerb = String.raw`(?:declare|raise|file|log|create|report|cut|submit|kick off|open|start)`;
const declareLead = new RegExp(
  String.raw`^(?:(?:please|pls|plz|kindly|can you|could you|would you|we need to|need to|let'?s|lets|i want to|i'd like to|id like to|go ahead and|time to|urgent|urgently)[\s,:]+)*` +
    `(${declareVerb})(?: up)? (?:(?:a|an|new|another|a new) )*` +
    String.raw`(?:(?:p[1-4]|sev(?:erity)? ?[1-4]|major|critical|high|medium|low|minor|non-critical|urgent|security)[\s,:-]*)?` +
    String.raw`(incident|ticket|sev ?[1-4]|p[1-4])(?!s\b|-?wise\b)` +
    String.raw`(?:(?:\s+(?:please|pls|plz|now|asap|right now|quickly))*)(\s*[,;:\-–—.!?]\s*|\s+(?:for|about|on|because|since|as|re|regarding)\s+|\s+)(.*)$`,
);
const declareTail = new RegExp(
  String.raw`^(.*\S)\s*[,;:\-–—.!]\s*(?:(?:please|pls|plz|so|and|can you|could you|we need to|need to|let'?s)[\s,]+)*` +
    `${declareVerb}(?: up)? (?:(?:a|an|new|a new) )*` +
    String.raw`(?:(?:p[1-4]|sev(?:erity)? ?[1-4]|major|critical|high|medium|low|minor|non-critical)[\s,:-]*)?(?:incident|ticket|p[1-4]|sev ?[1-4])` +
    String.raw`(?:\s+(?:for (?:it|this|that|us)|please|pls|now|asap|right now|right away|straight away|immediately|urgently|quickly|for me|on this|on it))*\W*$`,
);
const pageSomeone =
  /^(?:(?:please|pls|plz|can you|could you)[\s,]+)*page (?:someone|somebody|the on-?call|on-?call|whoever is on call|l[1-3]|the team|everyone|the sre)\b(?! (?:on|for|about|into|in on) (?:this|it|that|this one|the incident|inc-?\d+)\W*$)[\s,;:.!-]+(?:\w+ ){2,}/;
const incidentHeading =
  /^(?:(?:new|major|critical|urgent)\s+)*(?:incident|outage|p[1-4]|sev ?[1-4]|(?:p[1-4]|sev ?[1-4]) incident)\s*[:–—-]\s*\S/;

const quota =
  /\b(quotas?|v-?cpus?|vcores?|cores? (limit|quota|count|usage|left|remaining|available|free|used|in use)|(how many|enough|spare|free|remaining|available) (v-?cpus?|cores)|(vm|sku|machine|compute) famil(y|ies)|regional (limit|cores?)|capacity (left|remaining|available|headroom)|(left|remaining|spare|free) capacity|headroom|subscription limits?)\b/;

const openIncidents =
  /\b(incidents?|p[1-4]s?|sev ?[1-4]s?|sevs|outages?)( that| which)?( are| is)? (still )?(open|active|ongoing|unresolved|in progress|being worked|not (?:yet )?(?:resolved|closed|fixed))\b|\b(open|active|ongoing|unresolved|current) (incidents|p[1-4]s|sev ?[1-4]s|outages|incident[- ]?wise)\b|\bincident[- ]?wise\b|\b(open|active|ongoing|unresolved) (sev ?[1-4]? |p[1-4] |incident |high-?sev |major )?tickets\b/;
const smallTalk =
  /\b((your|ur) (favou?rite|fave|hobby|hobbies|age|birthday|opinion on|feelings|mood|family|pet|star sign)\b|(do|are|can|will|would|have|did) (you|u) (ever |even |really |actually )?(dance|sing|cook|swim|laugh|cry|fly|smell|taste|(get|feel) (tired|bored|lonely|sad|angry|hungry|sleepy)|like|love|hate|enjoy|dream|feel|sleep|eat|drink|married|single|happy|sad|bored|lonely|alive|sentient|conscious|have feelings|a (human|person|real))\b|how old are (you|u)|^how are (you|u)( doing| today| going)?\W*$|^how was (your|everyone'?s|everyones|the|ur) (weekend|day|holiday|vacation|trip)\W*$|^how('s| is) (it going|your day|life|your weekend)\W*$|^what'?s up\W*$|^(sup|wassup|wazzup)\W*$|\b(tell|know) (me )?(a |any )?(joke|jokes|story|riddle|fun fact)\b|\bmeaning of life\b|^(i'?m|i am) (bored|hungry|tired|sad|happy|sleepy)\b|\b(you'?re|you are|ur|u r) (so |very |really |pretty )?(funny|hilarious|cute|smart|clever|dumb|stupid|useless|annoying|weird|the best|great|awesome|amazing|cool|nice)\b|^(lol|lmao|rofl|haha\w*|hehe\w*)\W*$|\b(marry me|be my friend|love you)\b)/;

const operational =
  /\b(jobs?|train\w*|runs?|endpoints?|deploy\w*|clusters?|comput\w*|nodes?|gpus?|cpus?|quotas?|keys?|secrets?|rotat\w*|vaults?|models?|inference|scor\w*|alerts?|incidents?|latency|errors?|503s?|5xx|dns|private|network\w*|workspace|storage|datasets?|uploads?|registry|scal\w*|instances?|replicas?|warm\w*|pre-?warm\w*|start\w*|stop\w*|fail\w*|timeouts?|throttl\w*|permissions?|approvals?|change window|pipeline|capacity|aks|acr|kubernetes|notebooks?|sdk|api)\b/;

const changeWord = String.raw`(?:scale|start|stop|shut|spin|turn|rotate|bump|add|power|warm|pre-?warm|kill|restart|resize|increase|decrease|raise|lower)`;
const notifyMe =
  /^(?:(?:please|pls|plz|can you|could you|would you|just|and|also) )*(?:(?:tell|let|ping|notify|alert|message|text|remind|warn|page|dm|e-?mail|mail|slack|teams) (?:me|us|the team|everyone|the channel)(?: know)? (?:when|once|as soon as|whenever|the moment|the minute|after|every time|each time|any ?time)\b|(?:ping|notify|alert|warn|page|dm|remind|e-?mail|mail|text) (?:me|us)(?: know)?(?: (?:in|on|by|via) (?:this |the )?\w+)? (?:if|in case|when|whenever)\b|(?:send|shoot|drop|post) (?:me|us|the team|the channel) (?:an? )?(?:e-?mail|message|note|text|ping|alert|notification|summary|digest|report)s? (?:when|whenever|if|once|every|each|daily|weekly|any ?time)\b)/;
const standingRule = new RegExp(
  String.raw`^(?:(?:if|whenever|when|once|any ?time|in case) (?!(?:you|u)\b|possible\b)[^?]*\b${changeWord}\b[^?]*$)|\b${changeWord}\b[^?]*\b(?:automatically|auto-?magically|on its own|by itself|without asking)\b|\b(?:automatically|auto-?matically) ${changeWord}\b`,
);

/** A schedule: a change asked for at recurring times is a standing rule ("stop the gpu cluster every friday at 6pm"). */
const schedule = new RegExp(
  String.raw`\b${changeWord}\b[^?]*\b(?:every|each) (?:day|night|morning|evening|weekday|weekend|week|hour|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|\d+ (?:hours?|minutes?|days?))\b|\b${changeWord}\b[^?]*\b(?:daily at|on weekends|on a schedule|on a timer|on a cron)\b|\b(?:every|each) (?:day|night|morning|evening|weekday|friday|monday)\b[^?]*\b${changeWord}\b|\b(?:set up|create|configure|make|add|schedule) (?:an? |a new |some )?(?:automation|auto-?shutdown|schedule|cron|rule|notification|email alert|alert rule|reminder|recurring)\b` +
    String.raw`|\b(?:set up|setup|create|configure|schedule|send|e-?mail|mail|start sending|subscribe)\b.{0,50}\b(?:daily|weekly|monthly|nightly|quarterly|recurring|regular|scheduled|every (?:day|week|month|morning|evening|monday|friday))\b.{0,50}\b(?:reports?|digests?|summar(?:y|ies)|e-?mails?|updates?)\b` +
    String.raw`|\b(?:set up|setup|create|configure|schedule|send|e-?mail|mail)\b.{0,30}\b(?:daily|weekly|monthly|nightly|quarterly|recurring|regular|scheduled) (?:\w+ ){0,3}?(?:reports?|digests?|summar(?:y|ies)|e-?mails?|sitreps?|updates?|checks?|status)\b` +
    String.raw`|\b(?:set up|setup|create|configure|schedule|send|e-?mail|mail)\b.{0,30}\b(?:reports?|digests?|summar(?:y|ies))\b.{0,50}\b(?:every|each) (?:day|night|morning|evening|weekday|week|month|monday|tuesday|wednesday|thursday|friday)\b` +
    String.raw`|\b(?:daily|weekly|monthly|nightly|quarterly) (?:\w+ ){0,3}?(?:reports?|digests?|summar(?:y|ies)|e-?mails?)\b.{0,50}\bto (?:me|us|the|my|our|finance|leadership|management|everyone)\b`,
);
const roster =
  /\b(?:add|put|remove|take|swap|move|update|change|edit|sign|slot|include|drop)\b.{0,40}\b(?:on-?call|pager) (?:rotation|rota|roster|schedule|calendar)\b|\b(?:put|add|schedule|sign|slot|set)\b.{0,30}\b(?:on[- ]?call|(?:onto|for) (?:the )?on[- ]?call)(?: duty| shift| rotation| rota)?\b|\b(?:swap|trade|switch|cover) (?:my |our |an? |the |his |her )?(?:on-?call|pager) ?(?:shifts?|weeks?|duty)?\b|\b(?:make|set) \w+ (?:the )?(?:primary|secondary) on-?call\b/;

/** The cue patterns, so that spelling correction treats the words they look for as known. */
export const intentCuePatterns: readonly RegExp[] = [
  howTo,
  why,
  hypothetical,
  usage,
  noAction,
  declareLead,
  declareTail,
  pageSomeone,
  quota,
  openIncidents,
  smallTalk,
  operational,
  notifyMe,
  standingRule,
  schedule,
  roster,
];

/** Reads the cues of a lower-case, cleaned (and spelling-corrected) message. */
export function readIntentCues(lower: string): IntentCues {
  const t = lower.trim();
  return {
    howTo: howTo.test(t),
    why: why.test(t) && !reasonsAsked.test(t),
    hypothetical: hypothetical.test(t),
    usage: usage.test(t),
    noAction: noAction.test(t),
    declare: asksToDeclare(t),
    quota: quota.test(t),
    openIncidents: openIncidents.test(t),
    smallTalk: smallTalk.test(t),
    operational: operational.test(t),
    standing:
      notifyMe.test(t) ||
      standingRule.test(t) ||
      (schedule.test(t) && !/^(?:does|do|did|is|are|was|were|why|how|what|when|which|who)\b/.test(t)),
    roster:
      roster.test(t) &&
      !/^(?:who|who's|whos|which|when|is|are)\b/.test(t) &&
      !/\b(?:incidents?|inc-?\d+|outage|p[1-4]|sev ?[1-4]?)\b/.test(t),
  };
}

/**
 * An imperative to open an incident together with a description of it: "file an incident please,
 * several jobs failed", "open incident, gpu cluster slow to scale", "fraud is down — raise a ticket",
 * "incident: data lake unreachable". "open incidents?" and "list open incidents" are not.
 */
function asksToDeclare(t: string): boolean {
  if (incidentHeading.test(t) || pageSomeone.test(`${t} `)) return true;
  const lead = declareLead.exec(t);
  if (lead) {
    const [, verb, , separator, rest] = lead;
    const summaryWords = rest
      .replace(/\b(please|pls|plz|now|asap|thanks)\b/g, ' ')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    const hasSeparator = separator.trim().length > 0;
    // "open"/"start" are common words: only with a separator ("open incident, …") do they declare.
    const weakVerb = verb === 'open' || verb === 'start';
    const describes =
      summaryWords.length >= 2 && !/^(list|queue|count|status|report|history|log)\b/.test(rest);
    if (describes && (hasSeparator || !weakVerb)) return true;
  }
  const tail = declareTail.exec(t);
  return Boolean(tail && tail[1].split(/\s+/).length >= 2);
}

/** A sentence of the message that asks a question ("…: how many training runs failed?"). */
export const sentenceAsks =
  /(?:^|[.:;!?]\s+)(?:how many|how much|what|which|when|where|who|is|are|did|does|do|has|have|was|were)\b[^.!]*\?\s*$/;

/** A responder taking an incident in a word or two before anything else ("mine", "on it, checking the endpoint"). */
export const ackLead =
  /^(?:(?:ok|okay|ack|yep|yes|sure)[\s,]+)?(?:mine|investigating|looking now|looking|on it|i(?:'| )?m on it|im on it|i am on it|i(?:'| )?ll take (?:it|this|this one)|i will take it|taking it|i(?:'| )?ve got this|i got this)(?: now| it| this| this one)?(?:\s*[,;.!-]|$)/;

/** Words of a question about a cluster itself (its size, nodes, state), not about how its jobs went. */
export const computeSubject =
  /\b(?:vm ?sizes?|sizes?|skus?|nodes?|vms?|state|status|running on (?:it|the)|queued|idle|busy|utili[sz]ation|scaled?|min|max)\b/;

/** Words of a question about how jobs went: outcomes, failures, history. */
export const jobOutcome =
  /\b(?:fail\w*|succe\w*|pass(?:ed)?|errors?|error\w*|crash\w*|broke|history|finished|complet\w*|overnight|last night|yesterday|outcomes?|results?)\b/;
