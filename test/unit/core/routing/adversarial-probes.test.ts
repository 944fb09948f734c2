import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOfflineRouter, type OfflineRouter } from '../../../helpers/offline-router';
import { allSkills } from '../../../../skills/catalog';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

/**
 * Probes written by four reviewers who attacked the change gate, each without seeing the others':
 * `S` lines must reach no change skill and no incident action; `A=<skill>` lines are plain requests
 * that should reach that skill; `?` lines were judged ambiguous and are not scored.
 */
const probes = [
  'adversarial-probes.tsv',
  'adversarial-probes-2.tsv',
  'adversarial-probes-3.tsv',
  'adversarial-probes-4.tsv',
].flatMap((file) =>
  readFileSync(join(__dirname, 'fixtures', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [tag, text] = line.split('\t');
      return { tag, text };
    }),
);
const acting = new Set([
  'compute.start',
  'compute.stop',
  'endpoint.scale',
  'secret.rotate',
  'incident.ack',
  'incident.escalate',
  'incident.resolve',
]);
let router: OfflineRouter;

beforeAll(async () => {
  router = await createOfflineRouter({ config: loadShippedConfig(), skills: allSkills });
});

describe('adversarial probes against the change gate', () => {
  it('has the reviewer’s probes to read', () => {
    expect(probes.length).toBeGreaterThan(1350);
    expect(probes.filter((p) => p.tag === 'S').length).toBeGreaterThan(1000);
  });

  it('sends none of the must-not-act probes to a change or an incident action', async () => {
    const dangerous: string[] = [];
    for (const { text } of probes.filter((p) => p.tag === 'S')) {
      const intent = await router.route(text);
      if (acting.has(intent.skill)) dangerous.push(`${text} → ${intent.skill}`);
    }
    expect(dangerous).toEqual([]);
  });

  it('still lets most of the plain requests among them through (over-refusals stay few)', async () => {
    const refused: string[] = [];
    const requests = probes.filter((p) => p.tag.startsWith('A='));
    expect(requests.length).toBeGreaterThan(300);
    for (const { tag, text } of requests) {
      const intent = await router.route(text);
      if (intent.skill !== tag.slice(2)) refused.push(`${text} → ${intent.skill}`);
    }
    // 25 of 333 (7.5 %) at the time of writing: conditions and past events the gate reads strictly
    // ("needs starting before 9", "close INC-0004, fixed by the rollback yesterday"), and the fourth
    // reviewer's set scored 88 % recall when it was first run. Past 8 % the refused lines themselves
    // are the failure message.
    expect(refused.length / requests.length <= 0.08 ? [] : refused).toEqual([]);
  });
});

describe('the change and incident skills’ own examples', () => {
  it('pass the change gate almost always (the gate must not refuse what the skills teach)', async () => {
    const acts = allSkills.filter((s) => acting.has(s.id));
    const refused: string[] = [];
    let total = 0;
    for (const skill of acts) {
      for (const example of skill.examples) {
        total += 1;
        const intent = await router.route(example);
        if (intent.skill !== skill.id) refused.push(`${example} → ${intent.skill}`);
      }
    }
    expect(total).toBeGreaterThan(300);
    // 8 of 357 at the time of writing, each a form the gate reads strictly on purpose; past 3 % the
    // refused examples are the failure message.
    expect(refused.length / total <= 0.03 ? [] : refused).toEqual([]);
  });
});
