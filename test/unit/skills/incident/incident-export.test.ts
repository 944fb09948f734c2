import type { ChangeRequest } from '../../../../core/changes/change-request';
import type { Incident } from '../../../../core/incidents/incident';
import { changesDuring, incidentMarkdown } from '../../../../skills/incident/incident-export';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';
import { newIncident } from '../../../integration/storage/incident-fixture';

const config = loadShippedConfig();
const now = new Date('2025-03-01T12:00:00.000Z');
const incident = (overrides: Partial<Incident> = {}): Incident => ({
  ...newIncident(),
  id: 'INC-0007',
  number: 7,
  updatedAt: new Date('2025-03-01T08:00:00.000Z'),
  version: 1,
  ...overrides,
});
const change = (id: string, createdAt: string, summary = 'Scale fraud-detection | blue from 3 to 6') =>
  ({
    id,
    createdAt: new Date(createdAt),
    requester: { aadObjectId: 'aad-alex', name: 'Alex Wilber' },
    plan: { summary },
    state: 'succeeded',
    outcome: { status: 'succeeded', summary: 'blue runs 6 instances', steps: [] },
  }) as unknown as ChangeRequest;

describe('the post-incident export', () => {
  it('keeps the changes raised between the declaration and the resolution, oldest first', () => {
    const resolved = incident({ state: 'resolved', resolvedAt: new Date('2025-03-01T10:00:00.000Z') });
    const all = [
      change('CHG-00003', '2025-03-01T09:59:00.000Z'),
      change('CHG-00001', '2025-03-01T07:59:00.000Z'),
      change('CHG-00002', '2025-03-01T08:30:00.000Z'),
      change('CHG-00004', '2025-03-01T10:01:00.000Z'),
    ];
    expect(changesDuring(resolved, all, now).map((c) => c.id)).toEqual(['CHG-00002', 'CHG-00003']);
    // While it is open, everything up to now counts.
    expect(changesDuring(incident(), all, now).map((c) => c.id)).toEqual([
      'CHG-00002',
      'CHG-00003',
      'CHG-00004',
    ]);
  });

  it('writes one table row per timeline entry and change, with pipes escaped and line breaks flattened', () => {
    const markdown = incidentMarkdown(
      {
        incident: incident({
          state: 'resolved',
          resolvedAt: new Date('2025-03-01T09:35:00.000Z'),
          resolution: 'rolled back\nblue',
        }),
        timeline: [
          {
            at: new Date('2025-03-01T08:00:00.000Z'),
            kind: 'declared',
            actor: { id: 'a', name: 'Diego Siciliani' },
            text: 'Declared P2',
          },
          {
            at: new Date('2025-03-01T08:15:00.000Z'),
            kind: 'escalated',
            text: 'Escalated to L2 | no answer',
          },
        ],
        changes: [change('CHG-00002', '2025-03-01T08:30:00.000Z')],
      },
      config,
      now,
    );
    expect(markdown.split('\n')[0]).toBe('# INC-0007 · P2 High: fraud-detection returns 503s');
    expect(markdown).toContain('| Resolved | 2025-03-01 09:35 (1 h 35 min after the declaration) |');
    expect(markdown).toContain('| Resolution | rolled back blue |');
    expect(markdown).toContain('| 2025-03-01 08:00 | Declared P2 | Diego Siciliani |');
    expect(markdown).toContain('| 2025-03-01 08:15 | Escalated to L2 \\| no answer | opsbot |');
    expect(markdown).toContain(
      '| CHG-00002 | 2025-03-01 08:30 | Alex Wilber | Scale fraud-detection \\| blue from 3 to 6 | succeeded: blue runs 6 instances |',
    );
  });

  it('says when there is nothing on the timeline and no change', () => {
    const markdown = incidentMarkdown({ incident: incident(), timeline: [], changes: [] }, config, now);
    expect(markdown).toContain('## Timeline (UTC)\n\nNothing recorded.');
    expect(markdown).toContain('## Changes made through opsbot while it was open\n\nNone.');
    expect(markdown).toContain('| Response target | due 2025-03-01 09:00, not acknowledged |');
  });
});
