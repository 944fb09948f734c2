import type {
  AlertReader,
  BackupReader,
  ChangeOptions,
  ComponentHealthReader,
  ComputePort,
  CostReader,
  EndpointPort,
  KeyRotationOperator,
  LandingZone,
  OperationResult,
  QuotaReader,
  StorageReader,
  TrainingJobReader,
} from '../core/ports';

/**
 * The seams one landing-zone adapter is made of, one object each (an adapter may hand the same
 * object in for several monitoring seams).
 */
export interface LandingZoneSeams {
  compute: ComputePort;
  endpoints: EndpointPort;
  health: ComponentHealthReader;
  jobs: TrainingJobReader;
  alerts: AlertReader;
  quota: QuotaReader;
  cost: CostReader;
  backups: BackupReader;
  storage: StorageReader;
  keyRotation: KeyRotationOperator;
}

/**
 * The `LandingZone` port put together from its seams: each operation goes to the seam that owns
 * it. The simulator and the Azure adapter extend it, so their seams stay in files of their own and
 * this is the one place the port's whole surface is written out.
 */
export class ComposedLandingZone implements LandingZone {
  constructor(
    readonly simulated: boolean,
    private readonly seams: LandingZoneSeams,
  ) {}

  getCompute(name: string) {
    return this.seams.compute.getCompute(name);
  }
  listComputes() {
    return this.seams.compute.listComputes();
  }
  setComputeScale(cluster: string, scale: { minNodes: number; maxNodes: number }, options?: ChangeOptions) {
    return this.seams.compute.setComputeScale(cluster, scale, options);
  }
  startComputeInstance(name: string, options?: ChangeOptions) {
    return this.seams.compute.startComputeInstance(name, options);
  }
  stopComputeInstance(name: string, options?: ChangeOptions) {
    return this.seams.compute.stopComputeInstance(name, options);
  }

  getEndpoint(name: string) {
    return this.seams.endpoints.getEndpoint(name);
  }
  setDeploymentInstances(endpoint: string, deployment: string, instances: number, options?: ChangeOptions) {
    return this.seams.endpoints.setDeploymentInstances(endpoint, deployment, instances, options);
  }

  getComponentHealth() {
    return this.seams.health.getComponentHealth();
  }
  listTrainingJobs(options: { sinceHours: number }) {
    return this.seams.jobs.listTrainingJobs(options);
  }
  listFiringAlerts() {
    return this.seams.alerts.listFiringAlerts();
  }
  listSecurityAlerts(options: { sinceHours: number }) {
    return this.seams.alerts.listSecurityAlerts(options);
  }
  listQuotaUsage() {
    return this.seams.quota.listQuotaUsage();
  }
  getCostSummary() {
    return this.seams.cost.getCostSummary();
  }
  listBackups() {
    return this.seams.backups.listBackups();
  }
  getStorageUsage() {
    return this.seams.storage.getStorageUsage();
  }

  regenerateAccountKey(
    account: string,
    keyName: 'key1' | 'key2',
    useKey: (value: string) => Promise<void>,
  ): Promise<OperationResult> {
    return this.seams.keyRotation.regenerateAccountKey(account, keyName, useKey);
  }
  setSecret(vault: string, name: string, value: string) {
    return this.seams.keyRotation.setSecret(vault, name, value);
  }
  verifyAccountKey(account: string, vault: string, secretName: string) {
    return this.seams.keyRotation.verifyAccountKey(account, vault, secretName);
  }
}
