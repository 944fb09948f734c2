import type { ComputeStatus, EndpointMetrics, LandingZone } from '../../../core/ports';
import { permissionScope, skillPermissions } from '../../../adapters/azure/azure-permissions';
import type { LandingZoneConfig } from '../../../core/config/landing-zone.schema';
import type { FakeRoleAssignment } from '../../fakes/azure-reference/fake-rbac';
import { logTables } from '../../fakes/azure-reference/log-tables';
import { contractConfig } from '../../contract/landing-zone.contract';
import { outsideLoopbackAttempts } from '../../setup/loopback-guard';
import { documentedAssignments, startAzureRig, type AzureTestRig } from './azure-test-subject';

/** The simulator with some of its reads replaced, for states the simulator does not reach. */
function overriding(sim: LandingZone, reads: Partial<LandingZone>): LandingZone {
  return new Proxy(sim, {
    get(target, property, receiver) {
      if (property in reads) return reads[property as keyof LandingZone];
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The simulator with its computes' figures rewritten. */
function withComputes(
  sim: LandingZone,
  change: (c: ComputeStatus, index: number) => ComputeStatus,
): LandingZone {
  return overriding(sim, {
    listComputes: async () => (await sim.listComputes()).map(change),
    getCompute: async (name: string) =>
      (await sim.listComputes()).map(change).find((c) => c.name === name) ?? sim.getCompute(name),
  });
}

/** Exactly the actions the permission list names for one skill, each at the scope it names. */
function skillAssignments(config: LandingZoneConfig, skill: string): FakeRoleAssignment[] {
  const sub = `/subscriptions/${config.landingZone.subscriptionId}`;
  const actions = skillPermissions.find((p) => p.skill === skill)!.actions;
  return [
    {
      scope: `${sub}/resourceGroups/${config.landingZone.resourceGroup}`,
      actions: actions.filter((a) => permissionScope(a) === 'resource group'),
    },
    { scope: sub, actions: actions.filter((a) => permissionScope(a) === 'subscription') },
  ];
}

/**
 * Issue 13: each numbered finding of the review against the published Azure API definitions, as a
 * test against the strict fake. Each one failed on the adapter as it was before the fix.
 */
describe('Azure adapter findings of issue 13, against the strict fake', () => {
  let rig: AzureTestRig;
  afterEach(() => rig?.close());

  it('1: asks the utilisation metric only for a dimension it has, so compute reads succeed', async () => {
    rig = await startAzureRig(contractConfig());
    const compute = await rig.azure.getCompute('gpu-cluster-01');
    const simulated = await rig.sim.getCompute('gpu-cluster-01');
    expect(compute.utilisationPercent).toBeCloseTo(simulated.utilisationPercent, 2);
    const all = await rig.azure.listComputes();
    expect(all.map((c) => c.name)).toEqual(
      contractConfig()
        .computes.map((c) => c.name)
        .sort(),
    );
    const batch = rig.fake.requests.filter((r) => r.path.endsWith('/metrics:getBatch'));
    expect(batch.length).toBeGreaterThan(0);
    for (const r of batch) expect(r.query.get('filter') ?? '').not.toMatch(/ClusterName/i);
  });

  it('2: reads the data-lake usage although Azure names the metric by its display name', async () => {
    rig = await startAzureRig(contractConfig());
    const usage = await rig.azure.getStorageUsage();
    const simulated = await rig.sim.getStorageUsage();
    expect(simulated.usedTb).toBeGreaterThan(0);
    expect(usage.usedTb).toBeCloseTo(simulated.usedTb, 2);
  });

  it('3: lists alerts that started firing before yesterday', async () => {
    const config = contractConfig();
    const rule = config.alertRules[0];
    let firedAt = new Date(0);
    rig = await startAzureRig(
      config,
      {},
      {
        serve: (sim) =>
          overriding(sim, {
            listFiringAlerts: async () => [
              { rule: rule.id, resource: 'fraud-detection', severity: 'error', firedAt, observed: 'fired' },
            ],
          }),
      },
    );
    firedAt = new Date(rig.clock.now().getTime() - 30 * 3_600_000);
    const alerts = await rig.azure.listFiringAlerts();
    expect(alerts.map((a) => [a.rule, a.firedAt.toISOString()])).toEqual([[rule.id, firedAt.toISOString()]]);
  });

  it('4: reads resource health with the documented roles (the call needs AvailabilityStatuses/current/read)', async () => {
    const config = contractConfig();
    rig = await startAzureRig(config, {}, { roleAssignments: documentedAssignments(config) });
    const health = await rig.azure.getComponentHealth();
    expect(health.map((h) => h.resource).sort()).toEqual(config.components.map((c) => c.name).sort());
  });

  it.each(['operation-results', 'resource'] as const)(
    '5: follows a scale to the end with the documented roles, whichever way Location points (%s)',
    async (patchLocation) => {
      const config = contractConfig();
      rig = await startAzureRig(
        config,
        {},
        { roleAssignments: documentedAssignments(config), patchLocation },
      );
      const result = await rig.azure.setDeploymentInstances('fraud-detection', 'blue', 4);
      expect(result.status).toBe('succeeded');
      const polled = rig.fake.requests.filter((r) => r.path.includes('/locations/'));
      expect(polled.length).toBeGreaterThan(0);
      for (const r of polled)
        expect(r.path.startsWith(`/subscriptions/${config.landingZone.subscriptionId}/providers/`)).toBe(
          true,
        );
    },
  );

  it('5: does not report a failure when Azure accepted a scale the bot cannot follow, and names the missing permission', async () => {
    const config = contractConfig();
    rig = await startAzureRig(
      config,
      {},
      { roleAssignments: documentedAssignments(config, 'resource group') },
    );
    const result = await rig.azure.setDeploymentInstances('fraud-detection', 'blue', 4);
    expect(result.status).toBe('in-progress');
    expect(result.summary).toContain('Microsoft.MachineLearningServices/locations/mfeOperationsStatus/read');
    expect(result.summary).toContain('subscription');
    const blue = (await rig.sim.getEndpoint('fraud-detection')).deployments.find((d) => d.name === 'blue');
    expect(blue?.instanceCount).toBe(4);
  });

  it('7: status.compute makes its reads with only the actions listed for it', async () => {
    const config = contractConfig();
    rig = await startAzureRig(config, {}, { roleAssignments: skillAssignments(config, 'status.compute') });
    await rig.azure.getCompute('gpu-cluster-01');
    expect((await rig.azure.listQuotaUsage()).length).toBeGreaterThan(0);
  });

  it('every read skill makes its reads with only the actions listed for it', async () => {
    const config = contractConfig();
    const reads: Record<string, (lz: LandingZone) => Promise<unknown>[]> = {
      'status.overview': (lz) => [
        lz.getComponentHealth(),
        lz.listTrainingJobs({ sinceHours: 24 }),
        lz.getEndpoint('fraud-detection'),
        lz.listComputes(),
        lz.getCostSummary(),
        lz.listSecurityAlerts({ sinceHours: 24 }),
        lz.listBackups(),
        lz.listFiringAlerts(),
        lz.getStorageUsage(),
      ],
      'status.endpoint': (lz) => [lz.getEndpoint('fraud-detection')],
      'status.compute': (lz) => [lz.getCompute('cpu-cluster-01'), lz.listQuotaUsage()],
      'status.jobs': (lz) => [lz.listTrainingJobs({ sinceHours: 24 })],
      'status.quota': (lz) => [lz.listQuotaUsage()],
      'status.alerts': (lz) => [lz.listFiringAlerts()],
    };
    for (const [skill, calls] of Object.entries(reads)) {
      rig = await startAzureRig(config, {}, { roleAssignments: skillAssignments(config, skill) });
      await expect(Promise.all(calls(rig.azure))).resolves.toBeDefined();
      await rig.close();
    }
    rig = await startAzureRig(config);
  });

  it('6: reports the dedicated quota of each configured VM family, without the low-priority rows', async () => {
    rig = await startAzureRig(contractConfig());
    const simulated = await rig.sim.listQuotaUsage();
    expect(simulated.length).toBeGreaterThan(0);
    const byFamily = (a: { family: string }, b: { family: string }) => a.family.localeCompare(b.family);
    expect(await rig.azure.listQuotaUsage()).toEqual([...simulated].sort(byFamily));
  });

  it('8: reads endpoint requests from the documented traffic log, or from Application Insights counting sampled rows', async () => {
    rig = await startAzureRig(contractConfig());
    const figures = (m: EndpointMetrics) => [
      m.requestsPerMinute,
      m.p95LatencyMs,
      m.http503Count,
      Math.round(m.availabilityPercent * 10) / 10,
    ];
    const endpoint = await rig.azure.getEndpoint('fraud-detection');
    const simulated = figures((await rig.sim.getEndpoint('fraud-detection')).metrics);
    expect(figures(endpoint.metrics)).toEqual(simulated);
    const read = rig.fake.queries.filter((q) => q.text.includes('opsbot-query: endpoint-requests'));
    expect(read.map((q) => q.shape.tables)).toEqual([['AmlOnlineEndpointTrafficLog']]);
    await rig.close();

    rig = await startAzureRig(contractConfig(), { endpointRequestsTable: 'AppRequests' });
    expect(figures((await rig.azure.getEndpoint('fraud-detection')).metrics)).toEqual(simulated);
    const [insights] = rig.fake.queries.filter((q) => q.text.includes('opsbot-query: endpoint-requests'));
    expect(insights.shape.tables).toEqual(['AppRequests']);
    expect(insights.text).toContain('sum(ItemCount)');
    expect(insights.text).not.toMatch(/\bcount(if)?\(/);
  });

  it('9: tells job states by the documented event types and names no submitter the table lacks', async () => {
    rig = await startAzureRig(contractConfig());
    const jobs = await rig.azure.listTrainingJobs({ sinceHours: 24 });
    expect(jobs.length).toBeGreaterThan(0);
    const [query] = rig.fake.queries;
    const documented = logTables.AmlComputeJobEvent.documentedValues!;
    const events = query.shape.comparisons.filter((c) => c.column in documented);
    expect(events.length).toBeGreaterThan(0);
    // Each documented event is looked for in the column the published samples use for it.
    for (const [column, values] of Object.entries(documented))
      for (const value of values.filter((v) => v !== 'JobSubmitted'))
        expect(events).toContainEqual({ column, value });
    // Beyond those, the only event name relied on is the undocumented "JobRunning" (named in the query's doc).
    const known = new Set([...Object.values(documented).flat(), 'JobRunning']);
    for (const c of events) expect(known).toContain(c.value);
    expect(jobs.map((j) => j.submittedBy)).toEqual(jobs.map(() => 'unknown'));
  });

  it('10: reports the last day Cost Management has complete, not today that it has barely seen', async () => {
    rig = await startAzureRig(contractConfig());
    const simulated = await rig.sim.getCostSummary();
    expect(simulated.todaySpend).toBeGreaterThan(0);
    const cost = await rig.azure.getCostSummary();
    const now = rig.clock.now().getTime();
    const complete = new Date(Math.floor((now - 86_400_000) / 86_400_000) * 86_400_000 - 86_400_000);
    expect(cost.spendDay).toBe(complete.toISOString().slice(0, 10));
    expect(cost.todaySpend).toBeCloseTo(simulated.todaySpend, 2);
    expect(cost.dailyAverage).toBeCloseTo(simulated.dailyAverage, 2);
  });

  it('11: counts a compute instance that runs a job as running, not idle', async () => {
    rig = await startAzureRig(
      contractConfig(),
      {},
      {
        serve: (sim) =>
          withComputes(sim, (c) =>
            c.name === 'ci-ops-01' ? { ...c, state: 'Running', currentNodes: 1, runningJobs: 1 } : c,
          ),
      },
    );
    const instance = await rig.azure.getCompute('ci-ops-01');
    expect(instance.state).toBe('JobRunning');
    expect(instance.currentNodes).toBe(1);
    expect(instance.runningJobs).toBeGreaterThanOrEqual(1);
  });

  it('12: reads the utilisation of every cluster when there are more than ten', async () => {
    const config = contractConfig();
    const template = config.computes.find((c) => c.name === 'cpu-cluster-01')!;
    for (let i = 2; i <= 13; i += 1) {
      config.computes.push({ ...template, name: `cpu-cluster-${String(i).padStart(2, '0')}`, aliases: [] });
    }
    const busy = (c: ComputeStatus, i: number): ComputeStatus => ({ ...c, utilisationPercent: 20 + i });
    rig = await startAzureRig(config, {}, { serve: (sim) => withComputes(sim, busy) });
    const computes = await rig.azure.listComputes();
    expect(computes.length).toBe(config.computes.length);
    expect(computes.length).toBeGreaterThan(10);
    const expected = (await rig.sim.listComputes()).map((c, i) => [c.name, 20 + i]);
    expect(computes.map((c) => [c.name, c.utilisationPercent])).toEqual(
      expected.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });
});

afterAll(() => {
  expect(outsideLoopbackAttempts()).toEqual([]);
});
