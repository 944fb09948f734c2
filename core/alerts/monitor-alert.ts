import { z } from 'zod/v4';
import type { Severity } from '../incidents/incident';

/** An Azure Monitor alert as opsbot uses it, read from the common alert schema's `essentials`. */
export interface MonitorAlert {
  alertId: string;
  rule: string;
  /** `Sev0` (critical) … `Sev4` (verbose). */
  severity: 'Sev0' | 'Sev1' | 'Sev2' | 'Sev3' | 'Sev4';
  condition: 'Fired' | 'Resolved';
  signalType?: string;
  /** Resource names (the last segment of each target id, or the configuration items). */
  resources: string[];
  firedAt: Date;
  resolvedAt?: Date;
  description?: string;
}

const instant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO-8601 instant');

const Essentials = z.object({
  alertId: z.string().min(1).max(1000),
  alertRule: z.string().min(1).max(500),
  severity: z.enum(['Sev0', 'Sev1', 'Sev2', 'Sev3', 'Sev4']),
  signalType: z.string().max(100).optional(),
  monitorCondition: z.enum(['Fired', 'Resolved']),
  alertTargetIDs: z.array(z.string().max(2000)).max(50).optional(),
  configurationItems: z.array(z.string().max(500)).max(50).optional(),
  firedDateTime: instant,
  resolvedDateTime: instant.optional(),
  description: z.string().max(2000).optional(),
});

const CommonAlert = z.object({
  schemaId: z.literal('azureMonitorCommonAlertSchema'),
  data: z.object({ essentials: Essentials }),
});

/** The common alert schema parsed, or what is wrong with the body in one sentence. */
export function parseMonitorAlert(
  body: unknown,
): { ok: true; alert: MonitorAlert } | { ok: false; problem: string } {
  const parsed = CommonAlert.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: `Not an Azure Monitor common alert: ${issue.path.join('.') || 'body'}: ${issue.message}.`,
    };
  }
  const e = parsed.data.data.essentials;
  const fromTargets = (e.alertTargetIDs ?? []).map((id) => id.split('/').filter(Boolean).pop() ?? id);
  const alert: MonitorAlert = {
    alertId: e.alertId,
    rule: e.alertRule,
    severity: e.severity,
    condition: e.monitorCondition,
    resources: [...new Set(e.configurationItems?.length ? e.configurationItems : fromTargets)],
    firedAt: new Date(e.firedDateTime),
  };
  if (e.signalType) alert.signalType = e.signalType;
  if (e.resolvedDateTime) alert.resolvedAt = new Date(e.resolvedDateTime);
  if (e.description) alert.description = e.description;
  return { ok: true, alert };
}

/** The incident severity an alert suggests: Sev0 → P1, Sev1 → P2, Sev2 → P3, Sev3 and Sev4 → P4. */
export function severityOfAlert(alert: Pick<MonitorAlert, 'severity'>): Severity {
  return ({ Sev0: 'P1', Sev1: 'P2', Sev2: 'P3', Sev3: 'P4', Sev4: 'P4' } as const)[alert.severity];
}
