import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { ErrorCodes, UserFacingError } from '../../core/errors';
import type { AzureLandingZone } from './azure-landing-zone';
import { roleFor } from './azure-permissions';

/** The outcome of one doctor check, as printed: ok, refused (403), missing (404), failed, or skipped. */
export interface DoctorCheck {
  outcome: 'ok' | '403' | '404' | 'fail' | 'skip';
  /** What was read, e.g. `endpoint fraud-detection`. */
  read: string;
  /** The figure read, the action Azure refused and where to grant it, or the missing resource. */
  detail: string;
}

interface Check {
  read: string;
  run: () => Promise<string>;
}

function checksOf(azure: AzureLandingZone, config: LandingZoneConfig): Check[] {
  return [
    {
      read: 'component health',
      run: async () => {
        const health = await azure.getComponentHealth();
        return `${health.length} components, ${health.filter((h) => h.state === 'available').length} available`;
      },
    },
    ...config.endpoints.map((e) => ({
      read: `endpoint ${e.name}`,
      run: async () => {
        const endpoint = await azure.getEndpoint(e.name);
        return `${endpoint.deployments.length} deployments, ${endpoint.metrics.requestsPerMinute} requests/min`;
      },
    })),
    {
      read: 'computes of the workspace',
      run: async () => `${(await azure.listComputes()).length} computes`,
    },
    ...config.computes.map((c) => ({
      read: `compute ${c.name}`,
      run: async () => {
        const compute = await azure.getCompute(c.name);
        return `${compute.state}, ${compute.currentNodes} nodes, ${compute.utilisationPercent}% CPU`;
      },
    })),
    {
      read: 'training jobs (24 h)',
      run: async () => `${(await azure.listTrainingJobs({ sinceHours: 24 })).length} jobs`,
    },
    { read: 'compute quota', run: async () => `${(await azure.listQuotaUsage()).length} VM families` },
    { read: 'firing alerts', run: async () => `${(await azure.listFiringAlerts()).length} firing` },
    {
      read: 'security alerts (24 h)',
      run: async () => `${(await azure.listSecurityAlerts({ sinceHours: 24 })).length} alerts`,
    },
    {
      read: 'cost',
      run: async () => {
        const cost = await azure.getCostSummary();
        return `${cost.todaySpend} ${cost.currency} on ${cost.spendDay ?? 'today'}, average ${cost.dailyAverage}`;
      },
    },
    { read: 'backups', run: async () => `${(await azure.listBackups()).length} protected items` },
    {
      read: 'data lake usage',
      run: async () => {
        const usage = await azure.getStorageUsage();
        return `${usage.usedTb} TB used of ${usage.capacityTb} TB`;
      },
    },
    ...azure.permissionProbes().map((p) => ({ read: p.name, run: p.run })),
  ];
}

function outcomeOf(read: string, error: unknown): DoctorCheck {
  if (error instanceof UserFacingError && error.code === ErrorCodes.azureAuthorization) {
    const action = String(error.details?.action ?? '');
    const role = roleFor(action);
    return { outcome: '403', read, detail: `missing ${action} at the ${role.scope} (${role.file})` };
  }
  if (error instanceof UserFacingError && error.code === ErrorCodes.notFound) {
    return { outcome: '404', read, detail: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { outcome: 'fail', read, detail: message };
}

/**
 * `opsbot doctor`: makes every read the bot makes against the live landing zone, one after the
 * other, and writes one line per read — ok with the figure read, 403 with the missing action and
 * its scope, 404 with the missing resource. It calls no change operation and reads no secret value.
 */
export async function runAzureDoctor(
  azure: AzureLandingZone,
  config: LandingZoneConfig,
  write: (line: string) => void,
): Promise<DoctorCheck[]> {
  const lz = config.landingZone;
  write(
    `opsbot doctor: read-only checks of subscription ${lz.subscriptionId}, resource group ${lz.resourceGroup}, workspace ${lz.workspace}`,
  );
  const results: DoctorCheck[] = [];
  const print = (c: DoctorCheck) => {
    results.push(c);
    write(`${c.outcome.padEnd(5)} ${c.read.padEnd(40)} ${c.detail}`);
  };
  for (const check of checksOf(azure, config)) {
    try {
      print({ outcome: 'ok', read: check.read, detail: await check.run() });
    } catch (error) {
      print(outcomeOf(check.read, error));
    }
  }
  for (const s of config.secrets) {
    print({
      outcome: 'skip',
      read: `secret ${s.vault}/${s.name}`,
      detail: 'not read: reading a secret returns its value',
    });
  }
  const count = (o: DoctorCheck['outcome']) => results.filter((r) => r.outcome === o).length;
  write(
    `${results.length} checks: ${count('ok')} ok, ${count('403')} refused (403), ${count('404')} not found (404), ` +
      `${count('fail')} failed, ${count('skip')} skipped. Nothing was changed.`,
  );
  return results;
}
