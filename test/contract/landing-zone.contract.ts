import { computeContract } from './compute.contract';
import type { CreateContractSubject } from './contract-subject';
import { endpointsContract } from './endpoints.contract';
import { keyRotationContract } from './key-rotation.contract';
import { monitoringContract } from './monitoring.contract';

export { contractConfig, contractStart, type ContractSubject } from './contract-subject';

/**
 * The assertions every `LandingZone` implementation must pass, seam by seam (compute, endpoints,
 * monitoring, key rotation). Run against the simulator directly and against the Azure adapter
 * through the fake ARM server, so the two cannot drift apart.
 */
export function landingZoneContract(label: string, create: CreateContractSubject): void {
  computeContract(label, create);
  endpointsContract(label, create);
  monitoringContract(label, create);
  keyRotationContract(label, create);
}
