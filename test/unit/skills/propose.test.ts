import { ManualClock } from '../../../core/clock';
import { NotFoundError } from '../../../core/errors';
import { silentLogger } from '../../../core/logger';
import type { LandingZone } from '../../../core/ports';
import { resource } from '../../../core/contract/resource-params';
import { createCatalog, SkillCatalog, allSkills } from '../../../skills/catalog';
import { propose } from '../../../skills/propose';
import type { Caller, SkillContext, SkillDeclaration } from '../../../skills/skill';
import { defineSkill, everyone } from '../../../skills/skill';
import { loadShippedConfig } from '../../helpers/landing-zone-config';
import { MemoryAuditLog } from '../../helpers/memory-audit-log';

const config = loadShippedConfig();
const alex: Caller = { aadObjectId: 'alex', name: 'Alex Wilber', roles: ['l2'] };
const diego: Caller = { aadObjectId: 'diego', name: 'Diego Siciliani', roles: ['viewer'] };

function context(caller: Caller, catalog: SkillCatalog, audit = new MemoryAuditLog()): SkillContext {
  return {
    caller,
    conversationId: 'conv-1',
    correlationId: '0123456789abcdef',
    config,
    landingZone: { simulated: true } as LandingZone,
    clock: new ManualClock('2026-11-27T10:00:00Z'),
    audit,
    logger: silentLogger,
    localMode: true,
    catalog,
  };
}

/** A catalog whose status.compute runs the given function, everything else as shipped. */
function catalogWith(run: SkillDeclaration['run']): SkillCatalog {
  const skills = allSkills.map((s) =>
    s.id === 'status.compute'
      ? defineSkill({ ...s, params: { cluster: resource('cluster') }, roles: everyone, run })
      : s,
  );
  return new SkillCatalog(skills as SkillDeclaration[]);
}

describe('propose', () => {
  const catalog = createCatalog();

  it('lists only the skills the caller may use in help', async () => {
    const viewer = await propose(
      { skill: 'help', args: {}, source: 'command' },
      context(diego, catalog),
      catalog,
    );
    const operator = await propose(
      { skill: 'help', args: {}, source: 'command' },
      context(alex, catalog),
      catalog,
    );
    if (viewer.view !== 'help' || operator.view !== 'help') throw new Error('expected help');
    const viewerIds = viewer.skills.map((s) => s.id);
    expect(viewerIds).toContain('status.endpoint');
    expect(viewerIds).not.toContain('endpoint.scale');
    expect(viewerIds).not.toContain('incident.ack');
    expect(operator.skills.map((s) => s.id)).toEqual(
      expect.arrayContaining(['endpoint.scale', 'incident.ack']),
    );
    expect(viewerIds).not.toContain('none');
  });

  it('refuses a skill the role does not allow, and audits the refusal', async () => {
    const audit = new MemoryAuditLog();
    const result = await propose(
      { skill: 'endpoint.scale', args: { endpoint: 'fraud-detection', instances: 6 }, source: 'router' },
      context(diego, catalog, audit),
      catalog,
    );
    expect(result).toMatchObject({ view: 'message', title: 'Not allowed' });
    expect(audit.events).toEqual([
      expect.objectContaining({
        skill: 'endpoint.scale',
        decision: 'denied:role',
        outcome: 'refused',
        actorId: 'diego',
      }),
    ]);
  });

  it('explains invalid arguments with the usage', async () => {
    const result = await propose(
      { skill: 'status.jobs', args: { hours: 'lots' }, source: 'command' },
      context(alex, catalog),
      catalog,
    );
    expect(result.view).toBe('message');
    if (result.view === 'message') {
      expect(result.text).toContain('`hours`');
      expect(result.text).toContain('jobs [hours]');
    }
  });

  it('never runs a change skill before the approval flow exists, even one that declares run', async () => {
    const run = jest.fn(async () => ({ view: 'message' as const, text: 'scaled' }));
    const armed = new SkillCatalog(
      allSkills.map((s) => (s.id === 'endpoint.scale' ? { ...s, run } : s)) as SkillDeclaration[],
    );
    const audit = new MemoryAuditLog();
    const result = await propose(
      { skill: 'endpoint.scale', args: { endpoint: 'fraud-detection', instances: 6 }, source: 'command' },
      context(alex, armed, audit),
      armed,
    );
    expect(run).not.toHaveBeenCalled();
    expect(result).toEqual({
      view: 'not-enabled',
      skill: 'endpoint.scale',
      title: 'Scale an endpoint deployment',
      args: { endpoint: 'fraud-detection', instances: 6 },
    });
    expect(audit.events[0]).toMatchObject({ decision: 'not-enabled', outcome: 'refused' });
  });

  it('maps an unknown skill id to none', async () => {
    const audit = new MemoryAuditLog();
    await propose(
      { skill: 'resource.delete', args: {}, source: 'router' },
      context(alex, catalog, audit),
      catalog,
    );
    expect(audit.events[0].skill).toBe('none');
  });

  it('shows a user-facing error as a message and audits its code', async () => {
    const failing = catalogWith(async () => {
      throw new NotFoundError('compute', 'gpu-cluster-99', ['cpu-cluster-01', 'gpu-cluster-01']);
    });
    const audit = new MemoryAuditLog();
    const result = await propose(
      { skill: 'status.compute', args: { cluster: 'gpu-cluster-99' }, source: 'command' },
      context(alex, failing, audit),
      failing,
    );
    expect(result).toMatchObject({
      view: 'message',
      text: 'There is no compute called "gpu-cluster-99". Known computes: cpu-cluster-01, gpu-cluster-01.',
    });
    expect(audit.events[0]).toMatchObject({ decision: 'allowed', outcome: 'error:OPS-401' });
  });

  it('hides an internal error behind the correlation id', async () => {
    const failing = catalogWith(async () => {
      throw new Error('socket hang up at 10.0.0.7');
    });
    const result = await propose(
      { skill: 'status.compute', args: { cluster: 'cpu-cluster-01' }, source: 'command' },
      context(alex, failing),
      failing,
    );
    expect(result.view).toBe('message');
    if (result.view === 'message') {
      expect(result.text).toContain('01234567');
      expect(result.text).not.toContain('10.0.0.7');
    }
  });

  it('answers without the skill when it takes longer than the turn budget', async () => {
    const slow = catalogWith(() => new Promise(() => undefined));
    const audit = new MemoryAuditLog();
    const result = await propose(
      { skill: 'status.compute', args: { cluster: 'cpu-cluster-01' }, source: 'command' },
      { ...context(alex, slow, audit), turnBudgetInMs: 50 },
      slow,
    );
    expect(result).toMatchObject({ view: 'message', tone: 'warning' });
    if (result.view === 'message') expect(result.text).toContain('did not answer within 50 ms');
    expect(audit.events[0]).toMatchObject({
      skill: 'status.compute',
      decision: 'allowed',
      outcome: 'timeout',
    });
  });

  it('cuts long text arguments in the audit log of a request that ran', async () => {
    const echo = catalogWith(async () => ({ view: 'message', text: 'ok' }));
    const audit = new MemoryAuditLog();
    await propose(
      { skill: 'status.compute', args: { cluster: 'c'.repeat(400) }, source: 'command' },
      context(alex, echo, audit),
      echo,
    );
    expect(audit.events[0].decision).toBe('allowed');
    expect(String(audit.events[0].args.cluster).length).toBeLessThan(210);
  });

  it('keeps undeclared and oversized arguments out of the audit log', async () => {
    const audit = new MemoryAuditLog();
    await propose(
      {
        skill: 'endpoint.scale',
        args: { endpoint: 'x'.repeat(5000), instances: 2, evil: 'DROP TABLE' },
        source: 'router',
      },
      context(diego, catalog, audit),
      catalog,
    );
    const args = audit.events[0].args;
    expect(args).not.toHaveProperty('evil');
    expect(String(args.endpoint).length).toBeLessThan(210);
  });
});

describe('SkillCatalog', () => {
  it('declares every skill of the catalog (v1, incident.note and incident.severity) with at least 8 examples', () => {
    const catalog = createCatalog();
    expect(catalog.list()).toHaveLength(20);
    for (const skill of catalog.list()) expect(skill.examples.length).toBeGreaterThanOrEqual(8);
  });

  it('fails loudly on a duplicate id', () => {
    expect(() => new SkillCatalog([...allSkills, allSkills[0]])).toThrow('skill "help" is declared twice');
  });

  it('fails loudly on a skill with too few examples', () => {
    const thin = allSkills.map((s) => (s.id === 'status.quota' ? { ...s, examples: ['quota'] } : s));
    expect(() => new SkillCatalog(thin)).toThrow('"status.quota" has 1 examples');
  });

  it('fails loudly on a missing skill', () => {
    expect(() => new SkillCatalog(allSkills.filter((s) => s.id !== 'incident.ack'))).toThrow(
      'no declaration for incident.ack',
    );
  });
});
