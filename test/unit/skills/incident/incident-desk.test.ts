import { openDatabase, type Database } from '../../../../adapters/storage/database';
import { SqlIncidentStore } from '../../../../adapters/storage/sql-incident-store';
import { SqlJobStore } from '../../../../adapters/storage/sql-job-store';
import { SqlAlertCardStore } from '../../../../adapters/storage/sql-alert-card-store';
import { ManualClock } from '../../../../core/clock';
import type {
  IncidentNotification,
  NotificationReceipt,
  Notifier,
} from '../../../../core/incidents/notifier';
import { silentLogger } from '../../../../core/logger';
import { JobRunner } from '../../../../core/scheduling/job-runner';
import { IncidentDesk } from '../../../../skills/incident/incident-desk';
import { incidentJobHandlers } from '../../../../skills/incident/incident-jobs';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';
import { MemoryAuditLog } from '../../../helpers/memory-audit-log';

const t0 = new Date('2026-01-12T15:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const alex = { id: 'aad-alex', name: 'Alex Wilber' };
const lee = { id: 'aad-lee', name: 'Lee Gu' };

/** Records what it is asked to send; fails while `failing` is set. */
class RecordingNotifier implements Notifier {
  readonly sent: IncidentNotification[] = [];
  failing = false;
  async notify(n: IncidentNotification): Promise<NotificationReceipt> {
    if (this.failing) throw new Error('relay down');
    this.sent.push(n);
    return { via: 'test', detail: `sent ${n.key}` };
  }
}

describe('incident desk and its jobs (sqlite::memory:)', () => {
  let database: Database;
  let clock: ManualClock;
  let store: SqlIncidentStore;
  let jobs: SqlJobStore;
  let notifier: RecordingNotifier;
  let desk: IncidentDesk;
  let runner: JobRunner;

  beforeEach(async () => {
    database = await openDatabase('sqlite::memory:');
    clock = new ManualClock(t0);
    store = new SqlIncidentStore(database);
    jobs = new SqlJobStore(database);
    notifier = new RecordingNotifier();
    const deps = {
      store,
      jobs,
      config: loadShippedConfig(),
      clock,
      audit: new MemoryAuditLog(),
      logger: silentLogger,
    };
    desk = new IncidentDesk(deps);
    runner = new JobRunner({
      store: jobs,
      clock,
      owner: 'test',
      maxAttempts: 2,
      backoff: () => 60_000,
      handlers: incidentJobHandlers({ ...deps, notifier, maxAttempts: 2 }),
    });
  });
  afterEach(() => database.close());

  const declare = () =>
    desk.declare({
      summary: 'jobs failing',
      severity: 'P2',
      type: 'operational',
      by: lee,
      conversationId: 'c',
    });

  it('records exactly one of two acknowledgements made from the same read', async () => {
    const { incident } = await declare();
    const outcomes = await Promise.allSettled([
      desk.acknowledge(incident, alex),
      desk.acknowledge(incident, lee),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(
      /^INC-0001 is already acknowledged by (Alex Wilber|Lee Gu)\.$/,
    );
    expect((await store.timeline(incident.id)).filter((e) => e.kind === 'acknowledged')).toHaveLength(1);
  });

  it('escalates once however often the same timer runs', async () => {
    const { incident } = await declare();
    clock.set(at(15));
    expect(await desk.onTimer(incident.id, 0)).toBe('escalated');
    expect(await desk.onTimer(incident.id, 0)).toBe('stale');
    expect(await store.get(incident.id)).toMatchObject({ tier: 'L2', version: 2 });
    expect(
      (await jobs.list({ kind: 'incident.escalate' })).map((j) => [j.key, j.dueAt.toISOString()]),
    ).toEqual([
      ['incident:INC-0001:tier:0', '2026-01-12T15:15:00.000Z'],
      ['incident:INC-0001:tier:1', '2026-01-12T15:45:00.000Z'],
    ]);
  });

  it('schedules the follow-ups a crashed escalation left out when its timer runs again', async () => {
    const { incident } = await declare();
    // The escalation to L2 was recorded, then the process died before anything else.
    await store.update(
      incident.id,
      incident.version,
      { state: 'escalated', tier: 'L2', tierIndex: 1, nextEscalationAt: at(45) },
      [{ at: at(15), kind: 'escalated', text: 'Escalated from L1 Support to L2 Cloud Ops' }],
      at(15),
    );
    clock.set(at(16));
    expect(await desk.onTimer(incident.id, 0)).toBe('stale');
    const keys = (await jobs.list()).map((j) => j.key).sort();
    expect(keys).toEqual([
      'incident:INC-0001:notify:trigger:L1',
      'incident:INC-0001:notify:trigger:L2',
      'incident:INC-0001:tier:0',
      'incident:INC-0001:tier:1',
    ]);
  });

  it('runs through the job runner: notifies, escalates at 15 min, and an ack stops the next step', async () => {
    await declare();
    expect(await runner.tick()).toEqual({ ran: 1, failed: 0 });
    expect(notifier.sent.map((n) => [n.key, n.contact])).toEqual([
      ['INC-0001:trigger:L1', 'support@contoso.com'],
    ]);
    clock.set(at(15));
    expect(await runner.tick()).toEqual({ ran: 1, failed: 0 });
    expect(await runner.tick()).toEqual({ ran: 1, failed: 0 });
    expect(notifier.sent.map((n) => n.key)).toEqual(['INC-0001:trigger:L1', 'INC-0001:trigger:L2']);
    await desk.acknowledge((await store.get('INC-0001'))!, alex);
    clock.set(at(45));
    await runner.tick();
    expect(await store.get('INC-0001')).toMatchObject({ tier: 'L2', state: 'acknowledged' });
    expect(notifier.sent.map((n) => n.key).sort()).toEqual([
      'INC-0001:acknowledge:L1',
      'INC-0001:acknowledge:L2',
      'INC-0001:trigger:L1',
      'INC-0001:trigger:L2',
    ]);
  });

  it('records a failed notification, retries it, and says it gave up after the last attempt', async () => {
    await declare();
    notifier.failing = true;
    expect(await runner.tick()).toEqual({ ran: 0, failed: 1 });
    clock.set(at(1));
    expect(await runner.tick()).toEqual({ ran: 0, failed: 1 });
    const failures = (await store.timeline('INC-0001')).filter((e) => e.kind === 'notification-failed');
    expect(failures.map((e) => e.text)).toEqual([
      'Notifying L1 Support by servicenow failed (attempt 1): relay down; retrying',
      'Notifying L1 Support by servicenow failed (attempt 2): relay down; gave up',
    ]);
    expect((await jobs.get('incident:INC-0001:notify:trigger:L1'))?.state).toBe('failed');
    clock.set(at(15));
    await runner.tick();
    expect(await store.get('INC-0001')).toMatchObject({ tier: 'L2' });
  });
});

describe('two declarations from one alert card at the same moment (sqlite::memory:)', () => {
  it('pages for one incident: the one that claimed the card; the other is closed as its duplicate', async () => {
    const database = await openDatabase('sqlite::memory:');
    try {
      const clock = new ManualClock(t0);
      const store = new SqlIncidentStore(database);
      const jobs = new SqlJobStore(database);
      const alerts = new SqlAlertCardStore(database);
      const card = await alerts.create({
        foldKey: 'high latency|fraud-detection',
        state: 'firing',
        rule: 'High Latency',
        severity: 'Sev2',
        resources: ['fraud-detection'],
        conversationId: 'ops',
        firedIds: ['a1'],
        resolvedIds: [],
        firstFiredAt: t0,
        lastFiredAt: t0,
      });
      expect(card).toBeDefined();
      const desk = new IncidentDesk({
        store,
        jobs,
        alerts,
        config: loadShippedConfig(),
        clock,
        audit: new MemoryAuditLog(),
        logger: silentLogger,
      });
      const press = (by: { id: string; name: string }) =>
        desk.declare({
          summary: 'High Latency on fraud-detection',
          severity: 'P1',
          type: 'operational',
          by,
          conversationId: 'ops',
        });
      const outcomes = await Promise.allSettled([press(alex), press(lee)]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<{ incident: { id: string } }>).value.incident;
      expect(String(lost[0].reason)).toMatch(new RegExp(`already ${winner.id}`));

      const all = await store.list();
      expect(all).toHaveLength(2);
      const duplicate = all.find((i) => i.id !== winner.id)!;
      expect(duplicate).toMatchObject({ state: 'resolved' });
      expect(duplicate.resolution).toBe(
        `Duplicate of ${winner.id}, declared from the same alert at the same moment`,
      );
      expect((await alerts.findByAlertId('a1'))?.incidentId).toBe(winner.id);
      // Only the winner has timers and notifications waiting.
      const due = await jobs.claimDue(at(60), 'test', 60_000, 100);
      expect(new Set(due.map((j) => (j.payload as { incidentId: string }).incidentId))).toEqual(
        new Set([winner.id]),
      );
    } finally {
      await database.close();
    }
  });
});
