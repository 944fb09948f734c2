import { handleSimCommand, type SimCommandOptions } from '../../../../bot/handlers/sim-command.handler';
import { ManualClock } from '../../../../core/clock';
import { UserFacingError } from '../../../../core/errors';
import type { ScenarioControl } from '../../../../core/ports';
import { MemoryAuditLog } from '../../../helpers/memory-audit-log';

class Switches implements ScenarioControl {
  readonly active = new Set<string>();
  listScenarios() {
    return ['endpoint-503', 'latency-degraded'].map((name) => ({
      name,
      description: `${name} happens`,
      active: this.active.has(name),
    }));
  }
  setScenario(name: string, active: boolean) {
    if (!this.listScenarios().some((s) => s.name === name))
      throw new UserFacingError('OPS-202', `There is no scenario called "${name}".`);
    if (active) this.active.add(name);
    else this.active.delete(name);
  }
  clearScenarios() {
    this.active.clear();
  }
}

const turn = (text: string) => ({
  text,
  caller: { aadObjectId: 'alex', name: 'Alex Wilber', roles: ['l2' as const] },
  conversationId: 'c1',
  correlationId: 'k1',
});

function options(localMode: boolean): SimCommandOptions & { scenarios: Switches; audit: MemoryAuditLog } {
  return {
    localMode,
    scenarios: new Switches(),
    audit: new MemoryAuditLog(),
    clock: new ManualClock('2026-11-27T10:00:00Z'),
  };
}

describe('handleSimCommand', () => {
  it('leaves other text to the dialog', async () => {
    expect(await handleSimCommand(turn('status'), options(true))).toBeUndefined();
    expect(await handleSimCommand(turn('simulate nothing'), options(true))).toBeUndefined();
  });

  it('switches a scenario on and off in local mode, with an audit event each time', async () => {
    const o = options(true);
    expect(await handleSimCommand(turn('sim scenario endpoint-503'), o)).toMatchObject({
      title: 'Scenario endpoint-503 is on',
    });
    expect([...o.scenarios.active]).toEqual(['endpoint-503']);
    await handleSimCommand(turn('sim scenario endpoint-503 off'), o);
    expect(o.scenarios.active.size).toBe(0);
    expect(o.audit.events.map((e) => [e.args, e.decision])).toEqual([
      [{ scenario: 'endpoint-503', active: true }, 'allowed:local-mode'],
      [{ scenario: 'endpoint-503', active: false }, 'allowed:local-mode'],
    ]);
  });

  it('clears every scenario with `sim scenario off`', async () => {
    const o = options(true);
    o.scenarios.setScenario('latency-degraded', true);
    await handleSimCommand(turn('sim scenario off'), o);
    expect(o.scenarios.active.size).toBe(0);
  });

  it('names the known scenarios when the name is unknown', async () => {
    const result = await handleSimCommand(turn('sim scenario meteor'), options(true));
    expect(result).toMatchObject({ tone: 'warning', title: 'There is no scenario called "meteor".' });
    expect(result?.text).toContain('latency-degraded');
  });

  it('is not available in production mode and changes nothing', async () => {
    const o = options(false);
    const result = await handleSimCommand(turn('sim scenario endpoint-503'), o);
    expect(result).toMatchObject({ title: 'Simulator commands are not available here' });
    expect(o.scenarios.active.size).toBe(0);
    expect(o.audit.events[0]).toMatchObject({ decision: 'denied:production' });
  });

  it('explains its usage for a malformed sim command', async () => {
    expect(await handleSimCommand(turn('sim scenario endpoint-503 maybe'), options(true))).toMatchObject({
      title: 'Simulator command not understood',
    });
  });
});
