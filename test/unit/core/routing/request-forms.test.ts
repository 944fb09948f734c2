import { readIntentCues } from '../../../../core/routing/intent-cues';
import { createOfflineRouter, type OfflineRouter } from '../../../helpers/offline-router';
import { checkScope } from '../../../../core/routing/scope-guard';
import { cleanUtterance } from '../../../../core/routing/utterance';
import { allSkills } from '../../../../skills/catalog';
import { gateChecker } from '../../../helpers/change-gate';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();
/** Skills that change the landing zone or act on an incident: what a held-back request must never reach. */
const actionSkills = new Set<string>(
  allSkills.filter((s) => s.kind === 'change' || s.kind === 'incident').map((s) => s.id),
);
let router: OfflineRouter;

beforeAll(async () => {
  router = await createOfflineRouter({ config, skills: allSkills });
});

const expectRouted = async (text: string, skill: string, args: Record<string, unknown>) => {
  const intent = await router.route(text);
  expect({ skill: intent.skill, args: intent.args }).toEqual({ skill, args });
};
const expectNoAction = async (text: string) => {
  const intent = await router.route(text);
  expect(actionSkills.has(intent.skill) ? intent.skill : 'no action').toBe('no action');
};

describe('passive and "needs …ing" requests', () => {
  it.each([
    ['INC-0133 can be resolved', 'incident.resolve', { incident: 'INC-0133' }],
    ['could gpu-cluster-01 be started please?', 'compute.start', { cluster: 'gpu-cluster-01' }],
    ['the openai key needs rotating now', 'secret.rotate', { secret: 'aoai-api-key' }],
    ['the gpu cluster needs starting', 'compute.start', { cluster: 'gpu-cluster-01' }],
    ['the gpu cluster needs stopping asap', 'compute.stop', { cluster: 'gpu-cluster-01' }],
  ])('%s → %s %j', expectRouted);

  it.each([
    "INC-0133 can't be resolved yet",
    'can INC-0133 be resolved?',
    'diego said INC-0133 can be resolved',
    'INC-0133 can be resolved once the endpoint is green',
    'INC-0133 could be resolved if the fix holds',
    'INC-0133 was resolved',
    'could gpu-cluster-01 be started if the queue fills up?',
    'was gpu-cluster-01 started?',
    "gpu-cluster-01 can't be started right now",
    "the openai key doesn't need rotating",
    'does the openai key need rotating?',
    'diego says the openai key needs rotating',
    'the openai key needs rotating if it leaked',
    'the openai key needed rotating last month',
    'the gpu cluster needed starting yesterday',
  ])('takes no action for "%s"', expectNoAction);

  // A question mark makes the passive and "needs …ing" forms a question, as it does "stop the gpu cluster?".
  it.each([
    'INC-0133 can be resolved?',
    'this one can be closed?',
    'this can be acknowledged?',
    'this needs L3?',
    'this needs to go to L3?',
    'the openai key needs rotating now?',
    'the gpu cluster needs stopping?',
  ])('takes no action for the question "%s"', expectNoAction);
});

describe('polite frames: would you mind, could someone, we require, I would like', () => {
  it.each([
    ['would you mind scaling fraud to 6', 'endpoint.scale', { endpoint: 'fraud-detection', instances: 6 }],
    ['would you mind rotating the openai key', 'secret.rotate', { secret: 'aoai-api-key' }],
    ['could someone start the gpu cluster', 'compute.start', { cluster: 'gpu-cluster-01' }],
    ['we require the gpu cluster started', 'compute.start', { cluster: 'gpu-cluster-01' }],
    ['I would like fraud set to 4', 'endpoint.scale', { endpoint: 'fraud-detection', instances: 4 }],
  ])('%s → %s %j', expectRouted);

  it.each([
    'would you mind not scaling fraud',
    'would you mind scaling fraud to 6 after the deploy finishes',
    'someone started the gpu cluster',
    'did someone start the gpu cluster?',
    'could someone have stopped the gpu cluster?',
    'someone could start the gpu cluster if they want',
    "we don't require the gpu cluster started",
    'we required the gpu cluster started yesterday',
    'diego wants the gpu cluster started',
    'I would not like fraud set to 4',
    'diego would like fraud set to 4',
    'would I like fraud set to 4?',
  ])('takes no action for "%s"', expectNoAction);

  it('reads "would you mind checking" as the read it asks for', async () => {
    await expectRouted('would you mind checking fraud', 'status.endpoint', { endpoint: 'fraud-detection' });
  });

  it('could someone tell me why: a question, not a start', async () => {
    await expectRouted('could someone tell me why the gpu cluster started', 'status.compute', {
      cluster: 'gpu-cluster-01',
    });
  });
});

describe('durations and purposes after a request', () => {
  it.each([
    ['stop the gpu cluster until monday', 'compute.stop', { cluster: 'gpu-cluster-01' }],
    [
      'start the gpu cluster so the nodes are warm when I submit',
      'compute.start',
      { cluster: 'gpu-cluster-01' },
    ],
    [
      "start the gpu cluster so it's ready if the batch arrives",
      'compute.start',
      { cluster: 'gpu-cluster-01' },
    ],
  ])('%s → %s %j', expectRouted);

  it.each([
    'stop the gpu cluster until monday if nobody uses it',
    'stop the gpu cluster until monday?',
    'stop the gpu cluster once the job finishes',
    'start the gpu cluster when I submit',
    'if the batch comes in, start the gpu cluster so the nodes are warm',
    'should we scale fraud to 2 for the canary?',
    'scale fraud to 6 for the load test if latency is fine',
  ])('takes no action for "%s"', expectNoAction);
});

describe('emoji between clauses', () => {
  it('reads the request after an emoji as its own clause', async () => {
    await expectRouted('gpu cluster is idle 😴 stop it please', 'compute.stop', {
      cluster: 'gpu-cluster-01',
    });
  });

  it.each([
    "gpu cluster is idle 😴 don't stop it",
    'gpu cluster is idle 😴 should we stop it?',
    'gpu cluster is idle 😴 stop it when the job ends',
  ])('takes no action for "%s"', expectNoAction);
});

describe('incident actions in responders’ words', () => {
  it.each([
    ['consider it acknowledged', 'incident.ack', {}],
    ['consider INC-0042 acknowledged', 'incident.ack', { incident: 'INC-0042' }],
    ['mark INC-1 as acknowledged', 'incident.ack', { incident: 'INC-0001' }],
    ['mark INC-0051 as acknowledged', 'incident.ack', { incident: 'INC-0051' }],
    ['this one is mine', 'incident.ack', {}],
    ['acknowledged INC-0093', 'incident.ack', { incident: 'INC-0093' }],
    ['move this incident to L2', 'incident.escalate', {}],
    ['this needs L3 now', 'incident.escalate', {}],
    ['consider it resolved', 'incident.resolve', {}],
  ])('%s → %s %j', expectRouted);

  it.each([
    "don't consider it acknowledged yet",
    'consider it acknowledged?',
    'was INC-1 marked as acknowledged?',
    "don't mark INC-1 as acknowledged",
    'mark INC-1 as acknowledged?',
    'is this one mine?',
    'who acknowledged INC-0093?',
    'diego acknowledged INC-0093',
    "don't move this incident to L2",
    'should we move this incident to L2?',
    'move this incident to L2 once L1 gives up',
    'does this need L3?',
    "this needs L3 if it isn't fixed by noon",
    'consider it resolved?',
  ])('takes no action for "%s"', expectNoAction);

  it('takes no action for the question "this needs L3 now?"', () => expectNoAction('this needs L3 now?'));
});

describe('terse scale with a trailing word', () => {
  it('fraud blue to 5 now → endpoint.scale', async () => {
    await expectRouted('fraud blue to 5 now', 'endpoint.scale', {
      endpoint: 'fraud-detection',
      deployment: 'blue',
      instances: 5,
    });
  });

  it.each(['fraud blue to 5 now?', 'fraud blue went to 5 now'])('takes no action for "%s"', expectNoAction);
});

describe('ChangeGate verdicts for the new forms', () => {
  const check = gateChecker(config);

  it.each([
    ['incident.resolve', 'inc 0133 can be resolved', { allowed: true }],
    ['compute.start', 'could gpu cluster 01 be started please', { allowed: true, resource: 'named' }],
    ['secret.rotate', 'the openai key needs rotating now', { allowed: true, resource: 'named' }],
    ['endpoint.scale', 'would you mind scaling fraud to 6', { allowed: true, resource: 'named' }],
    ['compute.start', 'could someone start the gpu cluster', { allowed: true, resource: 'named' }],
    ['compute.start', 'we require the gpu cluster started', { allowed: true, resource: 'named' }],
    ['endpoint.scale', 'i would like fraud set to 4', { allowed: true, resource: 'named' }],
    ['compute.stop', 'stop the gpu cluster until monday', { allowed: true, resource: 'named' }],
    [
      'compute.start',
      'start the gpu cluster so the nodes are warm when i submit',
      { allowed: true, resource: 'named' },
    ],
    ['compute.stop', 'gpu cluster is idle 😴 stop it please', { allowed: true, resource: 'named' }],
    ['incident.ack', 'consider it acknowledged', { allowed: true }],
    ['incident.ack', 'mark inc 1 as acknowledged', { allowed: true }],
    ['incident.escalate', 'move this incident to l2', { allowed: true }],
    ['incident.escalate', 'this needs l3 now', { allowed: true }],
    ['incident.ack', 'this one is mine', { allowed: true }],
    ['incident.ack', 'acknowledged inc 0093', { allowed: true }],
    ['endpoint.scale', 'fraud blue to 5 now', { allowed: true, resource: 'named' }],
    // A purpose ends the object: "the canary" is not what is scaled, so only the endpoint is missing.
    ['endpoint.scale', 'scale to 2 for the canary', { allowed: false, refusal: 'no-resource' }],
    ['compute.start', 'start the gpu cluster when i submit', { allowed: false, refusal: 'conditional' }],
    ['compute.stop', 'i don t need the gpu cluster stopped', { allowed: false, refusal: 'negated' }],
  ] as const)('%s for "%s"', (skill, lower, verdict) => {
    expect(check(skill, lower)).toEqual(verdict);
  });
});

describe('the user’s own plan and events as subjects are not unsupported changes', () => {
  it.each([
    'i need to rerun the feature extraction',
    'so i can retrain tonight',
    'the retrain is blocked',
    'my rerun failed',
  ])('"%s" is not a change request', (text) => {
    expect(checkScope(text).unsupportedChange).toBe(false);
  });

  it.each(['rerun the feature extraction', 'retrain the model'])(
    '"%s" is still a change the catalog lacks',
    (text) => {
      expect(checkScope(text).unsupportedChange).toBe(true);
    },
  );

  it.each([
    [
      'I need to rerun the feature extraction, is the gpu cluster up?',
      'status.compute',
      { cluster: 'gpu-cluster-01' },
    ],
    [
      'the retrain is blocked, what is going on with the gpu cluster',
      'status.compute',
      { cluster: 'gpu-cluster-01' },
    ],
    ['the nightly retrain is stuck on gpu-cluster-01', 'status.compute', { cluster: 'gpu-cluster-01' }],
    ['rerun the feature extraction on the gpu cluster', 'none', {}],
    ['retrain the model on the gpu cluster', 'none', {}],
  ])('%s → %s %j', expectRouted);
});

describe('question cues', () => {
  it('reads "show me which jobs failed and why" as a report of failures, not a why-question', async () => {
    expect(readIntentCues('show me which jobs failed and why').why).toBe(false);
    expect(readIntentCues('why did the jobs fail').why).toBe(true);
    await expectRouted('show me which jobs failed and why', 'status.jobs', {});
  });

  it.each([
    ['what could be the cause of the latency', 'why'],
    ['gpu cluster looks off - why is it down', 'why'],
    ['how fast must we respond to a p2', 'howTo'],
    ['incidents that are not yet resolved', 'openIncidents'],
    ['fraud is returning 500s, open a p1 right away', 'declare'],
  ] as const)('"%s" carries the %s cue', (text, cue) => {
    expect(readIntentCues(text)[cue]).toBe(true);
  });

  it.each([
    'what could be the cause of the latency on fraud',
    'gpu cluster looks off - why is it down',
    'how fast must we respond to a p1 incident',
    'how fast must a P2 be answered',
    'should we open a p1 for the fraud 500s?',
  ])('sends the question "%s" to the runbooks', async (text) => {
    await expect(router.route(text)).resolves.toMatchObject({ skill: 'troubleshoot.ask' });
  });

  it('declares a P1 asked for at the end of a description', async () => {
    await expect(router.route('fraud is returning 500s, open a p1 right away')).resolves.toMatchObject({
      skill: 'incident.declare',
      args: { severity: 'P1' },
    });
  });

  // A declaration asked about or negated after a description opens nothing.
  it.each([
    'fraud endpoint is returning 500s, should we open a p1?',
    'fraud is down, do we open an incident?',
    "fraud is returning 500s, don't open a p1 right away",
  ])('takes no action for "%s"', expectNoAction);
});

describe('the router’s own decisions', () => {
  it.each([
    'my lead said we should shut down the cpu cluster',
    'if latency spikes, scale fraud',
    'scale fraud to 2 for the canary after the deploy finishes',
  ])('answers none, not the status, for the held-back change "%s"', async (text) => {
    await expectRouted(text, 'none', {});
  });

  it('still proposes the change when it is asked for outright', async () => {
    await expectRouted('shut down the cpu cluster', 'compute.stop', { cluster: 'cpu-cluster-01' });
    await expectRouted('should we shut down the cpu cluster?', 'status.compute', {
      cluster: 'cpu-cluster-01',
    });
  });

  it.each([
    'who gets paged after L2 when the gpu cluster is down',
    'what is the escalation path when fraud latency is high',
    'who is on call for the gpu cluster after L1',
    'how long before a P2 on fraud escalates to L3',
  ])('sends the escalation-path question "%s" to the runbooks', async (text) => {
    await expect(router.route(text)).resolves.toMatchObject({ skill: 'troubleshoot.ask' });
  });

  it('reads "morning checks" as the daily checklist, and "morning" alone as a greeting', async () => {
    expect(cleanUtterance('morning checks')).toMatchObject({ text: 'morning checks', greeted: false });
    expect(cleanUtterance('morning, team')).toMatchObject({ greeted: true });
    await expectRouted('morning checks', 'status.overview', {});
    await expectRouted('morning checks please', 'status.overview', {});
    await expectRouted('morning', 'help', {});
  });

  it.each([
    [
      "I won't change anything, so please don't scale it - just show me how fraud is doing",
      'status.endpoint',
      { endpoint: 'fraud-detection' },
    ],
    [
      "I won't touch anything, so please don't stop it - just show me the gpu cluster",
      'status.compute',
      { cluster: 'gpu-cluster-01' },
    ],
  ])('reads the request after "just show me" when the action is waved away: %s', expectRouted);
});

describe('a request addressed to someone else by name', () => {
  let router: OfflineRouter;
  beforeAll(async () => {
    router = await createOfflineRouter({ config, skills: allSkills });
  });
  it.each([
    'Ken, could you stop gpu-cluster-01?',
    'hey Marco, start the cpu cluster before standup please',
    'Zoe — go ahead and stop the gpu cluster',
    'replying to Dan: yes Dan, please escalate INC-0042 to L3 yourself',
  ])('proposes no change for "%s"', async (text) => {
    const intent = await router.route(text);
    expect(['compute.start', 'compute.stop', 'incident.escalate']).not.toContain(intent.skill);
  });
  it.each([
    ['Please, stop gpu-cluster-01', 'compute.stop'],
    ['Ok, stop the gpu cluster', 'compute.stop'],
    ['Update: scale fraud-detection to 6', 'endpoint.scale'],
  ])('still reads "%s" as a request to the bot', async (text, skill) => {
    await expect(router.route(text)).resolves.toMatchObject({ skill });
  });
});
