import type { LandingZoneReader } from './ports';

/**
 * A view of the landing zone with its read operations only, for skill contexts: even a cast cannot
 * reach a change operation through it.
 */
export function readOnlyLandingZone(landingZone: LandingZoneReader): LandingZoneReader {
  return {
    simulated: landingZone.simulated,
    getComponentHealth: () => landingZone.getComponentHealth(),
    listTrainingJobs: (options) => landingZone.listTrainingJobs(options),
    getEndpoint: (name) => landingZone.getEndpoint(name),
    getCompute: (name) => landingZone.getCompute(name),
    listComputes: () => landingZone.listComputes(),
    listQuotaUsage: () => landingZone.listQuotaUsage(),
    listFiringAlerts: () => landingZone.listFiringAlerts(),
    listSecurityAlerts: (options) => landingZone.listSecurityAlerts(options),
    getCostSummary: () => landingZone.getCostSummary(),
    listBackups: () => landingZone.listBackups(),
    getStorageUsage: () => landingZone.getStorageUsage(),
  };
}
