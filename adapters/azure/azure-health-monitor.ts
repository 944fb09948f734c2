import { ErrorCodes, UserFacingError } from '../../core/errors';
import type {
  ComponentHealth,
  ComponentHealthReader,
  HealthState,
  StorageReader,
  StorageUsage,
} from '../../core/ports';
import { armJson } from './arm-requests';
import { mapAzureError } from './azure-error-mapper';
import { permissionActions as perm } from './azure-permissions';
import { armTypes, type AzureSession } from './azure-session';
import { metricNamed, round2 } from './azure-values';

const resourceHealthApiVersion = '2022-10-01';

const healthStates: Record<string, HealthState> = {
  available: 'available',
  degraded: 'degraded',
  unavailable: 'unavailable',
};

/**
 * The monitoring seam's resource readings: each configured component's Resource Health, and the
 * data lake's used capacity (Azure Monitor metrics) against the configured size.
 */
export class AzureHealthMonitor implements ComponentHealthReader, StorageReader {
  constructor(private readonly session: AzureSession) {}

  getComponentHealth(): Promise<ComponentHealth[]> {
    const { session } = this;
    return session.read('read the health of the landing-zone components', async () => {
      return Promise.all(
        session.config.components.map(async (component) => {
          const id = session.resourceId(armTypes[component.kind], component.name);
          const body = (await armJson(
            session,
            'GET',
            `${id}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`,
            resourceHealthApiVersion,
            undefined,
            {
              doing: `read the health of ${component.name}`,
              resourceKind: 'component',
              resourceName: component.name,
              requiredAction: perm.resourceHealth,
            },
          )) as {
            properties?: {
              availabilityState?: string;
              summary?: string;
              reportedTime?: string;
              occuredTime?: string;
            };
          };
          const p = body.properties ?? {};
          const state = healthStates[(p.availabilityState ?? '').toLowerCase()] ?? 'unknown';
          const checked = p.reportedTime ?? p.occuredTime;
          return {
            resource: component.name,
            kind: component.kind,
            state,
            ...(state !== 'available' && p.summary ? { detail: p.summary } : {}),
            checkedAt: checked ? new Date(checked) : session.clock.now(),
          };
        }),
      );
    });
  }

  getStorageUsage(): Promise<StorageUsage> {
    const { session } = this;
    return session.read('read the data lake usage', async () => {
      const lake = session.config.components.find((c) => c.kind === 'data-lake');
      if (!lake)
        throw new UserFacingError(ErrorCodes.configMissing, 'The landing-zone config names no data lake.');
      const id = session.resourceId(armTypes['data-lake'], lake.name);
      const now = session.clock.now();
      try {
        const [result] = await session.metrics.queryResources(
          [id],
          ['UsedCapacity'],
          'Microsoft.Storage/storageAccounts',
          {
            startTime: new Date(now.getTime() - 6 * 3_600_000),
            endTime: now,
            interval: 'PT1H',
            aggregation: 'Average',
          },
        );
        const points = (metricNamed(result?.metrics, 'UsedCapacity')?.timeseries ?? []).flatMap(
          (t) => t.data ?? [],
        );
        const latest = points.filter((p) => typeof p.average === 'number').pop();
        return {
          account: lake.name,
          usedTb: round2((latest?.average ?? 0) / 1e12),
          capacityTb: session.storageCapacityTb,
        };
      } catch (error) {
        throw mapAzureError(error, {
          doing: `read the used capacity of ${lake.name}`,
          resourceKind: 'storage account',
          resourceName: lake.name,
          requiredAction: perm.metricsRead,
        });
      }
    });
  }
}
