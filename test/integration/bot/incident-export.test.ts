import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../core/clock';
import { opsbot } from '../../helpers/opsbot-cli';
import { startTestBot } from '../../helpers/test-bot';

describe('opsbot incident export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-export-'));
  const databaseUrl = `sqlite:${join(dir, 'opsbot.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const clock = new ManualClock('2026-01-14T15:00:00Z');
    const t = await startTestBot({ DATABASE_URL: databaseUrl, JOB_POLL_INTERVAL_MS: '0' }, { clock });
    try {
      const conversationId = 'c-review';
      await t.say('declare P2 fraud-detection latency | doubled since the release', { conversationId });
      clock.advance(5 * 60_000);
      await t.say('ack INC-0001', { conversationId });
      clock.advance(5 * 60_000);
      await t.say('scale fraud-detection to 6', { conversationId });
      clock.advance(20 * 60_000);
      await t.say('resolve INC-0001 blue redeployed, latency normal', { conversationId });
      clock.advance(60 * 60_000);
      // Raised after the resolution: not part of the incident's record.
      await t.say('scale fraud-detection to 5', { conversationId });
    } finally {
      await t.close();
    }
  });

  it('prints the incident, its timeline and the change raised while it was open, as markdown', async () => {
    const { code, stdout, stderr } = await opsbot(['incident', 'export', 'inc-0001'], '', {
      DATABASE_URL: databaseUrl,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# INC-0001 · P2 High: fraud-detection latency \| doubled since the release\n/);
    expect(stdout).toContain('| State | resolved |');
    expect(stdout).toContain('| Declared | 2026-01-14 15:00 by Alex Wilber |');
    expect(stdout).toContain('| Resolved | 2026-01-14 15:30 (30 min after the declaration) |');
    expect(stdout).toContain('| Resolution | blue redeployed, latency normal |');
    const timeline = stdout.slice(stdout.indexOf('## Timeline'), stdout.indexOf('## Changes'));
    const rows = timeline.split('\n').filter((l) => /^\| 2026-/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0]).toMatch(/^\| 2026-01-14 15:00 \| .*declared.* \| Alex Wilber \|$/i);
    expect(rows.some((r) => /^\| 2026-01-14 15:05 \| .*acknowledged.* \| Alex Wilber \|$/i.test(r))).toBe(
      true,
    );
    expect(rows.at(-1)).toMatch(/^\| 2026-01-14 15:30 \| .*resolved.* \| Alex Wilber \|$/i);
    const changes = stdout
      .slice(stdout.indexOf('## Changes'))
      .split('\n')
      .filter((l) => /^\| CHG-/.test(l));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(
      /^\| CHG-00001 \| 2026-01-14 15:10 \| Alex Wilber \| .*fraud-detection.* \| pending \|$/,
    );
  });

  it('prints the same record as JSON with --json', async () => {
    const { code, stdout } = await opsbot(['incident', 'export', 'INC-0001', '--json'], '', {
      DATABASE_URL: databaseUrl,
    });
    expect(code).toBe(0);
    const record = JSON.parse(stdout) as {
      incident: { id: string };
      timeline: unknown[];
      changes: { id: string }[];
    };
    expect(record.incident.id).toBe('INC-0001');
    expect(record.changes.map((c) => c.id)).toEqual(['CHG-00001']);
  });

  it('says so for an unknown incident (exit 1) and for a word that is not an id or a wrong call (exit 2)', async () => {
    const env = { DATABASE_URL: databaseUrl };
    expect(await opsbot(['incident', 'export', 'INC-0099'], '', env)).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'There is no incident INC-0099 in this database.\n',
    });
    expect(await opsbot(['incident', 'export', 'fraud'], '', env)).toMatchObject({ code: 2, stdout: '' });
    expect((await opsbot(['incident', 'show', 'INC-0001'], '', env)).code).toBe(2);
  });
});
