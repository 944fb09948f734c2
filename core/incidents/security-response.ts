import type { IncidentType } from './incident';

/** The handover's response steps for a security incident (section 12.2), in order, as a checklist. */
export const securityResponseSteps: readonly string[] = [
  'Detection and alerting (automated)',
  'Contain the threat',
  'Find the root cause',
  'Eradicate the threat',
  'Recover the affected systems',
  'Write down the lessons learned',
  'Put preventive measures in place',
];

/** How each incident type reads on a card. */
export const incidentTypeLabels: Record<IncidentType, string> = {
  operational: 'Operational',
  'data-breach': 'Security: data breach',
  'compromised-credentials': 'Security: compromised credentials',
  malware: 'Security: malware',
  ddos: 'Security: DDoS',
};
