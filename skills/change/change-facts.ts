import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { resolveExactName, type ResourceKind } from '../../core/config/resource-names';
import type { ChangeFacts, ChangeSkillId, Environment } from '../../core/policy/change-policy';
import type { ComputeStatus, EndpointStatus, LandingZoneReader, TrainingJob } from '../../core/ports';
import { vmSizeInfo } from '../../core/vm-sizes';

/** What the choke point read before asking the policy: the facts, and the live state the plan describes. */
export interface ChangeReading {
  facts: ChangeFacts;
  /** Arguments resolved to config names (the deployment taking traffic when none was named). */
  args: Record<string, unknown>;
  compute?: ComputeStatus;
  endpoint?: EndpointStatus;
  /** For a stop: the jobs running on the compute now, shown on the card before anyone decides. */
  runningJobs?: TrainingJob[];
}

/** The skills `propose()` treats as changes of the landing zone. */
export const changeSkillIds: readonly ChangeSkillId[] = [
  'compute.start',
  'compute.stop',
  'endpoint.scale',
  'secret.rotate',
];

export function isChangeSkill(id: string): id is ChangeSkillId {
  return (changeSkillIds as readonly string[]).includes(id);
}

/**
 * Reads the facts the policy needs from the config and the live landing zone: whether the resource
 * is in the config, its environment, instance counts and autoscale bounds, free quota, running jobs.
 * A resource outside the config is read no further (the policy denies it).
 */
export async function readChangeFacts(
  skill: ChangeSkillId,
  args: Record<string, unknown>,
  config: LandingZoneConfig,
  landingZone: LandingZoneReader,
): Promise<ChangeReading> {
  const defaultEnvironment = config.landingZone.environment;
  if (skill === 'compute.start' || skill === 'compute.stop') {
    const name = String(args.cluster);
    const configured = findByName(config.computes, 'compute', name, config);
    const base = { skill, resource: configured?.name ?? name, inConfig: Boolean(configured) };
    if (!configured) return { facts: { ...base, environment: defaultEnvironment }, args };
    const compute = await landingZone.getCompute(configured.name);
    const runningJobs =
      skill === 'compute.stop' && compute.runningJobs > 0
        ? (await landingZone.listTrainingJobs({ sinceHours: 72 })).filter(
            (job) => job.compute === configured.name && job.status === 'running',
          )
        : undefined;
    return {
      ...(runningJobs ? { runningJobs } : {}),
      facts: {
        ...base,
        environment: environmentOf(configured, defaultEnvironment),
        runningJobs: compute.runningJobs,
      },
      args: { cluster: configured.name },
      compute,
    };
  }
  if (skill === 'secret.rotate') {
    const name = String(args.secret);
    const configured = findByName(config.secrets, 'secret', name, config);
    return {
      facts: {
        skill,
        resource: configured?.name ?? name,
        inConfig: Boolean(configured),
        environment: configured ? environmentOf(configured, defaultEnvironment) : defaultEnvironment,
      },
      args: { secret: configured?.name ?? name },
    };
  }

  const name = String(args.endpoint);
  const configured = findByName(config.endpoints, 'endpoint', name, config);
  const target = Number(args.instances);
  if (!configured) {
    return {
      facts: {
        skill,
        resource: name,
        inConfig: false,
        environment: defaultEnvironment,
        targetInstances: target,
      },
      args,
    };
  }
  const endpoint = await landingZone.getEndpoint(configured.name);
  const asked = typeof args.deployment === 'string' ? args.deployment : undefined;
  const live = asked
    ? endpoint.deployments.find((d) => d.name.toLowerCase() === asked.toLowerCase())
    : [...endpoint.deployments].sort((a, b) => b.trafficPercent - a.trafficPercent)[0];
  const deploymentName = live?.name ?? asked ?? '';
  const facts: ChangeFacts = {
    skill,
    resource: configured.name,
    inConfig: true,
    environment: environmentOf(configured, defaultEnvironment),
    deployment: deploymentName,
    deploymentExists: Boolean(live),
    targetInstances: target,
    autoscale: {
      minInstances: configured.autoscale.minInstances,
      maxInstances: configured.autoscale.maxInstances,
    },
  };
  if (live) {
    facts.currentInstances = live.instanceCount;
    const size = vmSizeInfo(live.vmSize);
    const quota = size.family
      ? (await landingZone.listQuotaUsage()).find((q) => q.family === size.family)
      : undefined;
    if (quota) {
      facts.quotaMaxInstances =
        live.instanceCount + Math.floor(Math.max(0, quota.limit - quota.used) / size.cores);
    }
  }
  return {
    facts,
    args: { endpoint: configured.name, deployment: deploymentName, instances: target },
    endpoint,
  };
}

/** The config entry a name or alias means (exactly, case-insensitive), as the rest of the product resolves names. */
function findByName<T extends { name: string }>(
  items: T[],
  kind: ResourceKind,
  name: string,
  config: LandingZoneConfig,
): T | undefined {
  const canonical = resolveExactName(config, kind, name);
  return canonical === undefined ? undefined : items.find((item) => item.name === canonical);
}

/** The resource's own environment when the config gives one, the landing zone's otherwise. */
function environmentOf(resource: object, fallback: Environment): Environment {
  const own = (resource as { environment?: unknown }).environment;
  return own === 'development' || own === 'production' ? own : fallback;
}
