import type { ChangeOptions, OperationResult } from './change-operation';

/** One deployment of an online endpoint. */
export interface DeploymentStatus {
  name: string;
  /** Provisioning state, e.g. `Succeeded`, `Updating`, `Failed`. */
  state: string;
  instanceCount: number;
  vmSize: string;
  /** Share of live traffic, 0–100. */
  trafficPercent: number;
}

/** Request metrics of an endpoint over a window. */
export interface EndpointMetrics {
  windowMinutes: number;
  requestsPerMinute: number;
  p95LatencyMs: number;
  errorRatePercent: number;
  availabilityPercent: number;
  /** HTTP 503 responses in the window (the troubleshooting guide's symptom). */
  http503Count: number;
}

/** An online endpoint with its deployments and recent metrics. */
export interface EndpointStatus {
  name: string;
  state: string;
  scoringUri: string;
  deployments: DeploymentStatus[];
  metrics: EndpointMetrics;
}

/**
 * The online-endpoint seam, read half: one endpoint with its deployments (instances, traffic
 * split) and its request figures over a recent window, as `status.endpoint` shows them.
 */
export interface EndpointReader {
  /** Throws `NotFoundError` when no such endpoint exists. */
  getEndpoint(name: string): Promise<EndpointStatus>;
}

/**
 * The online-endpoint seam, change half: a deployment's instance count. The count is checked with
 * `assertValidInstanceCount` (core/instance-count.ts) before anything is asked of the platform.
 */
export interface EndpointOperator {
  /** Sets a deployment's instance count (`sku.capacity`); long-running. */
  setDeploymentInstances(
    endpoint: string,
    deployment: string,
    instances: number,
    options?: ChangeOptions,
  ): Promise<OperationResult>;
}

/** The whole online-endpoint seam, as one adapter file implements it. */
export interface EndpointPort extends EndpointReader, EndpointOperator {}
