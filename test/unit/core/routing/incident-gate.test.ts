import { createOfflineRouter, type OfflineRouter } from '../../../helpers/offline-router';
import { allSkills } from '../../../../skills/catalog';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const incidentActions = new Set(['incident.ack', 'incident.escalate', 'incident.resolve']);
let router: OfflineRouter;

beforeAll(async () => {
  router = await createOfflineRouter({ config: loadShippedConfig(), skills: allSkills });
});

/** Questions, reports, negations and conditions about incidents: none of them acks, escalates or resolves. */
const readOnly = [
  "list incidents that haven't been resolved yet",
  "what's the escalation path after L2 if nobody answers",
  'who acked INC-0042?',
  'was INC-0007 escalated?',
  "don't escalate yet",
  "tell me when it's resolved",
  'which incidents were escalated this week',
  'show me incidents nobody has acknowledged',
  'is INC-0042 resolved?',
  'has anyone acknowledged the P1 yet',
  'who resolved INC-0019',
  'should we escalate INC-0042?',
  'do not resolve INC-0042, the fix is not verified',
  'never mind, do not escalate',
  'escalate if nobody answers within 10 minutes',
  'escalate INC-0042 if no answer by 5',
  'move INC-0042 to the wiki',
  // What follows a named incident calls the action off, puts it off or is an intention, not a report.
  'escalate INC-0042 no need to',
  'escalate INC-0042 not needed, back to normal',
  'escalate INC-0042 do not want to wake the L3',
  'resolve INC-0042 we need to wait',
  'resolve INC-0042 going to wait for the fix',
  'resolve INC-0042 not yet, waiting to verify',
  'resolve INC-0042 wait, i need to check',
  'resolve INC-0042 to test the pager',
  'resolve INC-0042 up to you',
  'ack INC-0042 i need to check with diego first',
  // An escalation's "to" must name a tier, wherever it stands.
  'escalate INC-0042 to finance',
  'please escalate INC-0042 to the vendor',
  "if L2 can't fix it by noon, escalate",
  'resolve INC-0042 once the endpoint is green',
  'diego said to escalate INC-0042',
  'I already escalated it to L3',
  'we closed INC-0001 yesterday',
  'why was INC-0031 escalated to the architect',
  'how do I resolve an incident properly',
  'who do I escalate to after L2',
  "I'm on call this week",
  'take a look at the gpu cluster',
  'hypothetically, what happens if I escalate INC-0042',
  'resolve INC-0042 later, after the postmortem',
  'how many incidents were resolved last month',
];

describe('incident gate: read-only, negated and conditional wording never acks, escalates or resolves', () => {
  it.each(readOnly)('%s', async (text) => {
    const intent = await router.route(text);
    expect(incidentActions.has(intent.skill)).toBe(false);
    expect((intent.alternatives ?? []).some((a) => incidentActions.has(a.skill))).toBe(false);
  });

  it.each([
    ["list incidents that haven't been resolved yet", 'incident.list'],
    ['which incidents were escalated this week', 'incident.list'],
    ["what's the escalation path after L2 if nobody answers", 'troubleshoot.ask'],
    ['who do I escalate to after L2', 'troubleshoot.ask'],
    ['how do I resolve an incident properly', 'troubleshoot.ask'],
    ["don't escalate yet", 'none'],
    ['was INC-0007 escalated?', 'none'],
    ['escalate if nobody answers within 10 minutes', 'none'],
  ])('%s → %s', async (text, skill) => {
    await expect(router.route(text)).resolves.toMatchObject({ skill });
  });
});

describe('incident gate: requests to act on an incident still land', () => {
  it.each([
    ['ack', 'incident.ack', {}],
    ['ack INC-0042', 'incident.ack', { incident: 'INC-0042' }],
    ["I'm on it", 'incident.ack', {}],
    ['on it', 'incident.ack', {}],
    ['taking this one', 'incident.ack', {}],
    ['please acknowledge INC-0055', 'incident.ack', { incident: 'INC-0055' }],
    ['acknowledged, looking now', 'incident.ack', {}],
    ['escalate', 'incident.escalate', {}],
    ['escalate INC-0042 to L3', 'incident.escalate', { incident: 'INC-0042' }],
    ['can you escalate the incident to the IT director', 'incident.escalate', {}],
    ['we need L3 on this', 'incident.escalate', {}],
    ['push INC-0013 up a tier', 'incident.escalate', { incident: 'INC-0013' }],
    ['resolve INC-0001 fixed', 'incident.resolve', { incident: 'INC-0001', resolution: 'fixed' }],
    ['all clear, resolve', 'incident.resolve', {}],
    ['mark INC-0033 as resolved', 'incident.resolve', { incident: 'INC-0033' }],
    ['the fix worked, you can close the incident', 'incident.resolve', {}],
    ['close out INC-0120', 'incident.resolve', { incident: 'INC-0120' }],
    // A resolution says what was done, often with a "to" that is not where the incident goes.
    [
      'resolve INC-0001 rolled back to the previous model',
      'incident.resolve',
      { incident: 'INC-0001', resolution: 'rolled back to the previous model' },
    ],
    [
      'resolve INC-0042 fixed by scaling blue to 6',
      'incident.resolve',
      { incident: 'INC-0042', resolution: 'fixed by scaling blue to 6' },
    ],
  ])('%s → %s', async (text, skill, args) => {
    const intent = await router.route(text);
    expect(intent.skill).toBe(skill);
    expect(intent.args).toMatchObject(args);
  });
});
