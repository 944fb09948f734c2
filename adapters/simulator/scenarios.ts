import { ErrorCodes, UserFacingError } from '../../core/errors';

/** One named fault the simulator can switch on, for demos, training and what-if questions. */
export interface ScenarioDefinition {
  name: string;
  description: string;
}

/** The simulator's fault scenarios. Names are what `SIM_SCENARIOS` and the chat use. */
export const scenarioCatalog = [
  {
    name: 'endpoint-503',
    description:
      'fraud-detection answers part of its traffic with HTTP 503, availability drops below 99% and the AKS inference cluster is degraded',
  },
  {
    name: 'gpu-quota-exceeded',
    description: 'the GPU VM family quota is used up: GPU training jobs fail with a quota-exceeded reason',
  },
  {
    name: 'training-failures',
    description:
      'training jobs fail one after another (out of memory, image pull, data access denied): more than the hourly threshold',
  },
  {
    name: 'latency-degraded',
    description: 'inference P95 latency climbs to 250–450 ms on every endpoint',
  },
  {
    name: 'aoai-unreachable',
    description: 'Azure OpenAI cannot be reached: its private endpoint no longer resolves in DNS',
  },
  {
    name: 'cost-anomaly',
    description: "an unexpected charge pushes today's spend well above the daily average",
  },
  {
    name: 'storage-near-capacity',
    description: 'the data lake fills up past the near-capacity threshold',
  },
  {
    name: 'security-alert',
    description:
      'Sentinel raises a high-severity alert: mass secret reads from Key Vault by an unfamiliar identity',
  },
  {
    name: 'backup-failed',
    description: "last night's ML workspace configuration backup failed",
  },
] as const satisfies readonly ScenarioDefinition[];

export type ScenarioName = (typeof scenarioCatalog)[number]['name'];

/**
 * Which scenarios are switched on, and since when. A scenario is a lens over the simulated landing
 * zone: while it is on it shapes every reading from its switch-on instant; switched off, its effects
 * are gone, history included, so clearing scenarios always gives the normal picture back.
 */
export class ScenarioBoard {
  private readonly since = new Map<ScenarioName, number>();

  list(): { name: string; description: string; active: boolean }[] {
    return scenarioCatalog.map((s) => ({
      name: s.name,
      description: s.description,
      active: this.since.has(s.name),
    }));
  }

  /** Switches a scenario on or off; switching on one that is on keeps its original instant. */
  set(name: string, active: boolean, at: number): void {
    const known = this.known(name);
    if (!active) this.since.delete(known);
    else if (!this.since.has(known)) this.since.set(known, at);
  }

  clear(): void {
    this.since.clear();
  }

  /** The instant the scenario was switched on, when it is on. */
  activeSince(name: ScenarioName): number | undefined {
    return this.since.get(name);
  }

  /** True when the scenario shapes the landing zone at instant `t`. */
  affects(name: ScenarioName, t: number): boolean {
    const since = this.since.get(name);
    return since !== undefined && since <= t;
  }

  private known(name: string): ScenarioName {
    const found = scenarioCatalog.find((s) => s.name === name.trim().toLowerCase());
    if (!found) {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `There is no simulator scenario called "${name}". Known scenarios: ${scenarioCatalog.map((s) => s.name).join(', ')}.`,
        { scenario: name },
      );
    }
    return found.name;
  }
}
