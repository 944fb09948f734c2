import { openDatabase, type Database } from '../../../adapters/storage/database';
import { SqlAuditLog } from '../../../adapters/storage/sql-audit-log';
import { SqlChangeStore } from '../../../adapters/storage/sql-change-store';
import { SqlJobStore } from '../../../adapters/storage/sql-job-store';
import { SimulatedLandingZone } from '../../../adapters/simulator/simulated-landing-zone';
import { ManualClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import { createCatalog } from '../../../skills/catalog';
import { markInterrupted } from '../../../skills/change/change-runs';
import type { ExecuteDeps } from '../../../skills/execute';
import { newChangeRequest } from '../../helpers/change-fixtures';
import { loadShippedConfig } from '../../helpers/landing-zone-config';

describe('a change whose instance stopped while it ran', () => {
  let database: Database;
  afterEach(() => database?.close());

  async function deps(): Promise<ExecuteDeps & { clock: ManualClock }> {
    database = await openDatabase('sqlite::memory:');
    const config = loadShippedConfig();
    const clock = new ManualClock('2026-12-12T08:00:00.000Z');
    return {
      changes: new SqlChangeStore(database),
      jobs: new SqlJobStore(database),
      landingZone: new SimulatedLandingZone({ config, clock, seed: 1 }),
      config,
      catalog: createCatalog(),
      clock,
      audit: new SqlAuditLog(database),
      logger: silentLogger,
    };
  }

  it('is marked failed, with the steps it had done, and audited', async () => {
    const d = await deps();
    const created = await d.changes.create(newChangeRequest(), d.clock.now());
    const steps = [{ step: 'Set the instance count', state: 'running' as const }];
    const running = await d.changes.update(
      created.id,
      1,
      { state: 'running', outcome: { status: 'in-progress', summary: 'Running', steps } },
      d.clock.now(),
    );
    await markInterrupted(created.id, d);
    const failed = await d.changes.get(created.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.version).toBe(running!.version + 1);
    expect(failed?.outcome?.summary).toMatch(/interrupted/);
    expect(failed?.outcome?.steps).toEqual(steps);
    expect((await d.audit.list()).map((e) => [e.decision, e.outcome])).toEqual([['interrupted', 'failed']]);
  });

  it('leaves a change that is no longer running alone', async () => {
    const d = await deps();
    const created = await d.changes.create(newChangeRequest({ state: 'succeeded' }), d.clock.now());
    await markInterrupted(created.id, d);
    expect((await d.changes.get(created.id))?.state).toBe('succeeded');
    expect(await d.audit.list()).toEqual([]);
  });
});
