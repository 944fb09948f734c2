/**
 * One platform metric as the Azure Monitor supported-metrics reference lists it: the REST name,
 * the display name Azure answers as `localizedValue`, and the dimensions it can be filtered or split by.
 */
export interface MetricDefinition {
  name: string;
  localizedName: string;
  unit: string;
  dimensions: string[];
}

/**
 * The metrics the fake serves, per namespace (lower case), from the generated supported-metrics
 * reference (MicrosoftDocs/azure-reference-other `azure-monitor-ref/supported-metrics/includes/
 * Microsoft-MachineLearningServices-workspaces-metrics-include.md` and its 2025 regeneration for
 * the workspace and for Microsoft.Storage/storageAccounts): the REST name, the display name (the
 * table's first column, which Azure answers as `localizedValue`), unit and dimensions. Only the
 * ones opsbot could plausibly ask for are listed; any other name is refused as Azure refuses it.
 */
export const metricCatalog: Record<string, MetricDefinition[]> = {
  'microsoft.machinelearningservices/workspaces': [
    {
      name: 'CpuUtilization',
      localizedName: 'CpuUtilization',
      unit: 'Count',
      dimensions: ['Scenario', 'runId', 'NodeId', 'ClusterName'],
    },
    {
      name: 'CpuUtilizationPercentage',
      localizedName: 'CpuUtilizationPercentage',
      unit: 'Count',
      dimensions: ['RunId', 'InstanceId', 'ComputeName'],
    },
    {
      name: 'GpuUtilization',
      localizedName: 'GpuUtilization',
      unit: 'Count',
      dimensions: ['Scenario', 'runId', 'NodeId', 'DeviceId', 'ClusterName'],
    },
    {
      name: 'Active Nodes',
      localizedName: 'Active Nodes',
      unit: 'Count',
      dimensions: ['Scenario', 'ClusterName'],
    },
  ],
  'microsoft.storage/storageaccounts': [
    { name: 'UsedCapacity', localizedName: 'Used capacity', unit: 'Bytes', dimensions: [] },
    {
      name: 'Transactions',
      localizedName: 'Transactions',
      unit: 'Count',
      dimensions: ['ResponseType', 'GeoType', 'ApiName', 'Authentication', 'TransactionType'],
    },
  ],
};

/** The number of time series the metrics API returns per resource when a filter asks for a split and `top` is not given. */
export const defaultMetricsTop = 10;
