import { ComposedLandingZone } from '../composed-landing-zone';
import type { ScenarioControl } from '../../core/ports';
import { SimulatedCompute } from './simulated-compute';
import { SimulatedEndpoints } from './simulated-endpoints';
import { SimulatedKeyRotation } from './simulated-key-rotation';
import { SimulatedMonitoring } from './simulated-monitoring';
import { SimulatedQuota } from './simulated-quota';
import { SimulatorState, type SimulatedLandingZoneOptions } from './simulator-state';

export type { SimulatedLandingZoneOptions } from './simulator-state';

/**
 * The embedded landing zone (demo, training, what-if): every resource of the config with readings
 * that follow a daily cycle plus seeded noise, named fault scenarios, and change operations that
 * really change what later reads show. Change operations complete at once; `waitBudgetInMs` is
 * never reached. Names are canonical names (the router resolves aliases), matched without regard
 * to case. The state is one `SimulatorState`; each seam is a file of its own (`simulated-compute`,
 * `-endpoints`, `-monitoring`, `-quota`, `-key-rotation`).
 */
export class SimulatedLandingZone extends ComposedLandingZone implements ScenarioControl {
  private readonly state: SimulatorState;

  constructor(options: SimulatedLandingZoneOptions) {
    const state = new SimulatorState(options);
    const compute = new SimulatedCompute(state);
    const quota = new SimulatedQuota(state, compute);
    const endpoints = new SimulatedEndpoints(state, quota);
    const monitoring = new SimulatedMonitoring(state, endpoints);
    super(true, {
      compute,
      endpoints,
      health: monitoring,
      jobs: monitoring,
      alerts: monitoring,
      quota,
      cost: monitoring,
      backups: monitoring,
      storage: monitoring,
      keyRotation: new SimulatedKeyRotation(state),
    });
    this.state = state;
    const start = state.now();
    for (const name of options.scenarios ?? []) state.scenarios.set(name, true, start);
  }

  listScenarios(): { name: string; description: string; active: boolean }[] {
    return this.state.scenarios.list();
  }

  setScenario(name: string, active: boolean): void {
    this.state.scenarios.set(name, active, this.state.now());
  }

  clearScenarios(): void {
    this.state.scenarios.clear();
  }
}
