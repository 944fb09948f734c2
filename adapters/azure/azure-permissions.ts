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
  resourceHealth: 'Microsoft.ResourceHealth/AvailabilityStatuses/current/read',
  computeRead: `${ml}/workspaces/computes/read`,
  computeWrite: `${ml}/workspaces/computes/write`,
  computeStart: `${ml}/workspaces/computes/start/action`,
  computeStop: `${ml}/workspaces/computes/stop/action`,
  computeOperationStatus: `${ml}/locations/computeoperationsstatus/read`,
  endpointRead: `${ml}/workspaces/onlineEndpoints/read`,
  deploymentRead: `${ml}/workspaces/onlineEndpoints/deployments/read`,
  deploymentWrite: `${ml}/workspaces/onlineEndpoints/deployments/write`,
  endpointOperationStatus: `${ml}/locations/mfeOperationsStatus/read`,
  endpointOperationResult: `${ml}/locations/mfeOperationResults/read`,
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
  // The Cost Management operations list names both, each "Query usage data by a scope"; which one
  // Azure checks for the POST query is not published, so both are granted (the fake checks `action`).
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
const computeStatusActions = [a.computeRead, a.metricsRead, a.logsQuery, a.jobEventsQuery, a.usagesRead];

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
    actions: [
      a.endpointRead,
      a.deploymentRead,
      a.deploymentWrite,
      a.endpointOperationStatus,
      a.endpointOperationResult,
    ],
    dataActions: [],
  },
  {
    skill: 'secret.rotate',
    actions: [a.accountRead, a.accountRegenerateKey],
    dataActions: [a.secretSet, a.secretGet],
  },
];

/** Where an action has to be granted: the landing zone's resource group, or the subscription. */
export type PermissionScope = 'resource group' | 'subscription';

/**
 * Actions on resources that exist only at subscription level: the ML location operations (quota
 * usages, and the status and result of a long-running operation, which Azure hands out as
 * `/subscriptions/{id}/providers/Microsoft.MachineLearningServices/locations/...` URLs), the alerts
 * list, and the metrics batch endpoint (`/subscriptions/{id}/metrics:getBatch`), for which Azure
 * checks `metrics/read` on the subscription itself, not on the queried resources (the getBatch
 * migration guide of Azure Monitor, "401 authorization errors").
 */
const subscriptionActions = new Set<string>([
  a.usagesRead,
  a.computeOperationStatus,
  a.endpointOperationStatus,
  a.endpointOperationResult,
  a.alertsRead,
  a.metricsRead,
]);

/** The scope an action has to be granted at for the bot's calls to pass. */
export function permissionScope(action: string): PermissionScope {
  return subscriptionActions.has(action) ? 'subscription' : 'resource group';
}

/** The custom role assigned at the landing zone's resource group (`docs/opsbot-custom-role.json`). */
export const opsbotRoleName = 'opsbot Landing Zone Operator';

/** The custom role assigned at the subscription for the subscription-level reads (`docs/opsbot-subscription-role.json`). */
export const opsbotSubscriptionRoleName = 'opsbot Landing Zone Subscription Reader';

/** The role to name when an action is missing: the one that grants it, and where it is assigned. */
export function roleFor(action: string): { role: string; file: string; scope: PermissionScope } {
  return permissionScope(action) === 'subscription'
    ? { role: opsbotSubscriptionRoleName, file: 'docs/opsbot-subscription-role.json', scope: 'subscription' }
    : { role: opsbotRoleName, file: 'docs/opsbot-custom-role.json', scope: 'resource group' };
}

/** The union of every skill's actions granted at one scope, sorted, for that scope's custom role. */
export function customRoleActions(scope: PermissionScope = 'resource group'): {
  actions: string[];
  dataActions: string[];
} {
  const actions = new Set<string>();
  const dataActions = new Set<string>();
  for (const p of skillPermissions) {
    p.actions.filter((x) => permissionScope(x) === scope).forEach((x) => actions.add(x));
    if (scope === 'resource group') p.dataActions.forEach((x) => dataActions.add(x));
  }
  return { actions: [...actions].sort(), dataActions: [...dataActions].sort() };
}
