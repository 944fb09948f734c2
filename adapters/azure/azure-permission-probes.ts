import { NotFoundError } from '../../core/errors';
import { armJson } from './arm-requests';
import { accountContext } from './azure-call-contexts';
import { mapAzureError } from './azure-error-mapper';
import { permissionActions as perm } from './azure-permissions';
import type { AzureSession } from './azure-session';

const mlApiVersion = '2022-10-01';

/** One read-only check of a permission, as `opsbot doctor` runs it. */
export interface PermissionProbe {
  name: string;
  action: string;
  run: () => Promise<string>;
}

/**
 * Read-only checks of permissions no read exercises: reading each Azure OpenAI account, and
 * following a long-running operation (a status or result URL of an operation that does not exist:
 * 404 means the identity may read it, 403 that it may not). Used by `opsbot doctor`.
 */
export function permissionProbes(session: AzureSession): PermissionProbe[] {
  const { lz } = session;
  const locations = `/subscriptions/${lz.subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${lz.location}`;
  const operation = (kind: string, action: string): PermissionProbe => ({
    name: `follow a change (${kind})`,
    action,
    run: () =>
      session.read(`read ${kind}`, async () => {
        const ctx = {
          doing: `read ${kind}`,
          resourceKind: 'operation',
          resourceName: 'probe',
          requiredAction: action,
        };
        try {
          await armJson(
            session,
            'GET',
            `${locations}/${kind}/opsbot-doctor-probe`,
            mlApiVersion,
            undefined,
            ctx,
          );
        } catch (error) {
          if (error instanceof NotFoundError) return 'allowed (no such operation, as expected)';
          throw error;
        }
        return 'allowed';
      }),
  });
  const accounts = session.config.components
    .filter((c) => c.kind === 'openai')
    .map((c) => ({
      name: `read the account ${c.name}`,
      action: perm.accountRead,
      run: () =>
        session.read(`read the account ${c.name}`, async () => {
          try {
            const account = await session.cognitive.accounts.get(lz.resourceGroup, c.name);
            return `endpoint ${account.properties?.endpoint ?? 'not set'}`;
          } catch (error) {
            throw mapAzureError(
              error,
              accountContext(session.config, c.name, `read the account ${c.name}`, perm.accountRead),
            );
          }
        }),
    }));
  return [
    ...accounts,
    operation('computeOperationsStatus', perm.computeOperationStatus),
    operation('mfeOperationsStatus', perm.endpointOperationStatus),
    operation('mfeOperationResults', perm.endpointOperationResult),
  ];
}
