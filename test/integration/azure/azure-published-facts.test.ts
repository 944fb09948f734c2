import { contractConfig } from '../../contract/landing-zone.contract';
import { documentedAssignments, startAzureRig, type AzureTestRig } from './azure-test-subject';

/**
 * Facts of the Azure adapter that were first written from memory, each checked against its
 * published source (named in the test) and held by the strict fake.
 */
describe('Azure adapter facts checked against the published definitions', () => {
  let rig: AzureTestRig;
  afterEach(() => rig?.close());

  it('the metrics batch API needs Microsoft.Insights/metrics/read on the subscription itself, not on the resources (401 otherwise)', async () => {
    // azure-monitor-docs articles/azure-monitor/metrics/migrate-to-batch-api.md, "401 authorization errors".
    const config = contractConfig();
    const metricsRead = 'Microsoft.Insights/metrics/read';
    const [group, subscription] = documentedAssignments(config);
    expect(subscription.actions).toContain(metricsRead);
    rig = await startAzureRig(
      config,
      {},
      {
        roleAssignments: [
          { ...group, actions: [...group.actions, metricsRead] },
          { ...subscription, actions: subscription.actions.filter((a) => a !== metricsRead) },
        ],
      },
    );
    const error = (await rig.azure.getCompute('gpu-cluster-01').catch((e: unknown) => e)) as {
      code?: string;
      message?: string;
      details?: { action?: string; status?: number };
    };
    expect(error.code).toBe('OPS-402');
    expect(error.details).toMatchObject({ action: metricsRead, status: 401 });
    expect(error.message).toContain('at the subscription');
    const batch = rig.fake.requests.filter((r) => r.path.endsWith('/metrics:getBatch'));
    expect(batch.length).toBeGreaterThan(0);
  });
});
