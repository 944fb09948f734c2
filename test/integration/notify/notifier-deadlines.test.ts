import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { NotifierError } from '../../../adapters/notify/notifier-error';
import { PagerDutyNotifier } from '../../../adapters/notify/pagerduty-notifier';
import { ServiceNowNotifier } from '../../../adapters/notify/servicenow-notifier';
import { SmtpNotifier } from '../../../adapters/notify/smtp-notifier';
import { incidentNotification } from '../../helpers/incident-notification';

/** A TCP server on 127.0.0.1 that accepts connections and never says a word: a hung PagerDuty, ServiceNow or mail relay. */
async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const notification = incidentNotification();

describe('every notifier call has a deadline (a server that accepts and never answers)', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  beforeEach(async () => {
    silent = await startSilentServer();
  });
  afterEach(() => silent.close());

  it('PagerDuty gives up with "no answer within" its deadline', async () => {
    const notifier = new PagerDutyNotifier({
      routingKey: 'R0UTINGKEY0000000000000000000001',
      eventsUrl: `http://127.0.0.1:${silent.port}/v2/enqueue`,
      source: 'AI Landing Zone',
      timeoutInMs: 300,
    });
    const failure = await notifier.notify(notification).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotifierError);
    expect((failure as Error).message).toMatch(/no answer within 300 ms/);
  });

  it('ServiceNow gives up with "no answer within" its deadline', async () => {
    const notifier = new ServiceNowNotifier({
      instanceUrl: `http://127.0.0.1:${silent.port}/`,
      user: 'opsbot',
      password: 's3cret',
      timeoutInMs: 300,
    });
    const failure = await notifier
      .notify({ ...notification, key: 'INC-0007:trigger:L1', audience: 'L1', channel: 'servicenow' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotifierError);
    expect((failure as Error).message).toMatch(/no answer within 300 ms/);
  });

  it('SMTP gives up when the relay never greets', async () => {
    const notifier = new SmtpNotifier({
      host: '127.0.0.1',
      port: silent.port,
      secure: false,
      user: 'opsbot',
      password: 'mail-pass',
      from: 'opsbot@contoso.com',
      timeoutInMs: 300,
    });
    const started = Date.now();
    const failure = await notifier
      .notify({ ...notification, audience: 'L3', channel: 'email', contact: 'ai-platform-team@contoso.com' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    // Bounded by the deadline, not by the operating system's TCP time-outs (minutes).
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
