import type { NewChangeRequest } from '../../core/changes/change-request';

/** A pending Standard change request as propose() would store it; fields overridable. */
export function newChangeRequest(overrides: Partial<NewChangeRequest> = {}): NewChangeRequest {
  return {
    skill: 'endpoint.scale',
    args: { endpoint: 'fraud-detection', deployment: 'blue', instances: 6 },
    requester: { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' },
    conversationId: 'a:conversation-1',
    facts: {
      skill: 'endpoint.scale',
      resource: 'fraud-detection',
      inConfig: true,
      environment: 'production',
      deployment: 'blue',
      deploymentExists: true,
      currentInstances: 3,
      targetInstances: 6,
      autoscale: { minInstances: 3, maxInstances: 10 },
      quotaMaxInstances: 20,
    },
    decision: {
      verdict: 'confirm',
      changeType: 'standard',
      environment: 'production',
      reason: 'Inside the autoscale bounds: a standard change.',
      approvals: [],
      rules: [],
    },
    changeType: 'standard',
    plan: {
      summary: 'Scale fraud-detection/blue from 3 to 6 instances',
      before: '3 instances',
      after: '6 instances',
      impact: 'More capacity',
      risk: 'low',
      rollback: 'Scale back to 3',
      testing: 'Watch P95 latency',
      steps: ['Set the instance count'],
      warnings: [],
    },
    state: 'pending',
    approvals: [],
    createdAt: new Date('2026-12-01T10:00:00.000Z'),
    expiresAt: new Date('2026-12-01T11:00:00.000Z'),
    cabReview: false,
    ...overrides,
  };
}
