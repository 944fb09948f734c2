import type { ChangePlan } from '../../core/changes/change-request';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { ChangeReading } from './change-facts';

/** The request would leave everything as it is; said instead of proposing a change. */
export interface NothingToChange {
  nothing: true;
  reason: string;
}

/**
 * Works out what a change will do from what was read: the handover's change-request fields (summary,
 * impact, risk, rollback, testing), before → after, the steps the card shows while it runs, and
 * warnings. Pure: the same reading gives the same plan.
 */
export function planChange(reading: ChangeReading, config: LandingZoneConfig): ChangePlan | NothingToChange {
  const { facts } = reading;
  if (!facts.inConfig) {
    return plan({
      summary: `${verbOf(facts.skill)} ${facts.resource}`,
      before: 'unknown',
      after: 'unknown',
      impact: 'None: the resource is not part of the landing zone.',
      risk: 'high',
      rollback: 'Nothing to roll back.',
      testing: 'None.',
      steps: [],
    });
  }
  switch (facts.skill) {
    case 'compute.start':
      return planComputeStart(reading, config);
    case 'compute.stop':
      return planComputeStop(reading);
    case 'endpoint.scale':
      return planEndpointScale(reading, config);
    case 'secret.rotate':
      return planSecretRotate(reading, config);
  }
}

/** For an AmlCompute cluster, the minimum a pre-warm sets: its `prewarmNodes`, or 1, within its maximum. */
export function prewarmMinimum(reading: ChangeReading, config: LandingZoneConfig): number {
  const compute = reading.compute!;
  const configured = config.computes.find((c) => c.name === compute.name);
  return Math.min(configured?.prewarmNodes ?? 1, compute.maxNodes);
}

function planComputeStart(reading: ChangeReading, config: LandingZoneConfig): ChangePlan | NothingToChange {
  const compute = reading.compute!;
  if (compute.kind === 'computeinstance') {
    if (/^running$/i.test(compute.state)) return nothing(`${compute.name} is already running.`);
    return plan({
      summary: `Start the compute instance ${compute.name}`,
      before: `${compute.state}`,
      after: 'Running',
      impact: `${compute.name} becomes available and is billed while it runs.`,
      risk: 'low',
      rollback: `Stop ${compute.name} again.`,
      testing: `The instance reports Running (\`status ${compute.name}\`).`,
      steps: [`Start ${compute.name}`],
    });
  }
  const minimum = prewarmMinimum(reading, config);
  if (compute.minNodes >= minimum) {
    return nothing(
      `${compute.name} already keeps at least ${compute.minNodes} node(s) warm (minimum ${compute.minNodes}, maximum ${compute.maxNodes}).`,
    );
  }
  return plan({
    summary: `Pre-warm ${compute.name}: minimum nodes ${compute.minNodes} → ${minimum}`,
    before: `minimum ${compute.minNodes}, maximum ${compute.maxNodes} nodes (${compute.currentNodes} running)`,
    after: `minimum ${minimum}, maximum ${compute.maxNodes} nodes`,
    impact: `${minimum} ${compute.vmSize} node(s) stay allocated and billed, so jobs start without waiting for nodes.`,
    risk: 'low',
    rollback: `Set the minimum back to ${compute.minNodes} (\`stop ${compute.name}\` sets it to 0).`,
    testing: `The cluster shows ${minimum} node(s) within a few minutes (\`status ${compute.name}\`).`,
    steps: [`Set the minimum nodes of ${compute.name} to ${minimum}`],
  });
}

function planComputeStop(reading: ChangeReading): ChangePlan | NothingToChange {
  const compute = reading.compute!;
  const jobs = compute.runningJobs;
  const named = (reading.runningJobs ?? [])
    .slice(0, 5)
    .map((job) => `${job.displayName} (${job.submittedBy})`)
    .join(', ');
  const jobWarning =
    jobs > 0
      ? [
          `${jobs} job(s) are running on ${compute.name}${named ? `: ${named}${jobs > 5 ? ', …' : ''}` : ''}; stopping ends them or leaves them without nodes.`,
        ]
      : [];
  if (compute.kind === 'computeinstance') {
    if (/^stopped$/i.test(compute.state)) return nothing(`${compute.name} is already stopped.`);
    return plan({
      summary: `Stop the compute instance ${compute.name}`,
      before: compute.state,
      after: 'Stopped',
      impact: `${compute.name} is unavailable until started again; billing for its VM stops.`,
      risk: jobs > 0 ? 'high' : 'low',
      rollback: `Start ${compute.name} again.`,
      testing: `The instance reports Stopped (\`status ${compute.name}\`).`,
      steps: [`Stop ${compute.name}`],
      warnings: jobWarning,
    });
  }
  if (compute.minNodes === 0 && jobs === 0) {
    return nothing(
      `${compute.name} already scales to zero: its minimum is 0, so idle nodes are released (${compute.currentNodes} running now).`,
    );
  }
  return plan({
    summary: `Scale ${compute.name} to zero: minimum nodes ${compute.minNodes} → 0`,
    before: `minimum ${compute.minNodes}, maximum ${compute.maxNodes} nodes (${compute.currentNodes} running, ${jobs} job(s))`,
    after: `minimum 0, maximum ${compute.maxNodes} nodes; idle nodes are released`,
    impact:
      jobs > 0
        ? `The ${jobs} running job(s) keep their nodes until they finish; after that the cluster releases every node and new jobs wait for nodes to be allocated.`
        : 'Idle nodes are released and stop costing; the next job waits a few minutes for nodes.',
    risk: jobs > 0 ? 'medium' : 'low',
    rollback: `Pre-warm it again (\`start ${compute.name}\`).`,
    testing: `The cluster shows 0 nodes once idle (\`status ${compute.name}\`).`,
    steps: [`Set the minimum nodes of ${compute.name} to 0`],
    warnings: jobWarning,
  });
}

function planEndpointScale(reading: ChangeReading, config: LandingZoneConfig): ChangePlan | NothingToChange {
  const { facts } = reading;
  const label = `${facts.resource}/${facts.deployment}`;
  const target = facts.targetInstances!;
  if (!facts.deploymentExists) {
    return plan({
      summary: `Scale ${label} to ${target} instances`,
      before: 'unknown',
      after: `${target} instances`,
      impact: 'None: the endpoint has no such deployment.',
      risk: 'high',
      rollback: 'Nothing to roll back.',
      testing: 'None.',
      steps: [],
    });
  }
  const current = facts.currentInstances!;
  if (current === target) return nothing(`${label} already runs ${current} instances.`);
  const bounds = facts.autoscale!;
  const endpoint = config.endpoints.find((e) => e.name === facts.resource);
  const warnings: string[] = [];
  if (target > bounds.maxInstances || target < bounds.minInstances) {
    warnings.push(
      `Autoscale keeps ${facts.resource} between ${bounds.minInstances} and ${bounds.maxInstances} instances and will move it back into that range unless its bounds change too.`,
    );
  } else if (endpoint) {
    warnings.push(
      `Autoscale may move it again: it adds ${endpoint.autoscale.scaleOutStep} above ${endpoint.autoscale.cpuThresholdPercent}% CPU and removes ${endpoint.autoscale.scaleInStep} when load falls.`,
    );
  }
  const up = target > current;
  return plan({
    summary: `Scale ${label} from ${current} to ${target} instances`,
    before: `${current} instances`,
    after: `${target} instances`,
    impact: up
      ? `${target - current} more instance(s) serve traffic and are billed; rollout takes a few minutes.`
      : `${current - target} instance(s) are drained and removed; less capacity for traffic peaks.`,
    risk: up ? 'low' : target < bounds.minInstances ? 'high' : 'medium',
    rollback: `Scale ${label} back to ${current} instances.`,
    testing: `P95 latency and error rate stay within the baselines (\`status ${facts.resource}\`).`,
    steps: [`Set ${label} to ${target} instances`],
    warnings,
  });
}

function planSecretRotate(reading: ChangeReading, config: LandingZoneConfig): ChangePlan {
  const secret = config.secrets.find((s) => s.name === reading.facts.resource)!;
  return plan({
    summary: `Rotate ${secret.name} (keys of ${secret.account})`,
    before: `${secret.name} in ${secret.vault} holds the current key`,
    after: `both keys of ${secret.account} regenerated; ${secret.name} holds the new standby key`,
    impact:
      'Clients that read the key from Key Vault keep working; a client that copied the old key fails once that key is regenerated.',
    risk: 'medium',
    rollback:
      'Keys cannot be restored: if a client fails, point it at the Key Vault secret (or regenerate again) — a failed step stops the rotation where it is and can be resumed.',
    testing: `An authenticated call to ${secret.account} with the key from ${secret.vault} succeeds (the verify step).`,
    steps: rotationSteps(secret),
  });
}

/** The handover's four rotation steps, for one configured secret. */
export function rotationSteps(secret: { name: string; account: string; vault: string }): string[] {
  return [
    `Regenerate key2 (standby) of ${secret.account}`,
    `Store key2 in ${secret.vault} as ${secret.name}`,
    `Verify ${secret.account} accepts the stored key`,
    `Regenerate key1 of ${secret.account}`,
  ];
}

function plan(fields: Omit<ChangePlan, 'warnings'> & { warnings?: string[] }): ChangePlan {
  return { ...fields, warnings: fields.warnings ?? [] };
}

function nothing(reason: string): NothingToChange {
  return { nothing: true, reason };
}

function verbOf(skill: string): string {
  return {
    'compute.start': 'Start',
    'compute.stop': 'Stop',
    'endpoint.scale': 'Scale',
    'secret.rotate': 'Rotate',
  }[skill]!;
}
