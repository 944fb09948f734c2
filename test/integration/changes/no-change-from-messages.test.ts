import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../../../adapters/storage/database';
import { SqlAuditLog } from '../../../adapters/storage/sql-audit-log';
import { SqlChangeStore } from '../../../adapters/storage/sql-change-store';
import { SqlJobStore } from '../../../adapters/storage/sql-job-store';
import { SqlKeyValueStore } from '../../../adapters/storage/sql-key-value-store';
import { SimulatedLandingZone } from '../../../adapters/simulator/simulated-landing-zone';
import { ManualClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import type { LandingZone, LandingZoneOperator } from '../../../core/ports';
import { createOfflineRouter } from '../../helpers/offline-router';
import { ClarifyDialog } from '../../../dialogs/clarify.dialog';
import { ConversationDialog } from '../../../dialogs/conversation.dialog';
import { createCatalog } from '../../../skills/catalog';
import { demoPeople, loadShippedConfig } from '../../helpers/landing-zone-config';

const operations: (keyof LandingZoneOperator)[] = [
  'setDeploymentInstances',
  'setComputeScale',
  'startComputeInstance',
  'stopComputeInstance',
  'regenerateAccountKey',
  'setSecret',
  'verifyAccountKey',
];

/** Every line of the adversarial probe files and of every router evaluation set. */
function allLines(): string[] {
  const root = path.join(__dirname, '..', '..');
  const probes = path.join(root, 'unit', 'core', 'routing', 'fixtures');
  const lines: string[] = [];
  for (const file of readdirSync(probes).filter((f) => f.endsWith('.tsv'))) {
    for (const line of readFileSync(path.join(probes, file), 'utf8').split('\n')) {
      const text = line.split('\t').slice(1).join('\t').trim();
      if (text) lines.push(text);
    }
  }
  const sets = path.join(root, 'router-eval');
  for (const file of readdirSync(sets).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(path.join(sets, file), 'utf8').split('\n')) {
      if (line.trim() && !line.trim().startsWith('//'))
        lines.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return lines;
}

describe('no message changes the landing zone', () => {
  let database: Database;
  afterAll(() => database?.close());

  it('sends every probe and router-set line as a message by an operator and calls no change operation', async () => {
    const config = loadShippedConfig();
    const clock = new ManualClock('2026-12-12T08:00:00.000Z');
    const simulator = new SimulatedLandingZone({ config, clock, seed: 7 });
    const calls: string[] = [];
    const counted = new Proxy(simulator, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if ((operations as string[]).includes(String(property))) {
          return (...args: unknown[]) => {
            calls.push(String(property));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    }) as LandingZone;
    database = await openDatabase('sqlite::memory:');
    const catalog = createCatalog();
    const state = new SqlKeyValueStore(database, { clock });
    const changes = new SqlChangeStore(database);
    const dialog = new ConversationDialog({
      config,
      catalog,
      landingZone: counted,
      audit: new SqlAuditLog(database),
      clock,
      logger: silentLogger,
      router: await createOfflineRouter({ config, skills: catalog.list() }),
      clarify: new ClarifyDialog({ store: state, config, catalog, clock }),
      changes,
      jobs: new SqlJobStore(database),
    });

    const lines = allLines();
    expect(lines.length).toBeGreaterThan(3000);
    for (const [i, text] of lines.entries()) {
      // Operators (L2) and the CAB and IT Director, each in their own conversation, with follow-ups answered in turn.
      const who = [demoPeople.alex, demoPeople.megan, demoPeople.adele][i % 3];
      const roles =
        who === demoPeople.alex
          ? (['l2'] as const)
          : who === demoPeople.megan
            ? (['cab'] as const)
            : (['it-director'] as const);
      await dialog.handleMessage({
        text,
        caller: { aadObjectId: who, name: 'Probe', roles: [...roles] },
        conversationId: `probe-${i % 7}`,
        correlationId: `probe-${i}`,
        localMode: true,
      });
    }
    expect(calls).toEqual([]);
    // The change lines did get as far as proposals: the test reaches the choke point.
    expect((await changes.list({ limit: 500 })).length).toBeGreaterThan(50);
  }, 300_000);
});
