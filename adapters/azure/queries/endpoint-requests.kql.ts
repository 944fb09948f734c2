import type { KqlQuery } from './kql-query';

/**
 * Where the request figures of an online endpoint come from. `AmlOnlineEndpointTrafficLog` (the
 * default) is the documented traffic log of managed online endpoints (diagnostic setting
 * "AmlOnlineEndpointTrafficLog" on the ML workspace), one row per request with the endpoint and
 * deployment names. `AppRequests` is workspace-based Application Insights of the scoring code; it
 * may be sampled (each row stands for `ItemCount` requests) and names the endpoint only through the
 * cloud role name, which is an assumption to check on the real workspace.
 */
export type EndpointRequestsTable = 'AmlOnlineEndpointTrafficLog' | 'AppRequests';

/**
 * Answers "how busy, how fast and how healthy is this online endpoint": requests per minute, P95
 * latency, error rate, availability (share of non-5xx answers) and the count of HTTP 503s over the
 * window, from the chosen table.
 */
export function endpointRequestsQuery(
  endpoint: string,
  windowMinutes: number,
  table: EndpointRequestsTable = 'AmlOnlineEndpointTrafficLog',
): KqlQuery {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(endpoint)) throw new Error(`Not an endpoint name: ${endpoint}`);
  const head = `// opsbot-query: endpoint-requests
let endpointName = "${endpoint}";
let windowMinutes = ${Math.trunc(windowMinutes)};`;
  const tail = `| project RequestsPerMinute = todouble(Requests) / windowMinutes, P95LatencyMs = coalesce(P95, 0.0),
    ErrorRatePercent = iff(Requests == 0, 0.0, 100.0 * Failed / Requests),
    AvailabilityPercent = iff(Requests == 0, 100.0, 100.0 - 100.0 * Http5xx / Requests),
    Http503Count = Http503`;
  if (table === 'AppRequests') {
    return {
      name: 'endpoint-requests',
      table,
      text: `${head}
AppRequests
| where AppRoleName == endpointName
| summarize Requests = sum(ItemCount), Failed = sumif(ItemCount, Success == false),
    Http5xx = sumif(ItemCount, ResultCode startswith "5"), Http503 = sumif(ItemCount, ResultCode == "503"),
    P95 = percentile(DurationMs, 95)
${tail}`,
    };
  }
  return {
    name: 'endpoint-requests',
    table,
    text: `${head}
AmlOnlineEndpointTrafficLog
| where EndpointName == endpointName
| extend Code = toint(ResponseCode)
| summarize Requests = count(), Failed = countif(Code >= 400), Http5xx = countif(Code >= 500),
    Http503 = countif(Code == 503), P95 = percentile(TotalDurationMs, 95)
${tail}`,
  };
}
