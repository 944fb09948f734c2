import { incidentListCard } from '../../../../bot/cards/incident-list.card';
import { renderResult } from '../../../../bot/cards/render-result';
import type { IncidentResult, IncidentView } from '../../../../skills/incident/incident-results';
import {
  cardBytes,
  cardCommands,
  cardText,
  maxCardBytes,
  validateCard,
} from '../../../helpers/validate-card';

function view(overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    id: 'INC-0042',
    summary: 'openai key pushed to a public repo',
    severity: 'P1',
    severityName: 'Critical',
    type: 'compromised-credentials',
    typeLabel: 'Security: compromised credentials',
    state: 'escalated',
    owner: 'Isaiah Langer',
    declaredBy: 'Isaiah Langer',
    declaredAt: '2026-01-17T08:00:00.000Z',
    tier: { id: 'L3', name: 'L3 Engineering', contact: 'ai-platform-team@contoso.com', offHours: true },
    engaged: ['Isaiah Langer (declarer)', 'Alex Wilber (L2)', 'Nestor Wilke (L3)'],
    response: { dueAt: '2026-01-17T08:00:00.000Z', status: 'overdue' },
    nextEscalation: { at: '2026-01-17T09:30:00.000Z', tierName: 'Platform Architect' },
    lastUpdate: { at: '2026-01-17T08:30:00.000Z', text: 'Escalated from L2 Cloud Ops to L3 Engineering' },
    references: ['ServiceNow INC0010042'],
    failingNotifications: ['Notifying Security team by pagerduty failed (attempt 2): answered 503; retrying'],
    securitySteps: ['Detection and alerting (automated)', 'Contain the threat'],
    ...overrides,
  };
}

function expectValid(card: unknown): void {
  expect(validateCard(card)).toEqual([]);
  expect(cardBytes(card)).toBeLessThan(maxCardBytes);
}

describe('incident card', () => {
  it('shows state, tier off hours, engaged people, the response target, the next escalation, failures and the checklist', () => {
    const result: IncidentResult = {
      view: 'incident',
      headline: 'Escalated; waiting for an acknowledgement',
      incident: view(),
      suggestions: [{ label: 'Acknowledge', command: 'ack INC-0042' }],
    };
    const card = renderResult(result);
    expectValid(card);
    const text = cardText(card);
    for (const line of [
      'INC-0042 · P1 Critical',
      'Escalated',
      'Tier: L3 Engineering (ai-platform-team@contoso.com) · off hours for this tier',
      'Engaged: Isaiah Langer (declarer), Alex Wilber (L2), Nestor Wilke (L3)',
      'Response: immediate, overdue',
      'Next escalation: 17 Jan 09:30 UTC to Platform Architect unless acknowledged',
      'Last update: 17 Jan 08:30 UTC: Escalated from L2 Cloud Ops to L3 Engineering',
      'References: ServiceNow INC0010042',
      'Notifying Security team by pagerduty failed (attempt 2): answered 503; retrying',
      '☐ 1. Detection and alerting (automated)',
      '☐ 2. Contain the threat',
    ]) {
      expect(text).toContain(line);
    }
    expect(cardCommands(card)).toEqual([{ title: 'Acknowledge', command: 'ack INC-0042' }]);
  });

  it('shows a resolved operational incident with its timeline, newest 25 entries, and no buttons', () => {
    const timeline = Array.from({ length: 30 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 12, 15, i)).toISOString(),
      text: `entry ${i + 1}`,
    }));
    const card = renderResult({
      view: 'incident',
      headline: 'Resolved by Alex Wilber',
      incident: view({
        type: 'operational',
        typeLabel: 'Operational',
        state: 'resolved',
        severity: 'P2',
        severityName: 'High',
        securitySteps: undefined,
        failingNotifications: [],
        nextEscalation: undefined,
        declaredAt: '2026-01-12T15:00:00.000Z',
        response: {
          dueAt: '2026-01-12T16:00:00.000Z',
          respondedAt: '2026-01-12T16:10:00.000Z',
          status: 'missed',
        },
        resolution: 'rolled back',
      }),
      timeline,
    });
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain('Response: by 12 Jan 16:00 UTC, answered after 70 min (missed)');
    expect(text).toContain('Next escalation: none (resolved)');
    expect(text).toContain('Resolution: rolled back');
    expect(text).toContain('(5 earlier entries not shown)');
    expect(text).not.toContain('entry 5\n');
    expect(text).toContain('12 Jan 15:05 UTC · entry 6');
    expect(text).toContain('12 Jan 15:29 UTC · entry 30');
    expect(text).not.toContain('checklist');
    expect(cardCommands(card)).toEqual([]);
  });
});

describe('incident list card', () => {
  it('lists the open incidents and offers an ack for those waiting', () => {
    const card = incidentListCard({
      view: 'incident.list',
      incidents: [
        view(),
        view({ id: 'INC-0041', state: 'acknowledged', nextEscalation: undefined, summary: 'slow dashboard' }),
      ],
    });
    expectValid(card);
    expect(cardText(card)).toContain('2 incidents open');
    expect(cardText(card)).toContain('INC-0041 · P1 · slow dashboard');
    expect(cardCommands(card)).toEqual([{ title: 'Ack INC-0042', command: 'ack INC-0042' }]);
  });

  it('says when nothing is open', () => {
    const card = incidentListCard({ view: 'incident.list', incidents: [] });
    expectValid(card);
    expect(cardText(card)).toContain('No incident is open.');
  });
});
