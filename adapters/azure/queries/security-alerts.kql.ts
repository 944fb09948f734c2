import type { KqlQuery } from './kql-query';

/**
 * Answers "which security alerts did Sentinel raise in the window" (high, medium and low; the
 * informational ones are left out). Needs the SecurityAlert table (Microsoft Sentinel or Defender
 * for Cloud connected to the workspace).
 */
export const securityAlertsQuery: KqlQuery = {
  name: 'security-alerts',
  table: 'SecurityAlert',
  text: `// opsbot-query: security-alerts
SecurityAlert
| where AlertSeverity in ("High", "Medium", "Low")
| summarize arg_max(TimeGenerated, AlertName, AlertSeverity, StartTime) by SystemAlertId
| project Id = SystemAlertId, Title = AlertName, Severity = tolower(AlertSeverity), RaisedAt = coalesce(StartTime, TimeGenerated)
| order by RaisedAt desc`,
};
