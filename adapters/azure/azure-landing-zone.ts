import { ComposedLandingZone } from '../composed-landing-zone';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { AzureAlertMonitor } from './azure-alert-monitor';
import { AzureCompute } from './azure-compute';
import { AzureOnlineEndpoints } from './azure-endpoints';
import { AzureHealthMonitor } from './azure-health-monitor';
import { AzureJobMonitor } from './azure-job-monitor';
import { AzureKeyRotation } from './azure-key-rotation';
import { permissionProbes, type PermissionProbe } from './azure-permission-probes';
import { AzureSession, type AzureLandingZoneOptions } from './azure-session';
import { AzureUsageMonitor } from './azure-usage-monitor';

export type { AzureEndpoints, AzureLandingZoneOptions } from './azure-session';

/**
 * The landing zone in Azure, through the Azure SDKs, one seam a file: Azure ML computes
 * (`azure-compute.ts`) and online endpoints (`azure-endpoints.ts`); monitoring from Log Analytics,
 * Azure Monitor metrics, Resource Health, Alerts Management and Cost Management
 * (`azure-*-monitor.ts`); Cognitive Services keys and Key Vault secrets (`azure-key-rotation.ts`).
 * They share one `AzureSession`: clients, budgets and the read wrapper.
 * Every failure of Azure leaves as a `UserFacingError` (OPS-401…406), a bug in the adapter as
 * itself; each read runs within one time budget (`readBudgetInMs`); no key value reaches a log, a
 * message or a result.
 */
export class AzureLandingZone extends ComposedLandingZone {
  private readonly session: AzureSession;

  constructor(options: AzureLandingZoneOptions) {
    const session = new AzureSession(options);
    const jobs = new AzureJobMonitor(session);
    const resources = new AzureHealthMonitor(session);
    const usage = new AzureUsageMonitor(session);
    super(false, {
      compute: new AzureCompute(session, jobs),
      endpoints: new AzureOnlineEndpoints(session),
      health: resources,
      jobs,
      alerts: new AzureAlertMonitor(session),
      quota: usage,
      cost: usage,
      backups: jobs,
      storage: resources,
      keyRotation: new AzureKeyRotation(session),
    });
    this.session = session;
  }

  /** The config the adapter works with, environment overrides included. */
  get effectiveConfig(): LandingZoneConfig {
    return this.session.config;
  }

  /** The read-only permission checks of `opsbot doctor` that no read exercises. */
  permissionProbes(): PermissionProbe[] {
    return permissionProbes(this.session);
  }
}
