import type { AlertReader, FiringAlert, SecurityAlert } from '../../core/ports';
import { sendJson } from './arm-requests';
import type { AzureCallContext } from './azure-error-mapper';
import { permissionActions as perm } from './azure-permissions';
import type { AzureSession } from './azure-session';
import { str } from './azure-values';
import { queryLogs, workspaceQueryContext } from './log-analytics-query';
import { securityAlertsQuery } from './queries/security-alerts.kql';

const alertsApiVersion = '2019-05-05-preview';
/** The longest window the alerts list allows; without one it answers only the last day's alerts. */
const alertsTimeRange = '30d';

const alertSeverities: Record<string, FiringAlert['severity']> = {
  sev0: 'critical',
  sev1: 'error',
  sev2: 'warning',
  sev3: 'informational',
  sev4: 'informational',
};

/** One alert of the Alerts Management API, as far as the adapter reads it. */
interface AlertResource {
  name?: string;
  properties?: {
    essentials?: {
      alertRule?: string;
      severity?: string;
      monitorCondition?: string;
      alertState?: string;
      targetResourceName?: string;
      startDateTime?: string;
      description?: string;
    };
    context?: { context?: { condition?: { allOf?: { metricName?: string; metricValue?: number }[] } } };
  };
}

/**
 * The monitoring seam's alerts: the alerts firing on the landing zone's resource group (Alerts
 * Management, named by the config's rule ids) and the security alerts of a window (Log Analytics).
 */
export class AzureAlertMonitor implements AlertReader {
  constructor(private readonly session: AzureSession) {}

  listFiringAlerts(): Promise<FiringAlert[]> {
    const { session } = this;
    const { lz } = session;
    return session.read('list the firing alerts', async () => {
      const ctx: AzureCallContext = {
        doing: 'list the firing alerts',
        resourceKind: 'subscription',
        resourceName: lz.subscriptionId,
        requiredAction: perm.alertsRead,
      };
      const alerts: FiringAlert[] = [];
      let next: string | undefined =
        `${session.endpoints.arm}/subscriptions/${lz.subscriptionId}/providers/Microsoft.AlertsManagement/alerts` +
        `?api-version=${alertsApiVersion}&targetResourceGroup=${encodeURIComponent(lz.resourceGroup)}&monitorCondition=Fired&includeContext=true&timeRange=${alertsTimeRange}`;
      while (next) {
        const page = (await sendJson(session.arm, 'GET', next, undefined, ctx)) as {
          value?: AlertResource[];
          nextLink?: string;
        };
        for (const alert of page.value ?? []) {
          const e = alert.properties?.essentials ?? {};
          if (
            (e.alertState ?? '').toLowerCase() === 'closed' ||
            (e.monitorCondition ?? '').toLowerCase() !== 'fired'
          )
            continue;
          alerts.push({
            rule: this.ruleId(e.alertRule ?? alert.name ?? ''),
            resource: e.targetResourceName ?? '',
            severity: alertSeverities[(e.severity ?? '').toLowerCase()] ?? 'informational',
            firedAt: new Date(e.startDateTime ?? session.clock.now()),
            observed: observedValue(alert),
          });
        }
        next = page.nextLink;
      }
      return alerts;
    });
  }

  listSecurityAlerts(options: { sinceHours: number }): Promise<SecurityAlert[]> {
    const { session } = this;
    return session.read('read the security alerts', async () => {
      const rows = await queryLogs(
        session,
        securityAlertsQuery,
        options.sinceHours * 60,
        workspaceQueryContext(session, 'read the security alerts', perm.securityAlertsQuery),
      );
      return rows.map((r) => ({
        id: str(r.Id),
        title: str(r.Title),
        severity: str(r.Severity) as SecurityAlert['severity'],
        raisedAt: new Date(r.RaisedAt as string),
      }));
    });
  }

  /** The config's rule id an alert rule's ARM id or name stands for (compared without case or punctuation). */
  private ruleId(alertRule: string): string {
    const last = alertRule.split('/').pop() ?? alertRule;
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const rule = this.session.config.alertRules.find(
      (r) => norm(r.id) === norm(last) || norm(r.name) === norm(last),
    );
    return rule?.id ?? last;
  }
}

function observedValue(alert: AlertResource): string {
  const condition = alert.properties?.context?.context?.condition?.allOf?.[0];
  if (condition?.metricName && typeof condition.metricValue === 'number') {
    return `${condition.metricName} ${Math.round(condition.metricValue * 100) / 100}`;
  }
  return alert.properties?.essentials?.description || 'fired';
}
