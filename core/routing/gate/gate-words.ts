import type { ResourceKind } from '../../config/resource-names';

/*
 * The words around what a change acts on: kind nouns, the parts no skill changes, fillers,
 * courtesies and purposes that may follow the object.
 */

/** Words that name a resource by its kind only ("the cluster"); the clarify dialog asks which. */
export const kindNouns: Record<ResourceKind, ReadonlySet<string>> = {
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
export const attributes = new Set(
  `traffic threshold thresholds min max minimum maximum autoscale autoscaling split weight weights sku
   size quota limit limits alert alerts timeout logs monitoring job jobs run runs training pipeline
   pipelines schedule scheduler expiry expiration policy permissions access percent percentage`.split(/\s+/),
);

/** Words that may follow a change's object in the request itself: courtesy, urgency, particles. */
export const trailingWords = new Set(
  `please pls plz kindly thanks thx ty now asap immediately urgently quickly right away straight again too
   first as well also up down off on out in over back online it them both all nodes node vms cluster clusters
   me us for rotation deployment slot procedure process one ones box current old existing active primary secondary rn
   boxes s bit little couple few more lot extra weekend night overnight tonight today holidays break`.split(
    /\s+/,
  ),
);

/** The start of a new sentence typed without punctuation ("turn off the gpu cluster it's burning money"). */
export const runOnSubject =
  /^(?:it s|its|it is|we re|were|we are|we|i m|im|i am|i ve|i|nobody|no one|everyone|everything|they|there s|theres|there is|that s|thats)\b/;

/** Verbs of a purpose after "to" ("… to save cost", "… to handle the load"). */
export const purposeVerbs = new Set(
  `save cut reduce lower handle cope absorb deal cover meet keep get avoid prevent help support serve free
   stop start run finish test check be make let allow speed process train warm prepare catch clean comply
   satisfy spare stay avoid match see kick unblock recover protect limit`.split(/\s+/),
);

/** Words that end a request's object and start its purpose or timing ("… for the canary", "… before 9"). */
export const purposeWords = new Set([
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

/** Words that stand for a resource named elsewhere ("stop it"). */
export const pronouns = new Set(['one', 'em', 'it', 'them', 'that', 'this', 'those', 'these', 'everything']);

/** Words that may stand before a resource without changing which one it is ("the idle", "both"). */
export const determiners = new Set([
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

/** Actions next to a passive request that the catalog does not have; a passive request beside one is not read as a request. */
export const foreignAction =
  /\b(?:delet|remov|destroy|purg|wip|eras|reveal|past|e ?mail|send|sent|shar|post|print|disabl|silenc|mut|suppress|shift|lower|rais|chang|restart|redeploy|deploy|grant|revok|reset|migrat|upgrad|renam|kill|terminat|drop|dump|export|copy|copied)\w*\b|\b(?:traffic|thresholds?|alerts?|approvals?|override|overrid\w*)\b/;

/** A command-line flag ("--dry-run") the bot does not have. */
export const flag = /(?:^|\s)--?[a-z]/;

/** A share or an on/off state is not an instance count: traffic splits, taking an endpoint offline. */
export const notACount = /\d\s*(?:%|(?:percent|pct)\b)|\bper ?cent\b|\b(?:offline|online)\b/;

/** Parts of an endpoint that a count in the same clause would set instead of its instances. */
export const notInstances =
  /\b(?:split|weights?|thresholds?|minimum|maximum|autoscal\w*|min instances|max instances)\b|\btraffic (?:split|share|to|weights?|at)\b/;
