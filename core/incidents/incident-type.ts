import type { IncidentType } from './incident';

/**
 * What marks each security incident type in a description, checked in order: malicious code first
 * (ransomware also exposes data), then attacks on availability, then leaked or stolen secrets, then
 * unauthorised access to data. Anything else is operational.
 */
export const incidentTypeRules: readonly (readonly [RegExp, IncidentType])[] = [
  [
    /\b(malware|ransomware|virus(es)?|trojans?|worms?|crypto-?miners?|backdoor|malicious (code|binar\w+|packages?|images?|scripts?|payload))\b/,
    'malware',
  ],
  [
    /\b(d?dos(ed|sed)?|denial[- ]of[- ]service|botnet|(flood(ed|ing)?|hammered) (with|by) (bogus |fake |junk )?(requests|traffic))\b/,
    'ddos',
  ],
  [
    /\b((leak(ed|s|ing)?|compromised|stolen|exposed|pushed|committed|posted|pasted|published) (\w+ ){0,3}(keys?|secrets?|credentials?|passwords?|tokens?|connection strings?)|(keys?|secrets?|credentials?|passwords?|tokens?) (\w+ ){0,3}(leak(ed|s)?|compromised|stolen|exposed|on github|in (a )?public))\b|\bcredential (leak|theft|compromise)\b/,
    'compromised-credentials',
  ],
  [
    /\b(data breach|breach(ed|es)?|exfiltrat\w*|unauthori[sz]ed (data )?access|data (exposure|leak)|exposed data|intrusion)\b/,
    'data-breach',
  ],
];

/** The incident type a description implies; `operational` when nothing marks a security incident. */
export function incidentTypeOf(text: string): IncidentType {
  const t = text.toLowerCase();
  return incidentTypeRules.find(([pattern]) => pattern.test(t))?.[1] ?? 'operational';
}
