import { worstLevel } from '../../core/baselines';
import { namesOf, resolveExactName } from '../../core/config/resource-names';
import type { SkillContext } from '../skill';
import { statusFacts } from './status-facts';
import type { EndpointStatusResult, NextStep } from './status-results';

/** `status.endpoint`: one online endpoint with its deployments and its metrics against the baselines. */
export async function runEndpointStatus(
  args: { endpoint: string },
  ctx: SkillContext,
): Promise<EndpointStatusResult> {
  const name = resolveExactName(ctx.config, 'endpoint', args.endpoint) ?? args.endpoint.trim();
  const [endpoint, firing] = await Promise.all([
    statusFacts.withKnownNames(
      () => ctx.landingZone.getEndpoint(name),
      'endpoint',
      namesOf(ctx.config, 'endpoint'),
    ),
    ctx.landingZone.listFiringAlerts(),
  ]);
  const health = statusFacts.endpointHealth(endpoint, ctx.config);
  const level = worstLevel([health.latency.level, health.availability.level]);
  const autoscale = ctx.config.endpoints.find((e) => e.name === endpoint.name)?.autoscale;
  const alerts = firing
    .filter((a) => a.resource === endpoint.name)
    .map((a) => statusFacts.alertItem(a, ctx.config));

  const nextSteps: NextStep[] = [];
  const m = endpoint.metrics;
  if (m.http503Count > 0) {
    nextSteps.push(statusFacts.askCommand(`the ${endpoint.name} endpoint returns 503, what do I do`));
  } else if (health.latency.level === 'degraded' || health.latency.level === 'critical') {
    nextSteps.push(statusFacts.askCommand(`P95 latency on ${endpoint.name} is high, what should I check`));
  } else if (health.availability.level === 'degraded' || health.availability.level === 'critical') {
    nextSteps.push(
      statusFacts.askCommand(`availability of ${endpoint.name} is below baseline, what should I check`),
    );
  }
  if (level === 'critical' || level === 'degraded') {
    const down = health.availability.level === 'critical';
    nextSteps.push(
      statusFacts.declareCommand(
        down ? 'P1' : 'P2',
        `${endpoint.name}: P95 ${Math.round(m.p95LatencyMs)} ms, availability ${Number(m.availabilityPercent.toFixed(2))}% (${level})`,
      ),
    );
  }
  if (alerts.length) nextSteps.push({ label: 'Firing alerts', command: 'alerts' });

  return {
    view: 'status.endpoint',
    simulated: ctx.landingZone.simulated,
    generatedAt: ctx.clock.now().toISOString(),
    endpoint: endpoint.name,
    state: endpoint.state,
    scoringUri: endpoint.scoringUri,
    level,
    deployments: endpoint.deployments.map((d) => ({
      name: d.name,
      state: d.state,
      instanceCount: d.instanceCount,
      vmSize: d.vmSize,
      trafficPercent: d.trafficPercent,
    })),
    autoscale: autoscale
      ? { minInstances: autoscale.minInstances, maxInstances: autoscale.maxInstances }
      : undefined,
    windowMinutes: m.windowMinutes,
    requestsPerMinute: m.requestsPerMinute,
    latency: health.latency,
    availability: health.availability,
    errorRatePercent: m.errorRatePercent,
    http503Count: m.http503Count,
    alerts,
    nextSteps,
  };
}
