import type { NewIncident } from '../../../core/incidents/incident-store';

/** A P2 declared at L1 on 1 March 2025 08:00 UTC; tests override what they look at. */
export function newIncident(overrides: Partial<NewIncident> = {}): NewIncident {
  return {
    summary: 'fraud-detection returns 503s',
    severity: 'P2',
    type: 'operational',
    state: 'declared',
    owner: { id: 'aad-diego', name: 'Diego Siciliani' },
    declaredBy: { id: 'aad-diego', name: 'Diego Siciliani' },
    conversationId: 'conv-1',
    tierIndex: 0,
    tier: 'L1',
    engaged: [{ id: 'aad-diego', name: 'Diego Siciliani', as: 'declarer' }],
    declaredAt: new Date('2025-03-01T08:00:00.000Z'),
    responseDueAt: new Date('2025-03-01T09:00:00.000Z'),
    nextEscalationAt: new Date('2025-03-01T08:15:00.000Z'),
    externalRefs: {},
    ...overrides,
  };
}
