import { SqlIncidentStore } from '../../../adapters/storage/sql-incident-store';
import type { TimelineEntry } from '../../../core/incidents/incident';
import { newIncident } from './incident-fixture';
import { startChildScript } from './child-script';
import { ScratchDatabases, enginesUnderTest } from './scratch-databases';

const t0 = new Date('2025-03-01T08:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const alex = { id: 'aad-alex', name: 'Alex Wilber' };
const declared: TimelineEntry = {
  at: t0,
  kind: 'declared',
  actor: alex,
  text: 'Declared P2',
  data: { tier: 'L1' },
};

describe.each(enginesUnderTest)('SqlIncidentStore on %s', (engine) => {
  const scratch = new ScratchDatabases(engine);
  afterEach(() => scratch.dispose());
  // better-sqlite3 is synchronous: a second connection in the same process waits for the first's
  // write lock inside its busy handler and so blocks the event loop the first needs to commit. One
  // process holds one SQLite connection; concurrent SQLite writers are tested as two processes below.
  const twoConnections = engine === 'postgres' ? it : it.skip;

  async function newStore(): Promise<SqlIncidentStore> {
    return new SqlIncidentStore(await scratch.open(await scratch.newUrl()));
  }

  it('stores a new incident as INC-0001 with its timeline, and reads it back as it was given', async () => {
    const store = await newStore();
    const draft = newIncident();
    const created = await store.create(draft, [declared]);
    expect(created).toEqual({
      ...draft,
      id: 'INC-0001',
      number: 1,
      version: 1,
      updatedAt: new Date('2025-03-01T08:00:00.000Z'),
    });
    expect(await store.get('INC-0001')).toEqual(created);
    expect(await store.get('INC-0099')).toBeUndefined();
    expect(await store.timeline('INC-0001')).toEqual([declared]);
    const second = await store.create(newIncident({ summary: 'second' }), []);
    expect(second.id).toBe('INC-0002');
  });

  it('changes state only from the version it was read at: the second of two acknowledgements changes nothing', async () => {
    const store = await newStore();
    const incident = await store.create(newIncident(), [declared]);
    const ack = (name: string, minute: number) =>
      store.update(
        incident.id,
        incident.version,
        {
          state: 'acknowledged',
          owner: { id: `aad-${name}`, name },
          respondedAt: at(minute),
          nextEscalationAt: null,
        },
        [{ at: at(minute), kind: 'acknowledged', text: `Acknowledged by ${name}` }],
        at(minute),
      );
    const first = await ack('Alex', 3);
    expect(first).toMatchObject({
      state: 'acknowledged',
      owner: { id: 'aad-Alex', name: 'Alex' },
      respondedAt: at(3),
      updatedAt: at(3),
      version: 2,
    });
    expect(first).not.toHaveProperty('nextEscalationAt');
    expect(await ack('Lee', 4)).toBeUndefined();
    expect(await store.get(incident.id)).toEqual(first);
    expect((await store.timeline(incident.id)).map((e) => e.text)).toEqual([
      'Declared P2',
      'Acknowledged by Alex',
    ]);
  });

  twoConnections('lets two connections acknowledge at once and records exactly one', async () => {
    const url = await scratch.newUrl();
    const a = new SqlIncidentStore(await scratch.open(url));
    const b = new SqlIncidentStore(await scratch.open(url));
    const incident = await a.create(newIncident(), []);
    const results = await Promise.all(
      [a, b].map((store, n) =>
        store.update(
          incident.id,
          1,
          { state: 'acknowledged' },
          [{ at: at(1), kind: 'acknowledged', text: `ack ${n}` }],
          at(1),
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a.timeline(incident.id)).toHaveLength(1);
  });

  it('lists open incidents newest first, and by conversation', async () => {
    const store = await newStore();
    await store.create(newIncident({ conversationId: 'conv-a' }), []);
    const second = await store.create(newIncident({ conversationId: 'conv-b' }), []);
    await store.create(newIncident({ conversationId: 'conv-a' }), []);
    await store.update(
      second.id,
      1,
      { state: 'resolved', resolvedAt: at(9), resolution: 'fixed' },
      [],
      at(9),
    );
    expect((await store.list()).map((i) => i.id)).toEqual(['INC-0003', 'INC-0002', 'INC-0001']);
    expect((await store.list({ open: true })).map((i) => i.id)).toEqual(['INC-0003', 'INC-0001']);
    expect((await store.list({ open: true, conversationId: 'conv-b' })).map((i) => i.id)).toEqual([]);
    expect(await store.get('INC-0002')).toMatchObject({
      state: 'resolved',
      resolvedAt: at(9),
      resolution: 'fixed',
    });
  });

  it('records the card message and merges outside ids without a version change', async () => {
    const url = await scratch.newUrl();
    const a = new SqlIncidentStore(await scratch.open(url));
    const b = new SqlIncidentStore(await scratch.open(url));
    const incident = await a.create(newIncident(), []);
    await a.annotate(incident.id, { cardActivityId: 'activity-1' });
    await Promise.all([
      a.annotate(incident.id, { externalRefs: { servicenow: 'INC0010001' } }),
      b.annotate(incident.id, { externalRefs: { pagerduty: 'opsbot-INC-0001' } }),
    ]);
    expect(await a.get(incident.id)).toMatchObject({
      cardActivityId: 'activity-1',
      externalRefs: { servicenow: 'INC0010001', pagerduty: 'opsbot-INC-0001' },
      version: 1,
    });
    await a.append(incident.id, {
      at: at(2),
      kind: 'notified',
      text: 'ServiceNow INC0010001',
      data: { channel: 'servicenow' },
    });
    expect(await a.timeline(incident.id)).toEqual([
      { at: at(2), kind: 'notified', text: 'ServiceNow INC0010001', data: { channel: 'servicenow' } },
    ]);
  });

  it('keeps incidents and the sequence across a restart', async () => {
    const url = await scratch.newUrl();
    const first = await scratch.open(url);
    const before = await new SqlIncidentStore(first).create(newIncident(), [declared]);
    await first.close();
    const store = new SqlIncidentStore(await scratch.open(url));
    expect(await store.get(before.id)).toEqual(before);
    expect((await store.create(newIncident(), [])).id).toBe('INC-0002');
  });

  twoConnections(
    'gives 60 incidents declared at once over two connections 60 distinct sequential ids',
    async () => {
      const url = await scratch.newUrl();
      const stores = [
        new SqlIncidentStore(await scratch.open(url)),
        new SqlIncidentStore(await scratch.open(url)),
      ];
      const ids = await Promise.all(
        stores.map(async (store) => {
          const mine: string[] = [];
          for (let i = 0; i < 30; i++) mine.push((await store.create(newIncident(), [])).id);
          return mine;
        }),
      );
      expect(ids.flat().sort()).toEqual(expectedIds(60));
    },
  );

  it('gives incidents declared by two bot processes at once distinct sequential ids', async () => {
    const url = await scratch.newUrl();
    await scratch.open(url);
    const children = ['proc-1', 'proc-2'].map((owner) =>
      startChildScript<{ owner: string; ids: string[] }>('incident-creator.script.ts', [url, owner, '25']),
    );
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    const results = await Promise.all(children.map((child) => child.result));
    for (const result of results) expect(result.ids).toHaveLength(25);
    expect(results.flatMap((r) => r.ids).sort()).toEqual(expectedIds(50));
  });
});

function expectedIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `INC-${String(i + 1).padStart(4, '0')}`);
}
