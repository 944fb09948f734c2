/**
 * One entry of the synonym table: a group of neighbouring phrases (a question using one is also
 * searched with the others, at a discount), words that point at a broader meaning (a question using
 * one of `words` is also searched with `means`, not the other way round), or `same`: spellings of
 * one word (a short form, a code, the organisation's name for it), which count as the word itself.
 */
export type SynonymEntry =
  | readonly string[]
  | { readonly words: readonly string[]; readonly means: readonly string[] }
  | { readonly same: readonly string[] };

/**
 * Words of the field that mean the same thing to the people who ask, as data: each group is a set
 * of phrases, and a question that uses one phrase of a group is also searched with the others; a
 * `same` group holds spellings of one word and counts in full, the others count at a discount.
 * Lower-case; multi-word phrases match as a whole, after the same word filtering as the search, so
 * a phrase must keep its meaning without its small words ("fail over" would shrink to "fail"). Keep a
 * group narrow: a phrase that belongs to two meanings ("unavailable") pulls unrelated pages in.
 */
export const fieldSynonyms: readonly SynonymEntry[] = [
  { same: ['503', 'service unavailable', 'http 503'] },
  { same: ['aoai', 'azure openai', 'openai'] },
  ['gpt', 'gpt-4', 'gpt-3.5', 'azure openai'],
  ['quota', 'core limit', 'quotaexceeded', 'quota exceeded', 'vcpu limit', 'cores'],
  { same: ['cab', 'change approval', 'change advisory board'] },
  { same: ['dr', 'disaster recovery'] },
  ['dr', 'disaster recovery', 'failover'],
  { same: ['failback', 'fail back'] },
  ['activate', 'trigger', 'invoke'],
  ['aks', 'kubernetes', 'k8s', 'inference cluster'],
  { same: ['kv', 'key vault', 'keyvault'] },
  { same: ['acr', 'container registry'] },
  { same: ['adls', 'data lake', 'datalake'] },
  ['adls', 'data lake', 'storage account'],
  { same: ['nsg', 'network security group'] },
  ['nsg', 'firewall rules'],
  ['dns', 'name resolution', 'nslookup', 'enotfound', 'getaddrinfo'],
  ['private endpoint', 'private link'],
  { same: ['known issue', 'ki'] },
  ['rotate', 'regenerate', 'rotation', 'roll the key'],
  ['leaked', 'compromised', 'exposed', 'leak'],
  ['ddos', 'denial of service'],
  ['breach', 'unauthorized access', 'unauthorised access', 'exfiltration', 'data leak'],
  ['pagerduty', 'paged', 'pager'],
  ['servicenow', 'snow ticket', 'ticket'],
  ['blackout', 'freeze', 'change freeze'],
  ['deploy', 'release', 'rollout', 'roll out', 'go live', 'ship'],
  ['window', 'maintenance window', 'change window'],
  ['oncall', 'on-call rotation'],
  ['escalation', 'escalate', 'next tier'],
  ['sweep', 'training job'],
  ['experiment', 'training job'],
  { same: ['sev1', 'p1'] },
  { same: ['sev2', 'p2'] },
  { same: ['sev3', 'p3'] },
  { same: ['sev4', 'p4'] },
  ['restore', 'recover', 'recovery', 'undelete'],
  { same: ['backup', 'back up', 'backed up'] },
  ['retention', 'retained', 'kept'],
  ['cost', 'spend', 'bill', 'money'],
  { same: ['certificate', 'cert', 'certs'] },
  ['approve', 'approval', 'approver', 'sign-off', 'sign off'],
  { same: ['prod', 'production'] },
  { same: ['dev', 'development'] },
  { same: ['l1', 'first line', 'service desk', 'helpdesk'] },
  { same: ['l2', 'cloud ops', 'second line'] },
  { same: ['l3', 'third line'] },
  ['gpu', 'a100', 'ncadsa100v4', 'nc24ads'],
  ['scoring', 'inference', 'scoring api', 'inference api'],
  { same: ['secondary region', 'west us 2', 'westus2'] },
  { same: ['primary region', 'east us 2', 'eastus2'] },
  ['dashboard', 'workbook'],
  ['kql', 'log analytics'],
  { same: ['mfa', 'multi-factor', '2fa'] },
  { same: ['patch', 'patching'] },
  { same: ['prewarm', 'pre-warm', 'warm up', 'pre warm'] },
  ['p95', 'latency'],
  ['upload', 'azcopy'],
  // Short forms engineers type for the words the pages spell out.
  { same: ['severity', 'sev', 'priority', 'prio'] },
  { same: ['cli', 'az cli', 'command line'] },
  { same: ['url', 'uri', 'address', 'hostname'] },
  { same: ['repo', 'repository'] },
  { same: ['env', 'environment'] },
  { same: ['config', 'configuration'] },
  ['configuration', 'settings'],
  { same: ['infra', 'infrastructure'] },
  { same: ['vm', 'virtual machine'] },
  { same: ['rg', 'resource group'] },
  { same: ['docs', 'documentation'] },
  ['documentation', 'wiki'],
  { same: ['max', 'maximum'] },
  { same: ['min', 'mins', 'minutes'] },
  { same: ['ops', 'operations'] },
  { same: ['hr', 'hrs', 'hours'] },
  { same: ['rca', 'root cause'] },
  { same: ['postmortem', 'post mortem'] },
  ['postmortem', 'lessons learned'],
  // Tools and their targets: a tool named in a question points at the resource it works on.
  { words: ['kubectl', 'helm'], means: ['aks'] },
  { words: ['az ml'], means: ['ml workspace'] },
  { words: ['5xx'], means: ['503'] },
  // The same operation or object under its other everyday names.
  { words: ['drill', 'exercise', 'rehearsal', 'dry run'], means: ['test'] },
  ['dashboard', 'graph', 'chart'],
  ['alert', 'alarm', 'notification'],
  { same: ['scale in', 'scale down'] },
  { same: ['scale out', 'scale up'] },
  ['instances', 'replicas', 'nodes'],
  { words: ['spin up', 'turn on', 'power on'], means: ['start'] },
  { words: ['shut down', 'turn off', 'deallocate', 'power off'], means: ['stop'] },
  { words: ['how far back', 'how long kept', 'history'], means: ['retention'] },
  { same: ['timeout', 'timed out', 'time out'] },
  ['snapshot', 'backup'],
  ['playbook', 'runbook', 'procedure'],
  ['contact', 'reach', 'get in touch'],
  ['respond', 'response', 'answer', 'reply'],
  { words: ['out of hours', 'after hours'], means: ['24/7', 'on-call'] },
  ['throughput', 'requests per second', 'rps'],
  { words: ['every day', 'each day', 'day to day'], means: ['daily'] },
  { words: ['every week', 'each week'], means: ['weekly'] },
  { words: ['every month', 'each month'], means: ['monthly'] },
];
