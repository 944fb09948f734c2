import type { ComputeOperator, ComputeReader } from './compute.port';
import type { EndpointOperator, EndpointReader } from './endpoints.port';
import type { KeyRotationOperator } from './key-rotation.port';
import type { MonitoringReader } from './monitoring.port';

/**
 * The landing zone as read skills see it: status questions only, the read halves of the compute,
 * endpoint and monitoring seams. A read skill's context holds this port, so calling a change
 * operation from one is a type error.
 */
export interface LandingZoneReader extends ComputeReader, EndpointReader, MonitoringReader {
  /** True when the data is simulated; every card fed by it says so. */
  readonly simulated: boolean;
}

/**
 * The change operations of the landing zone: the change halves of the compute and endpoint seams,
 * and key rotation. Only `execute()` (skills/execute.ts) holds this port: it calls an operation
 * after a person the policy accepts pressed a button on the change's card.
 */
export interface LandingZoneOperator extends ComputeOperator, EndpointOperator, KeyRotationOperator {}

/**
 * The whole landing zone, as the composition root builds it. Implemented by the simulator (embedded
 * default) and by the Azure adapter, each as one file per seam composed in one place.
 */
export interface LandingZone extends LandingZoneReader, LandingZoneOperator {}
