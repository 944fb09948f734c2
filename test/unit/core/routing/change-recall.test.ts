import { vmSizeAliases } from '../../../../core/routing/entity-resolver';
import { createOfflineRouter, type OfflineRouter } from '../../../helpers/offline-router';
import { checkScope } from '../../../../core/routing/scope-guard';
import { allSkills } from '../../../../skills/catalog';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();
const changeSkills = new Set<string>(allSkills.filter((s) => s.kind === 'change').map((s) => s.id));
let router: OfflineRouter;

beforeAll(async () => {
  router = await createOfflineRouter({ config, skills: allSkills });
});

const gpu = { cluster: 'gpu-cluster-01' };
const cpu = { cluster: 'cpu-cluster-01' };

describe('change recall: everyday verbs, purpose phrases, context clauses, VM size words', () => {
  it.each([
    ['kick on the cpu nodes', 'compute.start', cpu],
    ['crank up the gpu cluster', 'compute.start', gpu],
    ['prewarm the gpu cluster before the nightly retrain', 'compute.start', gpu],
    ['bring up the cpu cluster, I have 30 jobs to queue', 'compute.start', cpu],
    ['kill the cpu nodes', 'compute.stop', cpu],
    ['park the gpu cluster', 'compute.stop', gpu],
    ['turn off the cpu cluster so we stop paying for it', 'compute.stop', cpu],
    ['experiments are over. power down the gpu cluster', 'compute.stop', gpu],
    ['the bill spiked overnight - kill the A100 nodes', 'compute.stop', gpu],
    ['shut down the NC boxes', 'compute.stop', gpu],
    ['start the D16s nodes', 'compute.start', cpu],
    ['swap out the openai key', 'secret.rotate', { secret: 'aoai-api-key' }],
    ['somebody committed the key to git, rotate it now', 'secret.rotate', {}],
    [
      'take the fraud endpoint to 6 instances',
      'endpoint.scale',
      { endpoint: 'fraud-detection', instances: 6 },
    ],
    [
      'fraud green -> 2',
      'endpoint.scale',
      { endpoint: 'fraud-detection', deployment: 'green', instances: 2 },
    ],
    ['fraud x4', 'endpoint.scale', { endpoint: 'fraud-detection', instances: 4 }],
  ])('%s → %s %j', async (text, skill, args) => {
    await expect(router.route(text)).resolves.toMatchObject({ skill, args });
  });

  it.each([
    'kill the gpu cluster',
    'kill gpu-cluster-01',
    'kill the training job on the gpu nodes',
    'fraud went to 5',
    'fraud to 5?',
    'if nobody is using it, stop the gpu cluster',
    'before you stop the gpu cluster, show me its jobs',
    'swap blue and green on fraud',
  ])('%s never reaches a change skill', async (text) => {
    const intent = await router.route(text);
    expect(changeSkills.has(intent.skill)).toBe(false);
  });

  it('keeps a change verb inside a "before/after the <event>" phrase from counting as a change request', () => {
    expect(checkScope('warm the gpu cluster before the 6am retrain').unsupportedChange).toBe(false);
    expect(checkScope('retrain the fraud model').unsupportedChange).toBe(true);
  });

  it('indexes only the VM size words one compute has to itself', () => {
    const aliases = Object.fromEntries(vmSizeAliases(config).map((a) => [a.canonical, a.words]));
    expect(aliases['gpu-cluster-01']).toEqual(expect.arrayContaining(['a100', 'nc', 'nc24ads']));
    expect(aliases['cpu-cluster-01']).toEqual(['d16s']);
    const twins = {
      ...config,
      computes: config.computes.map((c) => ({ ...c, vmSize: 'Standard_NC24ads_A100_v4' })),
    };
    expect(vmSizeAliases(twins).flatMap((a) => a.words)).toEqual([]);
  });
});

describe('questions about a change, standing rules and other vocabulary', () => {
  it.each([
    ["what's the approval process to rotate the openai key", 'troubleshoot.ask'],
    ['what happens to running jobs if somebody stops the cpu cluster', 'troubleshoot.ask'],
    ['is it ok to bump fraud beyond 10, who approves?', 'troubleshoot.ask'],
    ['how do I make sure nobody still uses the old key', 'troubleshoot.ask'],
    ['sitrep', 'status.overview'],
    ['quick health sweep of everything', 'status.overview'],
    ['anything burning incident-wise?', 'incident.list'],
    ['what may I run with my role', 'help'],
    ['menu of commands', 'help'],
    ["don't stop the cpu cluster", 'none'],
    ['if latency goes over 500 then scale fraud automatically', 'none'],
    ['tell me when the cpu cluster finishes starting', 'none'],
    ['ping me if fraud scales', 'none'],
    ['copy the training data to my personal onedrive', 'none'],
  ])('%s → %s', async (text, skill) => {
    await expect(router.route(text)).resolves.toMatchObject({ skill });
  });

  it.each([
    ["this week's failed jobs", 168],
    ['failed jobs since yesterday', 48],
    ['failed jobs in the last day or so', 24],
  ])('%s reads a %i-hour window', async (text, hours) => {
    await expect(router.route(text)).resolves.toMatchObject({ skill: 'status.jobs', args: { hours } });
  });
});
