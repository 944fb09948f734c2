import { type SkillContext, defineSkill, everyone } from '../skill';
import { statusFacts } from './status-facts';
import type { AlertsStatusResult, NextStep } from './status-results';

const severityRank = { critical: 0, error: 1, warning: 2, informational: 3 } as const;

/** `status.alerts`: alerts firing now, each with the config rule that fired, worst first. */
export async function runAlertsStatus(_args: object, ctx: SkillContext): Promise<AlertsStatusResult> {
  const firing = await ctx.landingZone.listFiringAlerts();
  const alerts = firing
    .map((a) => statusFacts.alertItem(a, ctx.config))
    .sort(
      (a, b) => severityRank[a.severity] - severityRank[b.severity] || b.firedAt.localeCompare(a.firedAt),
    );

  const nextSteps: NextStep[] = [];
  const worst = alerts[0];
  if (worst && worst.severity !== 'informational') {
    nextSteps.push(
      statusFacts.declareCommand(
        statusFacts.incidentSeverityFor(worst.severity),
        `${worst.ruleName} on ${worst.resource}: ${worst.observed}`,
      ),
    );
  }
  const endpoints = new Set(ctx.config.endpoints.map((e) => e.name));
  const computes = new Set(ctx.config.computes.map((c) => c.name));
  for (const resource of new Set(alerts.map((a) => a.resource))) {
    if (endpoints.has(resource) || computes.has(resource)) {
      nextSteps.push({ label: `Status ${resource}`, command: `status ${resource}` });
    }
  }
  if (alerts.some((a) => a.rule === 'training-failed'))
    nextSteps.push({ label: 'Failed jobs', command: 'jobs 12' });
  if (alerts.length) nextSteps.push({ label: 'Overview', command: 'status' });

  return {
    view: 'status.alerts',
    simulated: ctx.landingZone.simulated,
    generatedAt: ctx.clock.now().toISOString(),
    alerts,
    status: statusFacts.alertsStatus(alerts),
    nextSteps: nextSteps.slice(0, 5),
  };
}

export const statusAlerts = defineSkill({
  id: 'status.alerts',
  usage: '[status] alerts',
  title: 'Firing alerts',
  description: 'Alerts firing now, with the rule that fired.',
  examples: [
    'alerts',
    'what alerts are firing',
    'any alerts right now?',
    'show active alerts',
    'is anything alerting',
    'which monitors are red',
    'list the current alarms',
    'did pagerduty fire anything',
    'what is firing',
    'anything firing right now',
    'current alerts',
    'open alerts',
    'show me the alerts that fired',
    'are any alerts triggered',
    'alarms',
    'which alert rules fired',
    'anything paging right now',
    'red alerts?',
    'what monitors are firing',
    'security analyst here, any security alerts firing',
    'what alerts are active right now',
    '3am, what alert woke me up',
    'is the storage capacity alarm still firing',
    'show me the current alerts',
    'any alerts I should know about before handover',
    'did the cost anomaly alert fire today',
    'which alarms are red',
    "what's firing in monitor",
    'is the storage near capacity alert still going off?',
    'the cfo asked about the cost anomaly alert, is it firing',
    'whats firing rn',
    'is anything paging',
    'which alert rule fired',
    'any sentinel alerts open',
    'show monitor alerts firing now',
    'has the latency alert triggered today',
    'alerts pls',
    'is the training job failed alert active',
    'security analyst here, is the security alert rule firing in sentinel',
    'For the audit log review, please list the alerts currently firing and their rules.',
    '<at>opsbot</at> active alerts?',
    'after the release, did any alerts fire',
    'I got paged, what fired',
    'which alarms are going off at the moment',
    'anything in azure monitor firing',
    'is the endpoint down alert still active',
    'what triggered the page',
    'firing alerts with their rule names',
    'what woke up the pager',
    'is the cost alert going off',
    'has an expiry alert fired for any key',
    'any warnings raised by monitoring right now',
    'any alerts on the fraud endpoint',
    'alerts for fraud-detection?',
    'is anything alerting on the gpu cluster',
    'has sentinel flagged anything today',
    'sentinel alerts in the last hour?',
    "got paged for something, what's firing",
    'alerts overnight?',
    'did any alerts fire during the night',
    'what went off in monitor since yesterday evening',
    'I received a page in the middle of the night and I do not know for what, can you show me the alerts that are firing',
    'the pager went off, which alert is it',
  ],
  params: {},
  kind: 'read',
  roles: everyone,
  givesWayTo: ['how-to', 'open-incidents'],
  run: runAlertsStatus,
});
