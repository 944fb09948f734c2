import type { CostReader, CostSummary, QuotaReader, QuotaUsage } from '../../core/ports';
import { armJson } from './arm-requests';
import { mapAzureError } from './azure-error-mapper';
import { permissionActions as perm } from './azure-permissions';
import type { AzureSession } from './azure-session';
import { dayStart, round2, str } from './azure-values';

const costApiVersion = '2023-03-01';
const costLookbackDays = 30;
/** How far Cost Management data may lag behind usage (8–24 h): a day counts once it ended this long ago. */
const costLagMs = 24 * 3_600_000;

/**
 * The monitoring seam's usage figures: compute quota per VM family in the landing zone's region
 * (Azure ML usages), and the resource group's spend (Cost Management).
 */
export class AzureUsageMonitor implements QuotaReader, CostReader {
  constructor(private readonly session: AzureSession) {}

  listQuotaUsage(): Promise<QuotaUsage[]> {
    const { session } = this;
    const { lz } = session;
    return session.read(`read the compute quota in ${lz.location}`, async () => {
      const result: QuotaUsage[] = [];
      try {
        for await (const u of session.ml.usages.list(lz.location)) {
          const family = this.dedicatedFamily(u);
          if (!family) continue;
          result.push({ family, used: u.currentValue ?? 0, limit: u.limit ?? 0, unit: 'cores' });
        }
      } catch (error) {
        throw mapAzureError(error, {
          doing: `read the compute quota in ${lz.location}`,
          resourceKind: 'location',
          resourceName: lz.location,
          requiredAction: perm.usagesRead,
        });
      }
      return result.sort((a, b) => a.family.localeCompare(b.family));
    });
  }

  /**
   * The spend of the last day Cost Management has complete, against the average of the days before.
   * Its data lags 8–24 h, so today (and often yesterday) reads low; the last complete day is the one
   * that ended at least 24 h ago, and `spendDay` names it.
   */
  getCostSummary(): Promise<CostSummary> {
    const { session } = this;
    const { lz } = session;
    return session.read(`read the cost of ${lz.resourceGroup}`, async () => {
      const now = session.clock.now();
      const day = new Date(dayStart(new Date(now.getTime() - costLagMs)).getTime() - 86_400_000);
      const from = new Date(day.getTime() - costLookbackDays * 86_400_000);
      const to = new Date(day.getTime() + 86_400_000 - 1000);
      const body = {
        type: 'ActualCost',
        timeframe: 'Custom',
        timePeriod: { from: from.toISOString(), to: to.toISOString() },
        dataset: { granularity: 'Daily', aggregation: { totalCost: { name: 'Cost', function: 'Sum' } } },
      };
      const result = (await armJson(
        session,
        'POST',
        `/subscriptions/${lz.subscriptionId}/resourceGroups/${lz.resourceGroup}/providers/Microsoft.CostManagement/query`,
        costApiVersion,
        body,
        {
          doing: `read the cost of ${lz.resourceGroup}`,
          resourceKind: 'resource group',
          resourceName: lz.resourceGroup,
          requiredAction: perm.costQueryAction,
        },
      )) as { properties?: { columns?: { name: string }[]; rows?: unknown[][] } };
      const columns = (result.properties?.columns ?? []).map((c) => c.name.toLowerCase());
      const col = (name: string) => columns.indexOf(name);
      const costAt = col('cost') >= 0 ? col('cost') : col('pretaxcost');
      const dayKey = Number(day.toISOString().slice(0, 10).replace(/-/g, ''));
      let daySpend = 0;
      let currency = '';
      const earlier = new Map<number, number>();
      for (const row of result.properties?.rows ?? []) {
        const rowDay = Number(row[col('usagedate')]);
        const cost = Number(row[costAt]) || 0;
        currency ||= str(row[col('currency')]);
        if (rowDay === dayKey) daySpend += cost;
        else if (rowDay < dayKey) earlier.set(rowDay, (earlier.get(rowDay) ?? 0) + cost);
      }
      const total = [...earlier.values()].reduce((s, v) => s + v, 0);
      return {
        currency: currency || 'USD',
        todaySpend: round2(daySpend),
        dailyAverage: round2(earlier.size ? total / earlier.size : 0),
        spendDay: day.toISOString().slice(0, 10),
      };
    });
  }

  /**
   * The VM family of a regional dedicated-quota row ("Standard DSv2 Family Cluster Dedicated vCPUs"),
   * in the spelling of the config (`standardDSv2Family`) when the config names it. Totals,
   * workspace shares and low-priority rows (whose limit is -1, the regional one) are not families.
   */
  private dedicatedFamily(u: {
    type?: string;
    name?: { value?: string };
    limit?: number;
  }): string | undefined {
    const name = u.name?.value ?? '';
    if (!u.type?.toLowerCase().endsWith('/vmfamily/usages') || (u.limit ?? 0) < 0) return undefined;
    const m = /^(.*?family)\s+cluster\s+dedicated\s+vcpus$/i.exec(name.trim());
    const family = m ? m[1] : name;
    if (!family || /lowpriority/i.test(name)) return undefined;
    const key = familyKey(family);
    const configured = this.session.config.computes.find((c) => familyKey(c.vmFamily) === key)?.vmFamily;
    if (configured) return configured;
    const words = family.split(/\s+/);
    return [words[0].toLowerCase(), ...words.slice(1)].join('');
  }
}

/** A VM family name compared without case, spaces or punctuation. */
function familyKey(family: string): string {
  return family.toLowerCase().replace(/[^a-z0-9]/g, '');
}
