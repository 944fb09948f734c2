import { percentOf, worstStatus, type CheckStatus } from '../../core/baselines';
import { UserFacingError } from '../../core/errors';
import { type SkillContext, defineSkill, everyone } from '../skill';
import { statusFacts } from './status-facts';
import type {
  AlertsCheck,
  BackupsCheck,
  ComponentsCheck,
  CostCheck,
  InferenceCheck,
  NextStep,
  OverviewCheck,
  ScaleDownCheck,
  SecurityCheck,
  StatusOverviewResult,
  StorageCheck,
  TrainingCheck,
} from './status-results';

/** The overnight window of the training check, in hours. */
const overnightHours = 12;
/** The window of the security check, in hours. */
const securityHours = 24;

/**
 * `status.overview`: the daily checklist. Each check reads the landing zone on its own; one that
 * cannot be read is reported as unknown and the others still answer.
 */
export async function runStatusOverview(_args: object, ctx: SkillContext): Promise<StatusOverviewResult> {
  const lz = ctx.landingZone;
  const config = ctx.config;
  const now = ctx.clock.now();

  const check = async <T>(
    name: string,
    read: () => Promise<T & { status: CheckStatus }>,
  ): Promise<OverviewCheck<T>> => {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof UserFacingError)) {
        ctx.logger.warn(
          { err: error, correlationId: ctx.correlationId, check: name },
          'overview check failed',
        );
      }
      return {
        status: 'unknown',
        unavailable: true,
        reason:
          error instanceof UserFacingError
            ? error.message
            : `Could not be read (reference ${ctx.correlationId.slice(0, 8)}).`,
      };
    }
  };

  const [components, training, inference, cost, security, backups, scaleDown, storage, alerts] =
    await Promise.all([
      check<ComponentsCheck>('components', async () => {
        const items = (await lz.getComponentHealth()).map((c) => ({
          resource: c.resource,
          kind: c.kind,
          state: c.state,
          ...(c.detail ? { detail: c.detail } : {}),
        }));
        const status = worstStatus(
          items.map(
            (c): CheckStatus =>
              c.state === 'available' ? 'ok' : c.state === 'unavailable' ? 'critical' : 'warning',
          ),
        );
        return { items, status };
      }),
      check<TrainingCheck>('training', async () => {
        const jobs = await lz.listTrainingJobs({ sinceHours: overnightHours });
        const s = statusFacts.trainingSummary(jobs, now, config);
        return {
          windowHours: overnightHours,
          total: jobs.length,
          completed: s.counts.completed,
          failed: s.counts.failed,
          running: s.counts.running,
          successRate: s.successRate,
          failuresLastHour: s.failuresLastHour,
          failuresPerHourThreshold: s.failuresPerHourThreshold,
          status: s.status,
        };
      }),
      check<InferenceCheck>('inference', async () => {
        const endpoints = await Promise.all(config.endpoints.map((e) => lz.getEndpoint(e.name)));
        const health = endpoints.map((e) => statusFacts.endpointHealth(e, config));
        return { endpoints: health, status: worstStatus(health.map((h) => h.status)) };
      }),
      check<CostCheck>('cost', async () => {
        const c = await lz.getCostSummary();
        const share = percentOf(c.todaySpend, c.dailyAverage);
        const anomalyPercent = config.thresholds.costAnomalyPercent;
        return {
          currency: c.currency,
          todaySpend: c.todaySpend,
          dailyAverage: c.dailyAverage,
          ...(c.spendDay ? { spendDay: c.spendDay } : {}),
          percentOfAverage: Math.round(share),
          anomalyPercent,
          status: share > anomalyPercent ? 'warning' : 'ok',
        };
      }),
      check<SecurityCheck>('security', async () => {
        const raised = await lz.listSecurityAlerts({ sinceHours: securityHours });
        const highSeverity = raised
          .filter((a) => a.severity === 'high')
          .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime())
          .map((a) => ({ id: a.id, title: a.title, raisedAt: a.raisedAt.toISOString() }));
        return { windowHours: securityHours, highSeverity, status: highSeverity.length ? 'critical' : 'ok' };
      }),
      check<BackupsCheck>('backups', async () => {
        const items = (await lz.listBackups()).map((b) => ({
          item: b.item,
          lastRunAt: b.lastRunAt.toISOString(),
          status: b.status,
        }));
        return { items, status: items.some((b) => b.status === 'failed') ? 'warning' : 'ok' };
      }),
      check<ScaleDownCheck>('scale-down', async () => {
        const clusters = (await lz.listComputes()).filter((c) => c.kind === 'amlcompute');
        const idle = clusters
          .filter((c) => c.currentNodes > 0 && c.runningJobs === 0)
          .map((c) => ({
            compute: c.name,
            currentNodes: c.currentNodes,
            minNodes: c.minNodes,
            vmSize: c.vmSize,
          }));
        return { clustersChecked: clusters.length, idle, status: idle.length ? 'warning' : 'ok' };
      }),
      check<StorageCheck>('storage', async () => {
        const s = await lz.getStorageUsage();
        const share = percentOf(s.usedTb, s.capacityTb);
        const near = config.thresholds.storageNearCapacityPercent;
        return {
          account: s.account,
          usedTb: s.usedTb,
          capacityTb: s.capacityTb,
          usedPercent: Math.round(share * 10) / 10,
          nearCapacityPercent: near,
          status: share >= 100 ? 'critical' : share > near ? 'warning' : 'ok',
        };
      }),
      check<AlertsCheck>('alerts', async () => {
        const firing = (await lz.listFiringAlerts()).map((a) => statusFacts.alertItem(a, config));
        return { firing, status: statusFacts.alertsStatus(firing) };
      }),
    ]);

  const nextSteps: NextStep[] = [];
  if ('firing' in alerts && alerts.firing.length)
    nextSteps.push({ label: 'Firing alerts', command: 'alerts' });
  if ('endpoints' in inference) {
    for (const e of inference.endpoints.filter((h) => h.status !== 'ok')) {
      nextSteps.push({ label: `Endpoint ${e.endpoint}`, command: `status ${e.endpoint}` });
    }
  }
  if ('failed' in training && training.failed > 0) {
    nextSteps.push({ label: 'Failed jobs', command: `jobs ${overnightHours}` });
  }
  if ('highSeverity' in security && security.highSeverity.length) {
    nextSteps.push(
      statusFacts.declareCommand(
        'P1',
        `security: ${security.highSeverity.length} high-severity Sentinel alert(s), latest "${security.highSeverity[0].title}"`,
      ),
    );
  }
  if ('idle' in scaleDown) {
    for (const c of scaleDown.idle)
      nextSteps.push({ label: `Scale down ${c.compute}`, command: `stop ${c.compute}` });
  }

  return {
    view: 'status.overview',
    simulated: lz.simulated,
    generatedAt: now.toISOString(),
    landingZone: config.landingZone.name,
    environment: config.landingZone.environment,
    status: worstStatus([
      components.status,
      training.status,
      inference.status,
      cost.status,
      security.status,
      backups.status,
      scaleDown.status,
      storage.status,
      alerts.status,
    ]),
    components,
    training,
    inference,
    cost,
    security,
    backups,
    scaleDown,
    storage,
    alerts,
    nextSteps: nextSteps.slice(0, 5),
  };
}

export const statusOverview = defineSkill({
  id: 'status.overview',
  usage: 'status',
  title: 'Landing zone overview',
  description:
    'The daily checklist: component health, overnight training jobs, inference vs baselines, cost, security alerts, backups, cluster scale-down.',
  examples: [
    'status',
    'how is everything looking',
    'give me the morning checks',
    'is the landing zone healthy',
    'overall status please',
    'run the daily checklist',
    'anything on fire right now?',
    'health check of the whole platform',
    'quick overview of prod',
    'summary of all components',
    'how is prod looking today',
    'is anything broken in the landing zone',
    'morning report please',
    'daily health summary',
    'platform status',
    'everything green?',
    'check all services',
    'how are we doing overall',
    'give me the big picture',
    'state of the landing zone',
    'is the platform healthy this morning',
    'sitrep on the platform',
    'give me the sitrep',
    "bird's-eye view of everything",
    'do a health sweep of prod',
    'run the usual checks for me',
    'IT manager here, can I get a one-line state of the platform',
    '3am, is anything on fire or can I go back to bed',
    'before handover, how is everything looking',
    'exec wants a status, what do I tell them about prod',
    'overall health pls',
    'r we good across the board?',
    'give me the health of the whole landing zone in one go',
    'morning all, anything red on the platform today',
    '@opsbot platform health roll-up',
    'status of everything, quick',
    'a short health rundown of all the things',
    'how does prod look, I have a leadership sync in 5',
    'sitrep',
    'any fires this morning?',
    'is everything green across prod',
    'health summary for the exec call at 9',
    'just came on shift, what state is everything in',
    'Could you provide an overall health report of the AI platform for the CAB meeting?',
    'for the audit I need the current health of every platform component',
    'is something broken on the platform at the moment',
    'give me the results of the daily checklist',
    'how healthy is the whole estate today',
    '<at>opsbot</at> overall status 🙏',
    'after the release last night, is everything still healthy',
    'hello, I am new in the team and would like to know how the platform is doing in general',
    'end-to-end health of the landing zone',
    'rundown of everything pls, starting my on-call',
    'are all the components up and running',
    'whole platform ok?',
    'did the backups run and is the rest of the platform fine',
    'cost anomaly, backups, security: the usual morning sweep please',
    'are there issues anywhere on the platform right now',
    'what is not ok right now, across the board',
    'status report for the IT director please',
    'quick health pulse on everything',
    'what needs my attention on the platform today',
    'morning checks pls, coffee first then fires',
    'any trouble spots in prod rn',
    'is anything down right now',
    'has anything died on the platform since yesterday',
    'after the change last night, is prod holding up ok',
    'please summarise platform health for me',
    'summarize the state of all components',
    'do a sanity check across the landing zone',
    'can you summarise how every component is doing',
    'is there any degradation on the platform right now',
    'all systems normal?',
    'are all systems operational',
    'any service degraded anywhere in prod',
    'Good evening, I am the weekend duty manager and I would like to be sure there is nothing serious happening on the platform',
    'Sorry for the basic question, I am covering for my lead today and need to know if all the services are healthy',
    'Dear opsbot, kindly give me the general health of the landing zone for my report to management',
    'what should I be worried about on the platform today',
    'state of things across prod?',
    'general health of everything',
  ],
  params: {},
  kind: 'read',
  roles: everyone,
  givesWayTo: ['how-to', 'quota', 'open-incidents'],
  run: runStatusOverview,
});
