/**
 * Why a request is outside the catalog no matter how it is phrased. The guard is deterministic
 * and runs before and after the classifier: these requests must never reach a skill that changes
 * anything.
 */
export type OutOfScopeReason =
  | 'destructive'
  | 'access'
  | 'secret-value'
  | 'disable-safeguard'
  | 'injection'
  /** Copying data out of the landing zone ("copy the training set to my personal storage"). */
  | 'data-export';

/** The guard's verdict on one message. */
export interface ScopeVerdict {
  /** Set when the request must route to `none`. */
  outOfScope?: OutOfScopeReason;
  /**
   * The message names a state-changing action the catalog does not have (restart, deploy, roll
   * back, fail over, …): it may still be a question for the runbooks, but never a change skill.
   */
  unsupportedChange: boolean;
  /** The message asks how/why/whether rather than asking for an action. */
  question: boolean;
}

const destructive =
  /\b(?:get|have|has|should be|must be|to be|then be|gets?|be) (?:it |them |\S+ )?(?:deleted|removed|destroyed|wiped|purged|decommissioned|torn down|nuked)\b|(?<!\b(was|were|been|being|got|get|is|are|be)\s)\b(delete|remove|destroy|purge|wipe|erase|nuke|decommission|deprovision|tear down|teardown|uninstall|terminate|trash|get rid of)\b|\b(drop|scrap)\s+(the|that|this|these|those|all|our|my|every|it|them)\b|\bkill\s+(?!(?:(?:the|these|those|all|our|my|every|idle|both) )*(?:[\w-]+ ){0,3}?(?:nodes?|vms?|boxes|machines)\b)/;
/** Change words used as nouns after a preposition ("before the 6am retrain", "ahead of the deploy"). */
const eventNoun =
  /\b(before|after|ahead of|during|until|till|in time for|for|by|since|with|from) (the |our |this |that |a |next |tonight s |today s |tomorrow s |tonight's |today's |tomorrow's )?([\w-]+ ){0,3}(retrain|retraining|deploy|deployment|upgrade|migration|patch|release|rollout|rollback|roll back|redeploy|hotfix|failover|reboot|restart)\b/g;
/** The same words as the subject of a sentence ("the retrain is blocked", "my rerun failed"). */
const eventSubject =
  /\b(?:retrain|retraining|rerun|deploy|release|rollout|migration|upgrade)\b(?= (?:\w+ing|kicks|starts|begins|runs|is|was)\b)|\b(?:retrain|retraining|deploy|deployment|release|rollout|migration|upgrade|restart) (?:jobs?|runs?|pipelines?|window|schedule|plan|notes?|experiments?)\b|\b(?:the|my|our|this|that|a|an) (?:[\w-]+ ){0,2}(?:retrain|retraining|deploy|deployment|upgrade|migration|patch|release|rollout|failover|reboot|restart|rerun)\b(?= (?:is|was|are|were|has|had|keeps|kept|will|got|failed|broke|blocked|stuck|running|finished|done|kicks|starts|begins))/g;
const accessGrant =
  /\b(add|invite)\b.{0,30}\b(to|into) (the |our )?(?:[\w-]+ ){0,3}?(workspace|subscription|resource group|group|team|vault|key vault|rg)\b|\b(grant\w*|give|gimme|add|assign\w*|make|elevate|promote)\b.{0,60}\b(access|owner|contributor|admin|administrator|reader|role|roles|permissions?|rbac|privileges?|rights|sudo)\b|\b(revoke|remove)\b.{0,40}\b(access|role|permissions?)\b|\b(role assignment|elevate (me|my)|pim (me|activation))\b/;
const secretNoun =
  /\b(secrets?|passwords?|keys?|api ?keys?|connection strings?|tokens?|credentials?|creds|sas)\b/;
const secretRead =
  /\b(show|print|display|reveal|give|send|tell|read|get|fetch|paste|dump|export|copy|output|list|expose|share|dm|email|what is|what's|whats|value of|values of|plaintext|plain text)\b/;
/** Handing a secret over, even one just rotated ("rotate the key then email it to diego"). */
const secretHandOver =
  /\b(send|e-?mail|mail|dm|message|share|paste|post|forward|text|give|show|print|reveal|display|copy|export|dump|read out|tell)( me| us)? (\w+ ){0,2}?(it|them|the (new|rotated|regenerated|fresh|old|current|other) (api )?(keys?|secrets?|ones?|values?)|(keys?|secrets?) values?|values?)\b/;
const secretChange =
  /\b(rotat\w*|regen\w*|cycl\w*|renew\w*|refresh\w*|re-?key\w*|roll(ed|ing)? (the |over )|new (key|secret)|expir\w*|leak\w*|compromised)\b/;
const disableSafeguard =
  /\b(stop|halt|pause|end)( the| all| these| those| my| our| your| them)* (alerts?|alarms?|paging|pages|pager|notifications?|notifying|monitoring|escalations?|escalating)\b|\b(disable[sd]?|disabling|turn(ing)? off|switch(ing)? off|silence[sd]?|mute[sd]?|suppress\w*|snooze[sd]?|bypass\w*|skip(ping)?|ignore)\b.{0,40}\b(alerts?|alarms?|monitor(s|ing)?|sentinel|logging|logs|audit\w*|mfa|firewall|security|defender|approvals?|policy|policies|pager|paging|pages|notifications?)\b/;
const unsupportedChange =
  /\b(decom\w*|archive|resize (?:\S+ ){0,3}?(?:to )?(?:nc|d\d|standard|vm|sku)\w*|(?:change|set|update|modify|switch) (?:\S+ ){0,3}?(?:vm size|sku)|invite|open port|port \d+|logging|clear (its |the )?disks?|drain|move (its |the )?jobs|make (it|green|blue) (live|the live)|live deployment|promote|roll ?out|cut ?over|flip (it )?to|point (the app|it|traffic|the traffic)|autoscal\w*|cpu limit|memory limit|pin (it|them)|(turn|bring|switch) (it|them|\S+) back on|off and on|stop and (then )?start|stop\b.{0,40}\bstart (it|them) (up )?again|install|uninstall|run (my|the|a|our) (\w+ )?(script|job|training|notebook|pipeline|experiment|code)|submit (my |a |the )?(job|run|training)\w*|ssh|restart|reboot|redeploy|deploy|roll back|rollback|revert|fail over|failover|upgrade|patch|rename|migrate|swap(?! (\S+ ){0,3}?(keys?|secrets?|credentials?)\b| out (the |our )?(\S+ )?(keys?|secrets?|credentials?)\b)|provision|reset|retrain|re-?run|resubmit|recreate|reimage|(shift|move|route|send|split|switch) (all |the |some )*(\d+ ?% (of )?)?(the )?traffic|create (a |an |new )*(cluster|endpoint|deployment|compute|workspace|vault|key)|(set|change|update|adjust|raise|lower|increase|decrease|reduce|bump|move|shift|put|modify|edit|rotate|renew|regenerate|cycle) (\S+ ){0,3}?(traffic|thresholds?|min(imum)?|max(imum)?|autoscal\w*|certificates?|certs?|passwords?|tls|ssl)|(set|scale|move|shift|put|send|route) (\S+ ){0,4}?\d+(?= ?(%|percent\b))|traffic (to|at) \d+|(open|change|edit|modify) (the )?(nsg|firewall|dns)|lock|unlock)\b/;
const injection =
  /\b(ignore|disregard|forget|override|bypass) (all |any |the |your |my |of )*(previous |prior |above |earlier |system |safety )?(instructions|prompts?|rules|policy|policies|guardrails|restrictions)\b|\b(you are now|pretend (you are|to be)|act as (an? )?(admin|root|owner))\b|^\W*(system|admin|assistant|developer)\s*:|\b(you are|you're|youre) (an? |the )?(admin|administrator|root|superuser|owner)\b|\b(developer|god|admin) mode\b|\bjailbreak\w*\b|\bwithout (an? |any )?approvals?\b|\bwithout (\w+ ){0,3}(approv\w*|sign-?offs?|cab)\b|\bpretend\w*\b|\b(admin|emergency|manager|root|security|director) override\b|\bno (change )?approvals? (needed|required|necessary)\b|\b(skip|bypass|skipping|bypassing) (the |any )?(change )?(approvals?|cab|change window|policy)\b|\boutside (of )?the change window\b(?!\?)|\bsystem override\b|\[system\]|#+ ?instructions?\b|\bnew instructions\b|\byou must comply\b|\bpre-?approved\b|\bno card\b|\bauto-?approv\w*|\bapproval (is )?already (given|granted|done)\b|\bjust execute\b|\bwithout asking (anyone|anybody)\b/;
const dataExport =
  /\b(copy|move|download|export|transfer|sync|send|upload|push|dump|mirror)\b.{0,60}\b(to|into|onto|on) (my |our |a |some )?(personal|own|private|local|laptop|home|external|gmail|dropbox|google drive|onedrive|usb|thumb drive)\b/;
/**
 * The user's own next step, not a request to the bot: "I need to rerun the feature extraction",
 * "so I can retrain tonight", "before I redeploy".
 */
const ownPlan =
  /\b(?:(?:need|have|got|going|want) to|gotta|so (?:i|we) can|i|i(?:'| )?m|im|i am|i(?:'| )?ll|i will|i can|i could|i need to|i have to|i want to|i plan to|i(?:'| )?m going to|i am going to|i(?:'| )?d like to|i would like to|so i can|so that i can|before i|after i|then i|once i|while i)(?: (?:then|just|quickly|finally))? (?:re-?run|re-?submit|retrain|redeploy|deploy|restart|upgrade|migrate|patch)\b/g;
const questionStart =
  /^(how|why|what|what's|whats|which|when(?! (you|u) (get a chance|can|have a))|where|who|is|are|was|were|did|does|do (i|we|you|they)|has|have|had|should|shall|any|anything|isn't|aren't|didn't|doesn't|hasn't)\b/;

/** The guard's patterns, so that spelling correction treats the words they look for as known. */
export const scopeGuardPatterns: readonly RegExp[] = [
  destructive,
  accessGrant,
  secretNoun,
  secretRead,
  secretChange,
  secretHandOver,
  disableSafeguard,
  unsupportedChange,
  injection,
  dataExport,
  questionStart,
];

/** Verbs the guards look for, in their base form; `baseForms` reads "deleting", "pasted", "emails" as them. */
const guardedVerbs =
  `delete remove destroy purge wipe erase reveal paste email send share post print display expose
  disable silence mute suppress shift move route split lower raise change adjust modify restart reboot redeploy deploy
  grant revoke reset migrate upgrade rename terminate uninstall decommission dump export copy transfer upload download
  forward leak`.split(/\s+/);
const inflected = new RegExp(
  String.raw`\b(${guardedVerbs.map((v) => v.replace(/e$/, '')).join('|')})(?:es|s|ing)\b`,
  'g',
);
const baseOf = new Map(guardedVerbs.map((v) => [v.replace(/e$/, ''), v]));

/** The message with guarded verbs in their base form ("would you mind rotating the key and pasting it" → "… paste it"). */
function baseForms(text: string): string {
  return text
    .replace(inflected, (_word, stem: string) => baseOf.get(stem) ?? stem)
    .replace(/\bsent\b/g, 'send');
}

/** A secret's new value handed to a person or put somewhere outside Key Vault. */
const secretToPerson =
  /\bnew (?:value|key|one|secret) (?:to|in|on|into) (?:#\w+|the channel|this channel|here|the chat|this chat|the thread|me)\b|\b(?:post|put|publish) (?:\w+ ){0,3}?(?:here|in (?:the|this) (?:channel|chat|thread)|#\w+)\b|\b(?:and|then)\b.{0,20}\b(?:post|slack|commit|push|put|update|add|paste|share|send|email|give|copy|write|save|upload|dm|text|tell|print|show)\b(?: \w+){0,2}? (?:it|them|the new (?:one|key|value|secret)|the value|the key)\b(?!.{0,25}\b(?:key ?vault|kv|vault))|\b(?:slack|dm|e-?mail|send|text|message|forward|share|read|give|write|save|store|put|include|paste|copy)\b(?: \w+){0,4}? (?:it|them|the (?:new |rotated |fresh )?(?:key|value|secret)|a copy)\b(?: \w+){0,3}? (?:to me|to us|back to me|back|in your reply|on the wiki|in my notes|to my laptop|in my onedrive|on my desktop|here)\b|\b(?:my notes|my laptop|my onedrive|onedrive|dropbox|your reply|the wiki|my desktop)\b/;

/** Letters written with digits or spaced out ("d3lete", "d e c o m"), folded for the guards only. */
function unobfuscated(text: string): string {
  return text
    .replace(/\b(?:[a-z] ){2,}[a-z]\b/g, (m) => m.replace(/ /g, ''))
    .replace(/\b(?=[a-z0-9@$]*[a-z])(?=[a-z0-9@$]*[0-9@$])[a-z0-9@$]{3,}\b/g, (w) =>
      /^(?:p\d+|a100|v\d+|nc\d+[a-z]{0,4}|d\d+[a-z]{0,2}|l\d|sev\d|inc\d+|\d+[a-z]{1,3})$/.test(w)
        ? w
        : w
            .replace(/3/g, 'e')
            .replace(/0/g, 'o')
            .replace(/1/g, 'i')
            .replace(/[@4]/g, 'a')
            .replace(/[$5]/g, 's')
            .replace(/7/g, 't'),
    );
}

/** Classifies a cleaned, lower-case message; see `ScopeVerdict`. */
export function checkScope(text: string): ScopeVerdict {
  const verdict = checkWords(text.toLowerCase());
  const plain = unobfuscated(text.toLowerCase());
  if (plain !== text.toLowerCase()) {
    const again = checkWords(plain);
    verdict.outOfScope ??= again.outOfScope;
    verdict.unsupportedChange ||= again.unsupportedChange;
  }
  if (!verdict.outOfScope && secretNoun.test(text.toLowerCase()) && secretToPerson.test(text.toLowerCase()))
    verdict.outOfScope = 'secret-value';
  const based = baseForms(text.toLowerCase());
  if (based !== text.toLowerCase()) {
    // A guard that fires on the base forms still counts ("… and pasting it to me").
    const again = checkWords(based);
    verdict.outOfScope ??= again.outOfScope;
    verdict.unsupportedChange ||= again.unsupportedChange;
  }
  return verdict;
}

function checkWords(t: string): ScopeVerdict {
  const question = questionStart.test(t);
  const verdict: ScopeVerdict = {
    unsupportedChange: unsupportedChange.test(
      t.replace(eventNoun, ' ').replace(eventSubject, ' ').replace(ownPlan, ' '),
    ),
    question,
  };
  const withoutVault = t.replace(/\bkey ?vault\b/g, 'vault');
  if (injection.test(t)) verdict.outOfScope = 'injection';
  else if (destructive.test(t)) verdict.outOfScope = 'destructive';
  else if (accessGrant.test(t)) verdict.outOfScope = 'access';
  else if (disableSafeguard.test(t)) verdict.outOfScope = 'disable-safeguard';
  else if (dataExport.test(t)) verdict.outOfScope = 'data-export';
  else if (
    secretNoun.test(withoutVault) &&
    secretRead.test(withoutVault) &&
    (!secretChange.test(withoutVault) || secretHandOver.test(withoutVault))
  ) {
    verdict.outOfScope = 'secret-value';
  }
  return verdict;
}
