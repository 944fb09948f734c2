import { createOfflineRouter, type OfflineRouter } from '../../../helpers/offline-router';
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
const fraud = { endpoint: 'fraud-detection' };

describe('a read request after a dismissed action reads, never changes', () => {
  it.each([
    ['no need to scale anything, I just want to see the fraud endpoint', 'status.endpoint', fraud],
    ['not asking you to start anything, show me the cpu cluster', 'status.compute', cpu],
    ['i dont want to start it, whats the gpu cluster doing', 'status.compute', gpu],
    ["you don't have to stop anything, what is the gpu cluster running", 'status.compute', gpu],
    ['i dont need anything scaled, whats fraud at right now', 'status.endpoint', fraud],
    ["I'm not asking for a restart, I just want the state of the gpu cluster", 'status.compute', gpu],
    ['no need to stop anything, i just want to see which jobs failed', 'status.jobs', {}],
  ])('%s → %s', async (text, skill, args) => {
    const intent = await router.route(text);
    expect(intent.skill).toBe(skill);
    expect(intent.args).toEqual(args);
    expect((intent.alternatives ?? []).filter((a) => changeSkills.has(a.skill))).toEqual([]);
  });
});

describe('a plan or purpose clause does not steer the read', () => {
  it.each([
    ['before I request a quota increase, show me where we stand on cores', 'status.quota'],
    ['before I restart my run, i want to see if the retrain ever succeeded', 'status.jobs'],
    ['to see if we need more quota, show me core usage', 'status.quota'],
    ['after I kick off the retrain, show me the gpu cluster', 'status.compute'],
    ['i need to decide whether to scale, how is the fraud endpoint doing', 'status.endpoint'],
    ['to decide if we need more nodes, how busy is the gpu cluster', 'status.compute'],
  ])('%s → %s', async (text, skill) => {
    expect((await router.route(text)).skill).toBe(skill);
  });
});

describe('jobs on a named cluster: the cluster question goes to compute, job outcomes to jobs', () => {
  it.each([
    ['how many jobs on the cpu cluster and what vm size', 'status.compute', cpu],
    ['gpu cluster - how many jobs and what sku', 'status.compute', gpu],
    ['cpu cluster jobs and vm size?', 'status.compute', cpu],
    ['which jobs failed on the gpu cluster last night', 'status.jobs', { hours: 12 }],
    ['which runs failed on the cpu cluster this week', 'status.jobs', { hours: 168 }],
  ])('%s → %s', async (text, skill, args) => {
    const intent = await router.route(text);
    expect(intent.skill).toBe(skill);
    expect(intent.args).toEqual(args);
  });
});

describe('recurring reports are not kept by the bot', () => {
  it.each([
    'set up a daily email report of costs to finance',
    'send finance a weekly cost report',
    'schedule a report on quota every monday',
    'can you send me a daily digest of failed jobs',
    'daily summary of endpoint health to the channel please',
  ])('%s → none', async (text) => {
    expect((await router.route(text)).skill).toBe('none');
  });

  it('still answers a question about a report', async () => {
    expect((await router.route('show me failed jobs from today')).skill).toBe('status.jobs');
  });
});

describe('responders take, close and escalate incidents in few words', () => {
  it.each([
    ['investigating now', 'incident.ack'],
    ['on it - checking logs', 'incident.ack'],
    ["i'll take this one, checking the gpu cluster", 'incident.ack'],
    ['got this one', 'incident.ack'],
    ['lets close this out', 'incident.resolve'],
    ['we can resolve this now', 'incident.resolve'],
    ['wrap it up, all good now', 'incident.resolve'],
    ['page L3 for this one', 'incident.escalate'],
    ['bring L3 in on this', 'incident.escalate'],
  ])('%s → %s', async (text, skill) => {
    expect((await router.route(text)).skill).toBe(skill);
  });

  it.each([
    ['we can stop the gpu cluster later', 'compute.stop'],
    ['page L3, the fraud endpoint is returning 503s', 'incident.escalate'],
    ['are you investigating the gpu cluster', 'incident.ack'],
  ])('does not over-read: %s is not %s', async (text, skill) => {
    expect((await router.route(text)).skill).not.toBe(skill);
  });
});
