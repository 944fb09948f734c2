import { contractConfig } from '../../contract/landing-zone.contract';
import { checkKql } from '../../fakes/azure-reference/kql-check';
import { startAzureRig, type AzureTestRig } from './azure-test-subject';

/** The fake refuses what Azure refuses, with Azure's status and error code. */
describe('the strict fake ARM server', () => {
  let rig: AzureTestRig;
  let base: string;
  let sub: string;
  beforeAll(async () => {
    const config = contractConfig();
    rig = await startAzureRig(config);
    base = `http://127.0.0.1:${rig.fake.port}`;
    sub = `/subscriptions/${config.landingZone.subscriptionId}`;
  });
  afterAll(() => rig.close());

  async function call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; code?: string }> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    return { status: response.status, code: json.error?.code };
  }

  const workspace = () =>
    `${sub}/resourceGroups/${contractConfig().landingZone.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${contractConfig().landingZone.workspace}`;

  it('refuses an ARM request without api-version', async () => {
    expect(await call('GET', `${workspace()}/computes`)).toEqual({
      status: 400,
      code: 'MissingApiVersionParameter',
    });
  });

  it('refuses an api-version the provider does not serve', async () => {
    expect(await call('GET', `${workspace()}/computes?api-version=2099-01-01`)).toEqual({
      status: 400,
      code: 'InvalidApiVersionParameter',
    });
  });

  it('refuses a metric dimension the metric does not have', async () => {
    const query =
      'api-version=2024-02-01&metricnamespace=Microsoft.MachineLearningServices/workspaces&metricnames=CpuUtilizationPercentage&filter=' +
      encodeURIComponent("ClusterName eq '*'");
    expect(await call('POST', `${sub}/metrics:getBatch?${query}`, { resourceids: [workspace()] })).toEqual({
      status: 400,
      code: 'BadRequest',
    });
  });

  it('answers each metric under the display name the supported-metrics reference gives it', async () => {
    // Display names as the generated reference tables list them (first column), not as prose spells them.
    const expected: [string, string, string][] = [
      [
        'Microsoft.MachineLearningServices/workspaces',
        'CpuUtilizationPercentage',
        'CpuUtilizationPercentage',
      ],
      ['Microsoft.MachineLearningServices/workspaces', 'CpuUtilization', 'CpuUtilization'],
      ['Microsoft.MachineLearningServices/workspaces', 'GpuUtilization', 'GpuUtilization'],
      ['Microsoft.MachineLearningServices/workspaces', 'Active Nodes', 'Active Nodes'],
      ['Microsoft.Storage/storageAccounts', 'UsedCapacity', 'Used capacity'],
    ];
    const lake = contractConfig().components.find((c) => c.kind === 'data-lake')!.name;
    const storage = `${sub}/resourceGroups/${contractConfig().landingZone.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${lake}`;
    for (const [namespace, metric, display] of expected) {
      const query = `api-version=2024-02-01&metricnamespace=${namespace}&metricnames=${encodeURIComponent(metric)}&starttime=2026-01-14T14:00:00Z&endtime=2026-01-14T15:00:00Z&interval=PT1H`;
      const response = await fetch(`${base}${sub}/metrics:getBatch?${query}`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({ resourceids: [namespace.includes('Storage') ? storage : workspace()] }),
      });
      expect([metric, response.status]).toEqual([metric, 200]);
      const json = (await response.json()) as {
        values: { value: { name: { value: string; localizedValue: string } }[] }[];
      };
      expect(json.values[0].value[0].name).toEqual({ value: metric, localizedValue: display });
    }
  });

  it('refuses a metric the namespace does not have', async () => {
    const query =
      'api-version=2024-02-01&metricnamespace=Microsoft.Storage/storageAccounts&metricnames=UsedCapacityBytes';
    expect(await call('POST', `${sub}/metrics:getBatch?${query}`, { resourceids: [workspace()] })).toEqual({
      status: 400,
      code: 'BadRequest',
    });
  });

  it('refuses a log query that names a column its table lacks', async () => {
    const id = contractConfig().landingZone.logAnalyticsWorkspaceId;
    const result = await call('POST', `/v1/workspaces/${id}/query`, {
      query: '// opsbot-query: endpoint-requests\nAppRequests | where EndpointName == "x"',
      timespan: '2026-01-14T14:00:00Z/2026-01-14T15:00:00Z',
    });
    expect(result).toEqual({ status: 400, code: 'BadArgumentError' });
  });

  it('refuses an alerts time range the API does not define', async () => {
    const path = `${sub}/providers/Microsoft.AlertsManagement/alerts?api-version=2019-05-05-preview&timeRange=2d`;
    expect(await call('GET', path)).toEqual({ status: 400, code: 'BadRequest' });
  });

  it('knows the columns the table reference lists for each table, and only those', () => {
    // azure-reference-other azure-monitor-ref/tables/includes/<table>-include.md
    const listed: [string, string][] = [
      ['AppRequests', 'ClientCity'],
      ['AppRequests', 'UserAuthenticatedId'],
      ['SecurityAlert', 'Techniques'],
      ['SecurityAlert', 'WorkspaceSubscriptionId'],
      ['AddonAzureBackupJobs', 'BackupItemFriendlyName'],
      ['CoreAzureBackup', 'PolicyName'],
      ['AmlOnlineEndpointTrafficLog', 'ModelStatusCode'],
      ['AmlComputeJobEvent', 'ExecutionState'],
      ['SecurityAlert', 'TenantId'],
      ['CoreAzureBackup', '_ItemId'],
    ];
    for (const [table, column] of listed)
      expect(() => checkKql(`${table} | project ${column}`)).not.toThrow();
    const unlisted: [string, string][] = [
      ['AmlOnlineEndpointTrafficLog', 'DurationMs'],
      ['AmlComputeJobEvent', 'SubmittedBy'],
    ];
    for (const [table, column] of unlisted)
      expect(() => checkKql(`${table} | project ${column}`)).toThrow(column);
  });
});
