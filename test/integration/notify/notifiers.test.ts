import { ChannelNotifier } from '../../../adapters/notify/channel-notifier';
import { EmbeddedNotifier } from '../../../adapters/notify/embedded-notifier';
import { NotifierError } from '../../../adapters/notify/notifier-error';
import { PagerDutyNotifier } from '../../../adapters/notify/pagerduty-notifier';
import { ServiceNowNotifier } from '../../../adapters/notify/servicenow-notifier';
import { SmtpNotifier } from '../../../adapters/notify/smtp-notifier';
import { ManualClock } from '../../../core/clock';
import type { IncidentNotification } from '../../../core/incidents/notifier';
import { incidentNotification as notification } from '../../helpers/incident-notification';
import { startFakeHttpRecorder, type FakeHttpRecorder } from '../../fakes/fake-http-recorder';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../fakes/fake-smtp-server';
import { MemoryAuditLog } from '../../helpers/memory-audit-log';

describe('PagerDuty Events v2 notifier (fake events API on 127.0.0.1)', () => {
  let fake: FakeHttpRecorder;
  beforeEach(async () => {
    fake = await startFakeHttpRecorder(() => ({
      status: 202,
      body: { status: 'success', message: 'Event processed' },
    }));
  });
  afterEach(() => fake.close());

  const pagerDuty = () =>
    new PagerDutyNotifier({
      routingKey: 'R0UTINGKEY0000000000000000000001',
      securityRoutingKey: 'R0UTINGKEY0000000000000000000SEC',
      eventsUrl: `${fake.url}/v2/enqueue`,
      source: 'AI Landing Zone',
    });

  it('triggers with the required summary, source and severity, then acknowledges and resolves under one dedup key', async () => {
    const notifier = pagerDuty();
    const triggered = await notifier.notify(notification());
    await notifier.notify(
      notification({ key: 'INC-0007:acknowledge:L2', event: 'acknowledge', urgent: false }),
    );
    await notifier.notify(notification({ key: 'INC-0007:resolve:L2', event: 'resolve', urgent: false }));
    expect(triggered).toEqual({
      via: 'pagerduty',
      detail: 'PagerDuty triggered for L2 Cloud Ops (opsbot-INC-0007)',
      externalRefs: { pagerduty: 'opsbot-INC-0007' },
    });
    expect(fake.requests.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/v2/enqueue'],
      ['POST', '/v2/enqueue'],
      ['POST', '/v2/enqueue'],
    ]);
    expect(fake.requests[0].body).toEqual({
      routing_key: 'R0UTINGKEY0000000000000000000001',
      event_action: 'trigger',
      dedup_key: 'opsbot-INC-0007',
      payload: {
        summary: '[P1] INC-0007: fraud-detection returns 503 to everyone',
        source: 'AI Landing Zone',
        severity: 'critical',
        component: 'L2 Cloud Ops',
        custom_details: {
          incident: 'INC-0007',
          type: 'operational',
          tier: 'L2',
          contact: 'cloud-ops@contoso.com',
        },
      },
    });
    expect(fake.requests.slice(1).map((r) => r.body)).toEqual([
      {
        routing_key: 'R0UTINGKEY0000000000000000000001',
        event_action: 'acknowledge',
        dedup_key: 'opsbot-INC-0007',
      },
      {
        routing_key: 'R0UTINGKEY0000000000000000000001',
        event_action: 'resolve',
        dedup_key: 'opsbot-INC-0007',
      },
    ]);
  });

  it('pages the security team on its own service, with the severity of the matrix when it is not urgent', async () => {
    await pagerDuty().notify(
      notification({ audience: 'security', audienceName: 'Security team', severity: 'P2' }),
    );
    await pagerDuty().notify(notification({ urgent: false, severity: 'P3' }));
    const bodies = fake.requests.map((r) => r.body as { routing_key: string; payload: { severity: string } });
    expect(bodies.map((b) => [b.routing_key, b.payload.severity])).toEqual([
      ['R0UTINGKEY0000000000000000000SEC', 'critical'],
      ['R0UTINGKEY0000000000000000000001', 'warning'],
    ]);
  });

  it('fails with the status when PagerDuty refuses the event', async () => {
    fake.respond = () => ({ status: 500, body: { status: 'error', message: 'internal' } });
    const failure = await pagerDuty()
      .notify(notification())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotifierError);
    expect(failure).toMatchObject({
      status: 500,
      message: expect.stringMatching(/^PagerDuty: POST \/v2\/enqueue answered 500/),
    });
    expect((failure as Error).message).not.toContain('R0UTINGKEY');
  });

  it('fails when nothing listens', async () => {
    await fake.close();
    await expect(pagerDuty().notify(notification())).rejects.toThrow(/^PagerDuty: POST \/v2\/enqueue failed/);
  });
});

describe('ServiceNow Table API notifier (fake instance on 127.0.0.1)', () => {
  let fake: FakeHttpRecorder;
  const records: { sys_id: string; number: string; correlation_id: string; state?: string }[] = [];
  beforeEach(async () => {
    records.length = 0;
    fake = await startFakeHttpRecorder((request) => {
      const url = new URL(request.url, 'http://fake');
      if (request.method === 'GET') {
        const wanted = /correlation_id=(.+)/.exec(url.searchParams.get('sysparm_query') ?? '')?.[1];
        return { status: 200, body: { result: records.filter((r) => r.correlation_id === wanted) } };
      }
      if (request.method === 'POST') {
        const body = request.body as { correlation_id: string };
        const record = {
          sys_id: `sys${records.length + 1}`,
          number: `INC00100${records.length + 1}`,
          correlation_id: body.correlation_id,
        };
        records.push(record);
        return { status: 201, body: { result: record } };
      }
      const record = records.find((r) => url.pathname.endsWith(`/${r.sys_id}`));
      if (!record) return { status: 404, body: { error: { message: 'No Record found' } } };
      record.state = (request.body as { state: string }).state;
      return { status: 200, body: { result: record } };
    });
  });
  afterEach(() => fake.close());

  const serviceNow = () =>
    new ServiceNowNotifier({ instanceUrl: `${fake.url}/`, user: 'opsbot', password: 's3cret' });
  const l1 = (overrides: Partial<IncidentNotification> = {}) =>
    notification({
      key: 'INC-0007:trigger:L1',
      audience: 'L1',
      audienceName: 'L1 Support',
      contact: 'support@contoso.com',
      channel: 'servicenow',
      urgent: false,
      severity: 'P2',
      ...overrides,
    });

  it('opens one record for the L1 tier, finds it again on a repeated delivery, and resolves it', async () => {
    const opened = await serviceNow().notify(l1());
    expect(opened).toEqual({
      via: 'servicenow',
      detail: 'ServiceNow INC001001 opened',
      externalRefs: { servicenow: 'INC001001', servicenowSysId: 'sys1' },
    });
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      headers: { authorization: `Basic ${Buffer.from('opsbot:s3cret').toString('base64')}` },
    });
    expect(fake.requests[1]).toMatchObject({
      method: 'POST',
      url: '/api/now/table/incident',
      body: {
        short_description: '[P2] INC-0007: fraud-detection returns 503 to everyone',
        urgency: '2',
        impact: '2',
        correlation_id: 'opsbot:INC-0007',
      },
    });
    const again = await serviceNow().notify(l1());
    expect(again.detail).toBe('ServiceNow INC001001 already open');
    expect(records).toHaveLength(1);

    const resolved = await serviceNow().notify(
      l1({ key: 'INC-0007:resolve:L1', event: 'resolve', externalRefs: opened.externalRefs ?? {} }),
    );
    expect(resolved.detail).toBe('ServiceNow INC001001 resolved');
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      url: '/api/now/table/incident/sys1',
      body: { state: '6' },
    });
    expect(records[0].state).toBe('6');
  });

  it('fails when the instance refuses the login', async () => {
    fake.respond = () => ({ status: 401, body: { error: { message: 'User Not Authenticated' } } });
    await expect(serviceNow().notify(l1())).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/^ServiceNow: GET/),
    });
  });
});

describe('SMTP notifier (smtp-server on 127.0.0.1)', () => {
  let smtp: FakeSmtpServer;
  beforeEach(async () => {
    smtp = await startFakeSmtpServer({ user: 'opsbot', password: 'mail-pass' });
  });
  afterEach(() => smtp.close());

  const mailer = (password = 'mail-pass') =>
    new SmtpNotifier({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'opsbot',
      password,
      from: 'opsbot@contoso.com',
    });
  const l3 = notification({
    key: 'INC-0007:trigger:L3',
    audience: 'L3',
    audienceName: 'L3 Engineering',
    contact: 'ai-platform-team@contoso.com',
    channel: 'email',
    offHours: true,
  });

  it('mails the tier contact with the incident in the subject and a message id from the key', async () => {
    const notifier = mailer();
    expect(await notifier.notify(l3)).toEqual({
      via: 'smtp',
      detail: 'E-mail sent to ai-platform-team@contoso.com',
    });
    notifier.close();
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail).toMatchObject({
      from: 'opsbot@contoso.com',
      to: ['ai-platform-team@contoso.com'],
      user: 'opsbot',
    });
    expect(mail.raw).toContain('Subject: [P1] INC-0007 needs L3 Engineering: fraud-detection returns 503 to');
    expect(mail.raw).toContain('Message-ID: <INC-0007.trigger.L3@opsbot>');
    expect(mail.raw).toContain('outside your business hours');
  });

  it('fails with the SMTP code when the server refuses the recipient, and when the login is wrong', async () => {
    smtp.refuseRecipientsWith = 550;
    await expect(mailer().notify(l3)).rejects.toMatchObject({
      status: 550,
      message: expect.stringMatching(/^SMTP: mail to ai-platform-team@contoso.com failed/),
    });
    smtp.refuseRecipientsWith = undefined;
    const failure = (await mailer('wrong')
      .notify(l3)
      .catch((error: unknown) => error)) as Error;
    expect(failure).toBeInstanceOf(NotifierError);
    expect(failure.message).not.toContain('wrong');
    expect(smtp.mails).toEqual([]);
  });
});

describe('embedded notifier and channel routing', () => {
  it('records what it would send in the audit log and says it in the incident conversation', async () => {
    const audit = new MemoryAuditLog();
    const posts: [string, string][] = [];
    const embedded = new EmbeddedNotifier({
      audit,
      clock: new ManualClock('2026-01-12T15:00:00Z'),
      post: async (conversationId, text) => void posts.push([conversationId, text]),
    });
    const receipt = await embedded.notify(notification());
    expect(receipt).toMatchObject({ via: 'embedded', recordedOnly: true });
    expect(receipt.detail).toBe(
      'Would notify L2 Cloud Ops (cloud-ops@contoso.com) by on-call paging about INC-0007, as a page (recorded only: no notifier is configured for on-call paging).',
    );
    expect(posts).toEqual([['conv-7', receipt.detail]]);
    expect(audit.events).toEqual([
      expect.objectContaining({
        at: new Date('2026-01-12T15:00:00Z'),
        actorId: 'system',
        conversationId: 'conv-7',
        skill: 'incident.declare',
        decision: 'notify',
        outcome: 'recorded-only',
        args: { incident: 'INC-0007', audience: 'L2', channel: 'on-call', event: 'trigger' },
      }),
    ]);
  });

  it('sends each channel to its notifier and the rest to the fallback', async () => {
    const seen: string[] = [];
    const named = (name: string) => ({
      notify: async (n: IncidentNotification) => (
        seen.push(`${name}:${n.channel}`),
        { via: name, detail: name }
      ),
    });
    const notifier = new ChannelNotifier(
      { 'on-call': named('pd'), pagerduty: named('pd') },
      named('embedded'),
    );
    for (const channel of ['on-call', 'pagerduty', 'email', 'servicenow'] as const)
      await notifier.notify(notification({ channel }));
    expect(seen).toEqual(['pd:on-call', 'pd:pagerduty', 'embedded:email', 'embedded:servicenow']);
  });
});
