/**
 * One entry of the synonym table: a group of phrases that mean the same (a question using one is
 * also searched with the others), or words that point at a broader meaning (a question using one
 * of `words` is also searched with `means`, not the other way round).
 */
export type SynonymEntry = readonly string[] | { readonly words: readonly string[]; readonly means: readonly string[] };

/**
 * Words of the field that mean the same thing to the people who ask, as data: each group is a set
 * of phrases, and a question that uses one phrase of a group is also searched with the others.
 * Lower-case; multi-word phrases match as a whole, after the same word filtering as the search, so
 * a phrase must keep its meaning without its small words ("fail over" would shrink to "fail"). Keep a
 * group narrow: a phrase that belongs to two meanings ("unavailable") pulls unrelated pages in.
 */
export const fieldSynonyms: readonly SynonymEntry[] = [
  ['503', 'service unavailable', 'http 503'],
  ['aoai', 'azure openai', 'openai'],
  ['gpt', 'gpt-4', 'gpt-3.5', 'azure openai'],
  ['quota', 'core limit', 'quotaexceeded', 'quota exceeded', 'vcpu limit', 'cores'],
  ['cab', 'change approval', 'change advisory board'],
  ['dr', 'disaster recovery', 'failover'],
  ['failback', 'fail back'],
  ['activate', 'trigger', 'invoke'],
  ['aks', 'kubernetes', 'k8s', 'inference cluster'],
  ['kv', 'key vault', 'keyvault'],
  ['acr', 'container registry'],
  ['adls', 'data lake', 'datalake', 'storage account'],
  ['nsg', 'network security group', 'firewall rules'],
  ['dns', 'name resolution', 'nslookup', 'enotfound', 'getaddrinfo'],
  ['private endpoint', 'private link'],
  ['known issue', 'ki'],
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
  ['sev1', 'p1'],
  ['sev2', 'p2'],
  ['sev3', 'p3'],
  ['sev4', 'p4'],
  ['restore', 'recover', 'recovery', 'undelete'],
  ['backup', 'back up', 'backed up'],
  ['retention', 'retained', 'kept'],
  ['cost', 'spend', 'bill', 'money'],
  ['certificate', 'cert', 'certs'],
  ['approve', 'approval', 'approver', 'sign-off', 'sign off'],
  ['prod', 'production'],
  ['dev', 'development'],
  ['l1', 'first line', 'service desk', 'helpdesk'],
  ['l2', 'cloud ops', 'second line'],
  ['l3', 'third line'],
  ['gpu', 'a100', 'ncadsa100v4', 'nc24ads'],
  ['scoring', 'inference', 'scoring api', 'inference api'],
  ['secondary region', 'west us 2', 'westus2'],
  ['primary region', 'east us 2', 'eastus2'],
  ['dashboard', 'workbook'],
  ['kql', 'log analytics'],
  ['mfa', 'multi-factor', '2fa'],
  ['patch', 'patching'],
  ['prewarm', 'pre-warm', 'warm up', 'pre warm'],
  ['p95', 'latency'],
  ['upload', 'azcopy'],
  { words: ['every day', 'each day', 'day to day'], means: ['daily'] },
  { words: ['every week', 'each week'], means: ['weekly'] },
  { words: ['every month', 'each month'], means: ['monthly'] },
];
