import { MiniSearchKnowledgeBase } from '../../../../adapters/knowledge/minisearch-knowledge-base';
import { createCatalog } from '../../../../skills/catalog';
import type { RunbookAnswerResult } from '../../../../skills/results';
import type { SkillContext } from '../../../../skills/skill';
import { readOnlyLandingZone } from '../../../../core/read-only-landing-zone';
import { runTroubleshootAsk } from '../../../../skills/troubleshoot/troubleshoot-ask.skill';
import { FixedLandingZone } from '../../../helpers/fixed-landing-zone';
import {
  catalogSkills,
  makeKnowledgeFolder,
  pageText,
  type KnowledgeFolder,
} from '../../../helpers/knowledge-folder';
import { MemoryAuditLog } from '../../../helpers/memory-audit-log';
import { statusSkillContext } from '../../../helpers/status-skill-context';

const now = new Date('2026-01-12T13:00:00Z');

describe('troubleshoot.ask', () => {
  let folder: KnowledgeFolder;
  let landingZone: FixedLandingZone;
  let ctx: SkillContext;
  beforeEach(() => {
    folder = makeKnowledgeFolder({
      'quota.md': pageText(
        {
          title: 'Training job fails with quota exceeded',
          symptoms: ['my job fails with quota exceeded', 'the cpu or gpu cluster cannot add nodes'],
          checks: ['status.quota', 'status.compute gpu-cluster-01'],
          covers: ['10.2'],
        },
        '## Raise the quota\n\n1. Check the quota.\n\n   ```bash\n   az ml compute list-usage\n   ```\n\n2. Ask for more cores.\n\n## Avoid it\n\n- Stop idle clusters.',
      ),
    });
    landingZone = new FixedLandingZone(now);
    ctx = {
      ...statusSkillContext(landingZone, now),
      catalog: createCatalog(),
      knowledge: new MiniSearchKnowledgeBase({
        directory: folder.dir,
        shownDirectory: 'knowledge',
        skills: catalogSkills,
        clock: { now: () => now },
      }),
    };
  });
  afterEach(() => folder.remove());

  const ask = async (question: string) =>
    (await runTroubleshootAsk({ question }, ctx)) as RunbookAnswerResult;

  it('answers with the section, its citation, the related section and the page checks run on the landing zone', async () => {
    const result = await ask('my training job fails with quota exceeded');
    expect(result).toMatchObject({
      view: 'runbook-answer',
      answered: true,
      answer: {
        citation: 'knowledge/quota.md › Raise the quota',
        steps: [
          { text: 'Check the quota.', code: 'az ml compute list-usage' },
          { text: 'Ask for more cores.' },
        ],
      },
      related: [{ citation: 'knowledge/quota.md › Avoid it' }],
    });
    expect(result.checks).toEqual([
      {
        skill: 'status.quota',
        title: 'Compute quota',
        status: 'ok',
        summary: 'standardNCADSA100v4Family: 24 of 96 cores (25%)',
        command: 'quota',
      },
      {
        skill: 'status.compute',
        title: 'Compute status',
        status: expect.any(String),
        summary: expect.stringMatching(/^gpu-cluster-01: /),
        command: 'status gpu-cluster-01',
      },
    ]);
    expect(result.suggestions.map((s) => s.command)).toEqual(['quota', 'status gpu-cluster-01']);
    const audited = (ctx.audit as MemoryAuditLog).events.map((e) => [e.skill, e.decision]);
    expect(audited).toEqual([
      ['status.quota', 'allowed:runbook-check'],
      ['status.compute', 'allowed:runbook-check'],
    ]);
  });

  it('checks the resource the question names rather than the one the page names', async () => {
    const result = await ask('my job fails with quota exceeded on the cpu cluster');
    expect(result.answered).toBe(true);
    expect(result.checks[1].command).toBe('status cpu-cluster-01');
  });

  it('still answers when a check cannot read the landing zone, showing that check as unknown', async () => {
    landingZone.failing.add('listQuotaUsage');
    const result = await ask('my training job fails with quota exceeded');
    expect(result.answered).toBe(true);
    expect(result.checks[0]).toMatchObject({ status: 'unknown', summary: 'the check failed on my side' });
  });

  it('answers "I don\'t know" below the threshold, without a section or a check, offering a person', async () => {
    const result = await ask('which pizza place delivers to the office');
    expect(result).toMatchObject({ answered: false, checks: [] });
    expect(result.answer).toBeUndefined();
    expect(result.suggestions.map((s) => s.label)).toEqual([
      'Declare an incident',
      'Page L2',
      'Who is on call?',
    ]);
    expect(landingZone.calls).toEqual([]);
  });

  it('says so when no knowledge base is loaded', async () => {
    const result = await runTroubleshootAsk({ question: 'quota exceeded' }, { ...ctx, knowledge: undefined });
    expect(result).toMatchObject({ view: 'message', title: 'No runbooks loaded' });
  });
});

describe('readOnlyLandingZone', () => {
  it('passes reads through and has no change operation at all, even behind a cast', async () => {
    const landingZone = new FixedLandingZone(now);
    const view = readOnlyLandingZone(landingZone) as unknown as Record<string, unknown>;
    await expect(
      (view as unknown as { listQuotaUsage(): Promise<unknown[]> }).listQuotaUsage(),
    ).resolves.toHaveLength(2);
    for (const change of [
      'setComputeScale',
      'setDeploymentInstances',
      'startComputeInstance',
      'stopComputeInstance',
      'regenerateAccountKey',
      'setSecret',
      'verifyAccountKey',
    ]) {
      expect(view[change]).toBeUndefined();
    }
    expect(landingZone.calls).toEqual(['listQuotaUsage']);
  });
});
