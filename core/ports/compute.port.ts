import type { ChangeOptions, OperationResult } from './change-operation';

/** A compute target: an AmlCompute cluster or a compute instance. */
export interface ComputeStatus {
  name: string;
  kind: 'amlcompute' | 'computeinstance';
  /** e.g. `Running`, `Stopped`, `Resizing`, `Steady`, `Starting`. */
  state: string;
  vmSize: string;
  vmFamily: string;
  currentNodes: number;
  minNodes: number;
  maxNodes: number;
  runningJobs: number;
  /** Average node utilisation over the last hour, 0–100. */
  utilisationPercent: number;
}

/**
 * The compute seam, read half: the workspace's clusters and compute instances as `status.compute`
 * and the daily checklist see them (state, nodes, running jobs, utilisation).
 */
export interface ComputeReader {
  /** Throws `NotFoundError` when no such compute exists. */
  getCompute(name: string): Promise<ComputeStatus>;
  listComputes(): Promise<ComputeStatus[]>;
}

/**
 * The compute seam, change half: a cluster is pre-warmed or scaled to zero through its scale
 * settings; only a compute instance is started or stopped. Each answers a `UserFacingError` when
 * asked of the other kind.
 */
export interface ComputeOperator {
  /** Sets an AmlCompute cluster's scale settings (pre-warm: minNodes > 0; scale to zero: minNodes 0). */
  setComputeScale(
    cluster: string,
    scale: { minNodes: number; maxNodes: number },
    options?: ChangeOptions,
  ): Promise<OperationResult>;
  /** Starts a compute instance. */
  startComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult>;
  /** Stops a compute instance. */
  stopComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult>;
}

/** The whole compute seam, as one adapter file implements it. */
export interface ComputePort extends ComputeReader, ComputeOperator {}
