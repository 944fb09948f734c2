import { worstLevel } from '../../core/baselines';
import { namesOf, resolveExactName } from '../../core/config/resource-names';
import { type SkillContext, defineSkill, everyone } from '../skill';
import { statusFacts } from './status-facts';
import type { EndpointStatusResult, NextStep } from './status-results';
import { resource } from '../../core/contract/resource-params';

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

export const statusEndpoint = defineSkill({
  id: 'status.endpoint',
  usage: 'status <endpoint>',
  title: 'Endpoint status',
  description:
    'One online endpoint: deployments, instances, traffic split, P95 latency, error rate, availability.',
  examples: [
    'status fraud-detection',
    'how is the fraud endpoint doing',
    'is fraud-detection healthy',
    'latency of the fraud model',
    'show me the fraud detection endpoint',
    'what is the error rate on fraud-detection',
    'how many instances does the fraud endpoint have',
    'check the inference endpoint for fraud',
    'traffic split on fraud-detection',
    'how is fraud-detection performing',
    'fraud endpoint latency',
    'p95 latency for fraud detection',
    'error rate of the fraud endpoint',
    'is the fraud model responding',
    'fraud-detection availability',
    'show the deployments of the fraud endpoint',
    'how much traffic goes to green on fraud-detection',
    'is the scoring endpoint ok',
    'how is the endpoint',
    'endpoint status',
    'are requests to fraud detection succeeding',
    'how many 503s on the fraud endpoint',
    '3am, is the fraud endpoint even answering',
    'finance pinged me, is fraud scoring still up',
    'hows fraud-detection doing latency-wise',
    "what's the p95 on the fraud model right now",
    'is the blue deployment of fraud taking traffic',
    'data scientist here, is my fraud model serving ok',
    'error rate on fraud endpoint pls',
    'quick check on fraud detecton availability',
    'before handover, how is the fraud endpoint behaving',
    'is fraud healthy or not',
    'how many instances is fraud running on',
    'fraud endpoint stats?',
    'fraud p95?',
    'whats the error rate on fraud rn',
    'how is the traffic split between blue and green on fraud',
    'the payments team says scoring feels slow, is fraud-detection within its baseline',
    'the risk team is asking whether the fraud model is up, can u check',
    'latency on fraud over the last hour',
    'how many instances are serving fraud-detection right now',
    'is the fraud scoring api meeting its latency target',
    'For the monthly service review, please provide the availability of the fraud detection endpoint.',
    '<at>opsbot</at> how healthy is fraud-detection atm',
    'after the release, is fraud throwing more errors than usual',
    'which deployment of fraud gets most of the traffic',
    'fraud endpoint: p95, errors, instances',
    'are fraud requests timing out at the moment',
    'check fraud detection for me pls',
    'how is green doing on the fraud endpoint',
    'is the fraud model slower than its baseline today',
    'response times for the fraud model?',
    'I deployed a new version of my model yesterday, could you kindly show how the fraud endpoint is behaving',
    'what does fraud-detection look like right now',
    'fraud up?',
    'percentage of failed requests on the fraud endpoint',
    'is real-time scoring working for fraud',
    'scoring latency right now',
    'is the fraud scoring service in good shape',
    'is blue serving any requests at the moment',
    'how much traffic is green taking',
    'Good afternoon, our payments colleagues report slow answers from the fraud model, could you please show me the latency and error figures',
  ],
  params: { endpoint: resource('endpoint').describe('Online endpoint name') },
  kind: 'read',
  roles: everyone,
  givesWayTo: ['how-to', 'quota'],
  run: runEndpointStatus,
});
