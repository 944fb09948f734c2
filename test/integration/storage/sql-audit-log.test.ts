import { sql } from 'kysely';
import { SqlAuditLog } from '../../../adapters/storage/sql-audit-log';
import type { AuditEvent } from '../../../core/ports';
import { ScratchDatabases, enginesUnderTest } from './scratch-databases';

function event(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    at: new Date('2025-03-01T08:00:00.000Z'),
    correlationId: 'c-1',
    actorId: 'aad-alice',
    conversationId: 'conv-ops',
    skill: 'status.overview',
    args: {},
    decision: 'allowed',
    outcome: 'ok',
    ...overrides,
  };
}

describe.each(enginesUnderTest)('SqlAuditLog on %s', (engine) => {
  const scratch = new ScratchDatabases(engine);
  afterEach(() => scratch.dispose());

  const events: AuditEvent[] = [
    event({ correlationId: 'c-1', at: new Date('2025-03-01T08:00:00.000Z'), actorName: 'Alice Ng' }),
    event({
      correlationId: 'c-2',
      at: new Date('2025-03-01T09:15:30.250Z'),
      actorId: 'aad-bob',
      skill: 'endpoint.scale',
      args: { endpoint: 'ep-fraud-scoring', instances: 4, nested: { dryRun: false } },
      decision: 'denied:role',
      outcome: 'refused',
      detail: 'source=router confidence=0.91',
    }),
    event({
      correlationId: 'c-2',
      at: new Date('2025-03-01T09:15:31.000Z'),
      actorId: 'aad-bob',
      skill: 'help',
    }),
    event({
      correlationId: 'c-3',
      at: new Date('2025-03-02T07:00:00.000Z'),
      skill: 'endpoint.scale',
      outcome: 'error:OPS-402',
    }),
  ];

  async function seeded(): Promise<SqlAuditLog> {
    const log = new SqlAuditLog(await scratch.open(await scratch.newUrl()));
    for (const e of events) await log.append(e);
    return log;
  }

  it('gives back every appended event as it was, in the order appended', async () => {
    const listed = await (await seeded()).list();
    expect(listed).toEqual(events);
    expect(listed[0]).not.toHaveProperty('detail');
    expect(listed[1]).not.toHaveProperty('actorName');
    expect(listed[1].at.toISOString()).toBe('2025-03-01T09:15:30.250Z');
  });

  it('orders by arrival, not by the time written in the event', async () => {
    const log = new SqlAuditLog(await scratch.open(await scratch.newUrl()));
    await log.append(event({ correlationId: 'late', at: new Date('2025-03-05T00:00:00Z') }));
    await log.append(event({ correlationId: 'early', at: new Date('2025-03-01T00:00:00Z') }));
    expect((await log.list()).map((e) => e.correlationId)).toEqual(['late', 'early']);
  });

  it('filters by correlation id, actor, skill and since (inclusive), together', async () => {
    const log = await seeded();
    expect((await log.list({ correlationId: 'c-2' })).map((e) => e.skill)).toEqual([
      'endpoint.scale',
      'help',
    ]);
    expect((await log.list({ actorId: 'aad-bob' })).map((e) => e.correlationId)).toEqual(['c-2', 'c-2']);
    expect((await log.list({ skill: 'endpoint.scale' })).map((e) => e.correlationId)).toEqual(['c-2', 'c-3']);
    expect(
      (await log.list({ since: new Date('2025-03-01T09:15:31.000Z') })).map((e) => e.correlationId),
    ).toEqual(['c-2', 'c-3']);
    expect(
      await log.list({
        skill: 'endpoint.scale',
        actorId: 'aad-bob',
        since: new Date('2025-03-01T09:00:00Z'),
      }),
    ).toEqual([events[1]]);
    expect(await log.list({ correlationId: 'no-such' })).toEqual([]);
  });

  it('with a limit, returns the most recent matching events, oldest first', async () => {
    const log = await seeded();
    expect((await log.list({ limit: 2 })).map((e) => e.correlationId)).toEqual(['c-2', 'c-3']);
    expect((await log.list({ limit: 1, actorId: 'aad-bob' })).map((e) => e.skill)).toEqual(['help']);
    expect(await log.list({ limit: 50 })).toHaveLength(events.length);
  });

  it('refuses a bad limit or date and stores nothing for a bad event', async () => {
    const log = await seeded();
    await expect(log.list({ limit: 0 })).rejects.toThrow(/limit/);
    await expect(log.list({ limit: 2.5 })).rejects.toThrow(/limit/);
    await expect(log.list({ since: new Date('nonsense') })).rejects.toThrow(/since/);
    await expect(log.append(event({ at: new Date('nonsense') }))).rejects.toThrow(/valid date/);
    expect(await log.list()).toHaveLength(events.length);
  });

  it('is append-only: no way to change or remove events, and the table refuses it too', async () => {
    const database = await scratch.open(await scratch.newUrl());
    const log = new SqlAuditLog(database);
    await log.append(events[0]);
    expect(Object.getOwnPropertyNames(SqlAuditLog.prototype).sort()).toEqual([
      'append',
      'constructor',
      'list',
    ]);
    // The driver's error may come from another test file's realm (native addon), so match its message only.
    const refused = { message: expect.stringMatching(/append-only/) };
    await expect(sql`update audit_events set outcome = 'ok'`.execute(database.db)).rejects.toMatchObject(
      refused,
    );
    await expect(sql`delete from audit_events`.execute(database.db)).rejects.toMatchObject(refused);
    expect(await log.list()).toEqual([events[0]]);
  });
});
