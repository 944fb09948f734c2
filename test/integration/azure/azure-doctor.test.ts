import { runAzureDoctor } from '../../../adapters/azure/azure-doctor';
import type { LandingZoneConfig } from '../../../core/config/landing-zone.schema';
import { contractConfig } from '../../contract/landing-zone.contract';
import { outsideLoopbackAttempts } from '../../setup/loopback-guard';
import { documentedAssignments, startAzureRig, type AzureTestRig } from './azure-test-subject';

/** Requests that change nothing: reads, and the POSTs of the query APIs. */
function readOnly(method: string, path: string): boolean {
  return (
    method === 'GET' ||
    (method === 'POST' && /(\/query|\/metrics:getBatch|Microsoft\.CostManagement\/query)$/.test(path))
  );
}

describe('opsbot doctor against the strict fake', () => {
  let rig: AzureTestRig;
  afterEach(() => rig.close());

  it('prints one ok line per read with the documented roles, and changes nothing', async () => {
    const config = contractConfig();
    rig = await startAzureRig(config, {}, { roleAssignments: documentedAssignments(config) });
    const lines: string[] = [];
    const results = await runAzureDoctor(rig.azure, config, (l) => lines.push(l));
    const expectedReads = [
      'component health',
      ...config.endpoints.map((e) => `endpoint ${e.name}`),
      'computes of the workspace',
      ...config.computes.map((c) => `compute ${c.name}`),
      'training jobs (24 h)',
      'compute quota',
      'firing alerts',
      'security alerts (24 h)',
      'cost',
      'backups',
      'data lake usage',
      ...config.components.filter((c) => c.kind === 'openai').map((c) => `read the account ${c.name}`),
      'follow a change (computeOperationsStatus)',
      'follow a change (mfeOperationsStatus)',
      'follow a change (mfeOperationResults)',
      ...config.secrets.map((s) => `secret ${s.vault}/${s.name}`),
    ];
    expect(results.map((r) => r.read)).toEqual(expectedReads);
    expect(results.filter((r) => r.outcome !== 'ok' && r.outcome !== 'skip')).toEqual([]);
    expect(lines).toHaveLength(expectedReads.length + 2);
    expect(lines[1]).toMatch(/^ok {4}component health {25}\d+ components, \d+ available$/);
    expect(lines.at(-1)).toBe(
      `${expectedReads.length} checks: ${expectedReads.length - config.secrets.length} ok, 0 refused (403), 0 not found (404), 0 failed, ${config.secrets.length} skipped. Nothing was changed.`,
    );
    expect(rig.fake.requests.length).toBeGreaterThan(expectedReads.length);
    expect(rig.fake.requests.filter((r) => !readOnly(r.method, r.path))).toEqual([]);
  });

  it('names each action Azure refuses and its scope when only the resource-group role is assigned', async () => {
    const config = contractConfig();
    rig = await startAzureRig(
      config,
      {},
      { roleAssignments: documentedAssignments(config, 'resource group') },
    );
    const lines: string[] = [];
    const results = await runAzureDoctor(rig.azure, config, (l) => lines.push(l));
    const refused = results.filter((r) => r.outcome === '403');
    expect(refused.map((r) => r.read)).toEqual(
      expect.arrayContaining([
        'compute quota',
        'firing alerts',
        'data lake usage',
        'follow a change (computeOperationsStatus)',
        'follow a change (mfeOperationsStatus)',
        'follow a change (mfeOperationResults)',
      ]),
    );
    expect(lines).toContain(
      `403   ${'compute quota'.padEnd(40)} missing Microsoft.MachineLearningServices/locations/usages/read at the subscription (docs/opsbot-subscription-role.json)`,
    );
    expect(results.find((r) => r.read === 'component health')?.outcome).toBe('ok');
  });

  it('names a configured resource Azure does not have with 404', async () => {
    const config = contractConfig();
    rig = await startAzureRig(config);
    const withGhost: LandingZoneConfig = {
      ...config,
      computes: [...config.computes, { ...config.computes[0], name: 'ghost-cluster', aliases: [] }],
    };
    const lines: string[] = [];
    await runAzureDoctor(rig.azure, withGhost, (l) => lines.push(l));
    expect(lines.find((l) => l.startsWith('404'))).toMatch(
      /^404 {3}compute ghost-cluster +There is no compute called "ghost-cluster"/,
    );
  });
});

afterAll(() => {
  expect(outsideLoopbackAttempts()).toEqual([]);
});
