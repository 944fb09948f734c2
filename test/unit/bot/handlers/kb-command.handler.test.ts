import { handleKbCommand } from '../../../../bot/handlers/kb-command.handler';
import type { KnowledgeBase, LoadReport } from '../../../../core/knowledge/knowledge-base';
import type { RoleId } from '../../../../core/config/landing-zone.schema';
import { MemoryAuditLog } from '../../../helpers/memory-audit-log';

const report: LoadReport = {
  directory: 'knowledge',
  pages: 2,
  sections: 5,
  skipped: [{ file: 'knowledge/bad.md', problem: 'front matter: symptoms: list at least one symptom' }],
  loadedAt: '2026-01-05T08:00:00.000Z',
};

function setUp(localMode: boolean) {
  let reloads = 0;
  const knowledge = {
    reload: () => {
      reloads += 1;
      return report;
    },
  } as unknown as KnowledgeBase;
  const audit = new MemoryAuditLog();
  const options = { localMode, knowledge, audit, clock: { now: () => new Date('2026-01-05T08:00:00Z') } };
  const turn = (text: string, roles: RoleId[]) => ({
    text,
    caller: { aadObjectId: 'a', name: 'A', roles },
    conversationId: 'c',
    correlationId: 'r',
  });
  return { options, turn, audit, reloads: () => reloads };
}

describe('kb reload', () => {
  it('leaves other text to the dialog', async () => {
    const { options, turn } = setUp(true);
    expect(await handleKbCommand(turn('kbd layout', ['l2']), options)).toBeUndefined();
    expect(await handleKbCommand(turn('ask about kb reload', ['l2']), options)).toBeUndefined();
  });

  it('reloads for anyone in local mode and answers with counts and each skipped file', async () => {
    const { options, turn, audit, reloads } = setUp(true);
    const result = await handleKbCommand(turn('KB reload', ['viewer']), options);
    expect(reloads()).toBe(1);
    expect(result).toMatchObject({ title: 'Runbooks reloaded, 1 skipped', tone: 'warning' });
    expect(result?.text).toContain('2 pages with 5 sections loaded from `knowledge`.');
    expect(result?.text).toContain('- `knowledge/bad.md`: front matter: symptoms: list at least one symptom');
    expect(audit.events[0]).toMatchObject({
      decision: 'allowed',
      outcome: 'ok',
      args: { command: 'kb reload' },
    });
  });

  it('in production mode, reloads for l2, l3 and the platform architect only', async () => {
    const { options, turn, reloads } = setUp(false);
    for (const role of ['viewer', 'l1', 'security', 'cab', 'it-director'] as RoleId[]) {
      expect(await handleKbCommand(turn('kb reload', [role]), options)).toMatchObject({
        title: 'Not allowed',
      });
    }
    expect(reloads()).toBe(0);
    for (const role of ['l2', 'l3', 'platform-architect'] as RoleId[]) {
      await handleKbCommand(turn('kb reload', [role]), options);
    }
    expect(reloads()).toBe(3);
  });

  it('explains its usage for another kb command, without reloading', async () => {
    const { options, turn, reloads } = setUp(true);
    expect(await handleKbCommand(turn('kb delete everything', ['l2']), options)).toMatchObject({
      title: 'Knowledge base command not understood',
    });
    expect(reloads()).toBe(0);
  });
});
