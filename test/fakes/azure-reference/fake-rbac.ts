import type { LandingZoneConfig } from '../../../core/config/landing-zone.schema';
import { checkKql } from './kql-check';

/** A role assignment of the bot's identity: the actions a role grants, at one scope and below it. */
export interface FakeRoleAssignment {
  scope: string;
  actions: string[];
  dataActions?: string[];
}

/** What one request needs: an action (or data action) at a scope. */
export interface RequiredPermission {
  action: string;
  scope: string;
  data?: boolean;
  /**
   * The status Azure answers when the permission is missing, when it is not 403: the metrics batch
   * API answers 401 (azure-monitor-docs `articles/azure-monitor/metrics/migrate-to-batch-api.md`,
   * "401 authorization errors"), and its message is not documented.
   */
  deniedStatus?: 401;
}

const ml = 'Microsoft.MachineLearningServices';

/**
 * The permission Azure checks for each request the adapter makes, as the providers' operation lists
 * name them. The scope is the resource the request addresses: location-level ML operations (usages,
 * operation status and results) and the alerts list exist only under the subscription, so a role
 * assigned at the resource group does not reach them.
 */
export function requiredPermissions(
  method: string,
  path: string,
  body: string,
  config: LandingZoneConfig,
): RequiredPermission[] {
  const lz = config.landingZone;
  const sub = `/subscriptions/${lz.subscriptionId}`;
  const rg = `${sub}/resourceGroups/${lz.resourceGroup}`;
  const one = (action: string, scope = path): RequiredPermission[] => [{ action, scope }];
  let m: RegExpExecArray | null;
  if ((m = /^(.*\/workspaces\/[^/]+\/computes(?:\/[^/]+)?)(?:\/(start|stop))?$/i.exec(path))) {
    if (m[2]) return one(`${ml}/workspaces/computes/${m[2]}/action`);
    return one(`${ml}/workspaces/computes/${method === 'GET' ? 'read' : 'write'}`);
  }
  if (/\/onlineEndpoints\/[^/]+\/deployments/i.test(path))
    return one(`${ml}/workspaces/onlineEndpoints/deployments/${method === 'GET' ? 'read' : 'write'}`);
  if (/\/onlineEndpoints\/[^/]+$/i.test(path)) return one(`${ml}/workspaces/onlineEndpoints/read`);
  if ((m = /\/providers\/Microsoft\.MachineLearningServices\/locations\/[^/]+\/([^/]+)/i.exec(path))) {
    const kind = m[1].toLowerCase();
    const action =
      kind === 'usages'
        ? 'usages/read'
        : kind === 'computeoperationsstatus'
          ? 'computeoperationsstatus/read'
          : kind === 'mfeoperationsstatus'
            ? 'mfeOperationsStatus/read'
            : kind === 'mfeoperationresults'
              ? 'mfeOperationResults/read'
              : `${m[1]}/read`;
    return one(`${ml}/locations/${action}`);
  }
  if ((m = /^(.*)\/providers\/Microsoft\.ResourceHealth\/availabilityStatuses\/current$/i.exec(path)))
    return one('Microsoft.ResourceHealth/AvailabilityStatuses/current/read', m[1]);
  if (/\/providers\/Microsoft\.AlertsManagement\/alerts$/i.test(path))
    return one('Microsoft.AlertsManagement/alerts/read');
  if (/\/providers\/Microsoft\.CostManagement\/query$/i.test(path))
    return one('Microsoft.CostManagement/query/action');
  if ((m = /^(\/subscriptions\/[^/]+)\/metrics:getBatch$/i.exec(path))) {
    // A subscription-level API: Monitoring Reader on every queried resource is not enough, the
    // caller needs it on the subscription itself (migrate-to-batch-api.md, "401 authorization errors").
    return [{ action: 'Microsoft.Insights/metrics/read', scope: m[1], deniedStatus: 401 }];
  }
  if ((m = /\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+(\/regenerateKey)?$/i.exec(path)))
    return one(`Microsoft.CognitiveServices/accounts/${m[1] ? 'regenerateKey/action' : 'read'}`);
  if ((m = /^\/v1\/workspaces\/([^/]+)\/query$/.exec(path))) {
    const scope = `${rg}/providers/Microsoft.OperationalInsights/workspaces/${m[1]}`;
    const query = (JSON.parse(body || '{}') as { query?: string }).query ?? '';
    let tables: string[] = [];
    try {
      tables = checkKql(query).tables;
    } catch {
      tables = [];
    }
    return [
      { action: 'Microsoft.OperationalInsights/workspaces/query/read', scope },
      ...tables.map((t) => ({ action: `Microsoft.OperationalInsights/workspaces/query/${t}/read`, scope })),
    ];
  }
  if ((m = /^\/keyvault\/([^/]+)\/secrets\//.exec(path))) {
    const scope = `${rg}/providers/Microsoft.KeyVault/vaults/${m[1]}`;
    const action = `Microsoft.KeyVault/vaults/secrets/${method === 'PUT' ? 'setSecret' : 'getSecret'}/action`;
    return [{ action, scope, data: true }];
  }
  return [];
}

function grants(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return re.test(action);
}

/** The first permission no assignment grants, or undefined when the request is allowed. */
export function missingPermission(
  needed: RequiredPermission[],
  assignments: FakeRoleAssignment[],
): RequiredPermission | undefined {
  return needed.find(
    (p) =>
      !assignments.some(
        (a) =>
          p.scope.toLowerCase().startsWith(a.scope.toLowerCase()) &&
          (p.data ? (a.dataActions ?? []) : a.actions).some((x) => grants(x, p.action)),
      ),
  );
}
