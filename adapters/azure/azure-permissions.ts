/**
 * The Azure RBAC actions the bot's managed identity needs, per skill. The source of
 * `docs/azure-permissions.md` and `docs/opsbot-custom-role.json` (a test keeps them equal) and of the
 * "the bot's identity lacks …" error messages.
 */
export interface SkillPermissions {
  skill: string;
  /** Control-plane actions (Azure Resource Manager). */
  actions: string[];
  /** Data-plane actions (Key Vault secrets). */
  dataActions: string[];
}

const ml = 'Microsoft.MachineLearningServices';
const logs = 'Microsoft.OperationalInsights/workspaces';

export const permissionActions = {
  resourceHealth: 'Microsoft.ResourceHealth/availabilityStatuses/read',
  computeRead: `${ml}/workspaces/computes/read`,
  computeWrite: `${ml}/workspaces/computes/write`,
  computeStart: `${ml}/workspaces/computes/start/action`,
  computeStop: `${ml}/workspaces/computes/stop/action`,
  computeOperationStatus: `${ml}/locations/computeoperationsstatus/read`,
  endpointRead: `${ml}/workspaces/onlineEndpoints/read`,
  deploymentRead: `${ml}/workspaces/onlineEndpoints/deployments/read`,
  deploymentWrite: `${ml}/workspaces/onlineEndpoints/deployments/write`,
  endpointOperationStatus: `${ml}/locations/mfeOperationsStatus/read`,
  usagesRead: `${ml}/locations/usages/read`,
  logsWorkspaceRead: `${logs}/read`,
  logsQuery: `${logs}/query/read`,
  jobEventsQuery: `${logs}/query/AmlComputeJobEvent/read`,
  requestsQuery: `${logs}/query/AmlOnlineEndpointTrafficLog/read`,
  appRequestsQuery: `${logs}/query/AppRequests/read`,
  securityAlertsQuery: `${logs}/query/SecurityAlert/read`,
  backupJobsQuery: `${logs}/query/AddonAzureBackupJobs/read`,
  backupItemsQuery: `${logs}/query/CoreAzureBackup/read`,
  metricsRead: 'Microsoft.Insights/metrics/read',
  alertsRead: 'Microsoft.AlertsManagement/alerts/read',
  costQueryRead: 'Microsoft.CostManagement/query/read',
  costQueryAction: 'Microsoft.CostManagement/query/action',
  accountRead: 'Microsoft.CognitiveServices/accounts/read',
  accountRegenerateKey: 'Microsoft.CognitiveServices/accounts/regenerateKey/action',
  secretSet: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
  secretGet: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
} as const;

const a = permissionActions;
const overviewActions = [
  a.resourceHealth,
  a.computeRead,
  a.endpointRead,
  a.deploymentRead,
  a.logsWorkspaceRead,
  a.logsQuery,
  a.jobEventsQuery,
  a.requestsQuery,
  a.appRequestsQuery,
  a.securityAlertsQuery,
  a.backupJobsQuery,
  a.backupItemsQuery,
  a.metricsRead,
  a.alertsRead,
  a.costQueryRead,
  a.costQueryAction,
];
const computeStatusActions = [a.computeRead, a.metricsRead, a.logsQuery, a.jobEventsQuery];

export const skillPermissions: SkillPermissions[] = [
  { skill: 'status.overview', actions: overviewActions, dataActions: [] },
  {
    skill: 'status.endpoint',
    actions: [a.endpointRead, a.deploymentRead, a.logsQuery, a.requestsQuery, a.appRequestsQuery],
    dataActions: [],
  },
  { skill: 'status.compute', actions: computeStatusActions, dataActions: [] },
  { skill: 'status.jobs', actions: [a.logsQuery, a.jobEventsQuery], dataActions: [] },
  { skill: 'status.quota', actions: [a.usagesRead], dataActions: [] },
  { skill: 'status.alerts', actions: [a.alertsRead], dataActions: [] },
  { skill: 'troubleshoot.ask', actions: overviewActions, dataActions: [] },
  {
    skill: 'compute.start',
    actions: [a.computeRead, a.computeWrite, a.computeStart, a.computeOperationStatus],
    dataActions: [],
  },
  {
    skill: 'compute.stop',
    actions: [a.computeRead, a.computeWrite, a.computeStop, a.computeOperationStatus],
    dataActions: [],
  },
  {
    skill: 'endpoint.scale',
    actions: [a.endpointRead, a.deploymentRead, a.deploymentWrite, a.endpointOperationStatus],
    dataActions: [],
  },
  {
    skill: 'secret.rotate',
    actions: [a.accountRead, a.accountRegenerateKey],
    dataActions: [a.secretSet, a.secretGet],
  },
];

/** The custom role that grants exactly the union of the per-skill actions. */
export const opsbotRoleName = 'opsbot Landing Zone Operator';

/** The union of every skill's actions, sorted, for the custom role definition. */
export function customRoleActions(): { actions: string[]; dataActions: string[] } {
  const actions = new Set<string>();
  const dataActions = new Set<string>();
  for (const p of skillPermissions) {
    p.actions.forEach((x) => actions.add(x));
    p.dataActions.forEach((x) => dataActions.add(x));
  }
  return { actions: [...actions].sort(), dataActions: [...dataActions].sort() };
}
