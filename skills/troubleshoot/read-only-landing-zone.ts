import { ErrorCodes, UserFacingError } from '../../core/errors';
import type { LandingZone } from '../../core/ports';

/**
 * The landing zone as a runbook check sees it: every read passes through, every change operation
 * is refused. A check runs a read skill on behalf of an answer, so it must never reach a change.
 */
export function readOnlyLandingZone(landingZone: LandingZone): LandingZone {
  const refuse = (operation: string) => () =>
    Promise.reject(
      new UserFacingError(
        ErrorCodes.notAllowed,
        `A runbook check only reads the landing zone; it may not call ${operation}.`,
      ),
    );
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
    setDeploymentInstances: refuse('setDeploymentInstances'),
    setComputeScale: refuse('setComputeScale'),
    startComputeInstance: refuse('startComputeInstance'),
    stopComputeInstance: refuse('stopComputeInstance'),
    regenerateAccountKey: refuse('regenerateAccountKey'),
    setSecret: refuse('setSecret'),
    verifyAccountKey: refuse('verifyAccountKey'),
  };
}
