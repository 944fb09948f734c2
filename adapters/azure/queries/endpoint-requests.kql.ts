import type { KqlQuery } from './kql-query';

/**
 * Answers "how busy, how fast and how healthy is this online endpoint": requests per minute, P95
 * latency, error rate, availability (share of non-5xx answers) and the count of HTTP 503s over the
 * window. Needs the Application Insights table AppRequests (workspace-based Application Insights
 * attached to the endpoint; its cloud role name is the endpoint name).
 */
export function endpointRequestsQuery(endpoint: string, windowMinutes: number): KqlQuery {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(endpoint)) throw new Error(`Not an endpoint name: ${endpoint}`);
  return {
    name: 'endpoint-requests',
    table: 'AppRequests',
    text: `// opsbot-query: endpoint-requests
let endpointName = "${endpoint}";
let windowMinutes = ${Math.trunc(windowMinutes)};
AppRequests
| where AppRoleName == endpointName
| summarize Requests = count(), Failed = countif(Success == false), Http5xx = countif(ResultCode startswith "5"),
    Http503 = countif(ResultCode == "503"), P95 = percentile(DurationMs, 95)
| project RequestsPerMinute = todouble(Requests) / windowMinutes, P95LatencyMs = coalesce(P95, 0.0),
    ErrorRatePercent = iff(Requests == 0, 0.0, 100.0 * Failed / Requests),
    AvailabilityPercent = iff(Requests == 0, 100.0, 100.0 - 100.0 * Http5xx / Requests),
    Http503Count = Http503`,
  };
}
