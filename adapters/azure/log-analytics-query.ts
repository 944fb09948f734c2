import type { LogsTable } from '@azure/monitor-query-logs';
import { mapAzureError, type AzureCallContext } from './azure-error-mapper';
import type { AzureSession } from './azure-session';
import type { Row } from './azure-values';
import type { KqlQuery } from './queries/kql-query';

/**
 * Runs one KQL query over the last `windowMinutes` of the landing zone's Log Analytics workspace
 * and returns the first table's rows by column name. Partial results are used and logged.
 */
export async function queryLogs(
  session: AzureSession,
  kql: KqlQuery,
  windowMinutes: number,
  ctx: AzureCallContext,
): Promise<Row[]> {
  const endTime = session.clock.now();
  const startTime = new Date(endTime.getTime() - windowMinutes * 60_000);
  try {
    const result = await session.logs.queryWorkspace(session.lz.logAnalyticsWorkspaceId, kql.text, {
      startTime,
      endTime,
    });
    const tables: LogsTable[] = result.status === 'Success' ? result.tables : result.partialTables;
    if (result.status !== 'Success') {
      session.logger.warn(
        { query: kql.name, code: result.partialError?.code },
        'log query returned partial results',
      );
    }
    const table = tables[0];
    if (!table) return [];
    const names = table.columnDescriptors.map((c) => c.name ?? '');
    return table.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
  } catch (error) {
    throw mapAzureError(error, ctx);
  }
}

/** The context of a query of the workspace, named by what it reads and the action it needs. */
export function workspaceQueryContext(
  session: AzureSession,
  doing: string,
  requiredAction: string,
): AzureCallContext {
  return {
    doing,
    resourceKind: 'Log Analytics workspace',
    resourceName: session.lz.logAnalyticsWorkspaceId,
    requiredAction,
  };
}
