import type { Severity } from '../../core/incidents/incident';
import type { IncidentNotification, NotificationReceipt, Notifier } from '../../core/incidents/notifier';
import { NotifierError } from './notifier-error';
import { requestJson } from './json-http';

/** Settings of {@link ServiceNowNotifier}, from the environment. */
export interface ServiceNowOptions {
  /** e.g. `https://contoso.service-now.com`. */
  instanceUrl: string;
  user: string;
  /** Never logged. */
  password: string;
  timeoutInMs?: number;
}

/** ServiceNow urgency and impact: 1 high, 2 medium, 3 low. */
const urgency: Record<Severity, string> = { P1: '1', P2: '2', P3: '3', P4: '3' };

interface ServiceNowRecord {
  sys_id: string;
  number: string;
}

/**
 * ServiceNow Table API: a trigger opens an `incident` record (or finds the one opened before, by its
 * `correlation_id`, so a repeated delivery opens no second record), an acknowledgement sets it in
 * progress, a resolution resolves it. Its number goes on the incident card.
 */
export class ServiceNowNotifier implements Notifier {
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: ServiceNowOptions) {
    this.base = `${options.instanceUrl.replace(/\/+$/, '')}/api/now/table/incident`;
    this.headers = {
      authorization: `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`,
    };
  }

  async notify(n: IncidentNotification): Promise<NotificationReceipt> {
    const existing = n.externalRefs.servicenowSysId
      ? { sys_id: n.externalRefs.servicenowSysId, number: n.externalRefs.servicenow ?? '' }
      : await this.find(n.incidentId);
    if (n.event === 'trigger') {
      const record =
        existing ??
        (await this.call('POST', this.base, {
          short_description: `[${n.severity}] ${n.incidentId}: ${n.summary}`.slice(0, 160),
          description: `Declared in opsbot for ${n.audienceName}. Type: ${n.type}. Summary: ${n.summary}`,
          urgency: urgency[n.severity],
          impact: urgency[n.severity],
          correlation_id: correlationId(n.incidentId),
          correlation_display: 'opsbot',
        }));
      return receipt(record, existing ? 'already open' : 'opened');
    }
    if (!existing) {
      throw new NotifierError('ServiceNow', `no record for ${n.incidentId} to ${n.event}`, 404);
    }
    const update: Record<string, string> =
      n.event === 'acknowledge'
        ? { state: '2', work_notes: `Acknowledged in opsbot (${n.incidentId}).` }
        : {
            state: '6',
            close_code: 'Solved (Permanently)',
            close_notes: `Resolved in opsbot (${n.incidentId}).`,
          };
    const record = await this.call('PATCH', `${this.base}/${encodeURIComponent(existing.sys_id)}`, update);
    return receipt(record, n.event === 'acknowledge' ? 'set in progress' : 'resolved');
  }

  private async find(incidentId: string): Promise<ServiceNowRecord | undefined> {
    const query = new URLSearchParams({
      sysparm_query: `correlation_id=${correlationId(incidentId)}`,
      sysparm_fields: 'sys_id,number',
      sysparm_limit: '1',
    });
    const answer = (await requestJson('ServiceNow', 'GET', `${this.base}?${query}`, {
      headers: this.headers,
      timeoutInMs: this.options.timeoutInMs ?? 10_000,
    })) as { result?: ServiceNowRecord[] } | undefined;
    return answer?.result?.[0];
  }

  private async call(
    method: 'POST' | 'PATCH',
    url: string,
    body: Record<string, string>,
  ): Promise<ServiceNowRecord> {
    const answer = (await requestJson('ServiceNow', method, url, {
      body,
      headers: this.headers,
      timeoutInMs: this.options.timeoutInMs ?? 10_000,
    })) as { result?: Partial<ServiceNowRecord> } | undefined;
    const record = answer?.result;
    if (!record?.sys_id || !record.number) {
      throw new NotifierError('ServiceNow', `${method} answered without a record number`);
    }
    return { sys_id: record.sys_id, number: record.number };
  }
}

function correlationId(incidentId: string): string {
  return `opsbot:${incidentId}`;
}

function receipt(record: ServiceNowRecord, what: string): NotificationReceipt {
  return {
    via: 'servicenow',
    detail: `ServiceNow ${record.number} ${what}`,
    externalRefs: { servicenow: record.number, servicenowSysId: record.sys_id },
  };
}
