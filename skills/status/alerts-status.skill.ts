import type { SkillContext } from '../skill';
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
