import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { ManualClock } from '../../core/clock';
import type { LandingZone, ScenarioControl } from '../../core/ports';
import { loadShippedConfig } from '../helpers/landing-zone-config';

/** One implementation of the port under test, with the state behind it. */
export interface ContractSubject {
  landingZone: LandingZone;
  /** The scenario switches of the state behind it (the simulator, directly or behind the fake server). */
  scenarios: ScenarioControl;
  clock: ManualClock;
  close?: () => Promise<void>;
}

/** Builds a fresh subject on a config: the simulator, or the Azure adapter over the fake ARM server. */
export type CreateContractSubject = (config: LandingZoneConfig) => Promise<ContractSubject>;

/** The instant every contract test starts at: a Wednesday afternoon, outside any blackout. */
export const contractStart = '2026-01-14T15:00:00Z';

/** The shipped config plus one compute instance, so start/stop have something to act on. */
export function contractConfig(): LandingZoneConfig {
  const config = loadShippedConfig();
  config.computes.push({
    name: 'ci-ops-01',
    kind: 'computeinstance',
    vmSize: 'Standard_DS3_v2',
    vmFamily: 'standardDSv2Family',
    minNodes: 0,
    maxNodes: 1,
    aliases: [],
  });
  return config;
}

export async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/** What one contract test works with: the config, the subject, and the seam of it under test. */
export interface SeamContext<T> {
  config: LandingZoneConfig;
  subject: ContractSubject;
  lz: T;
}

/**
 * A describe block of one seam's contract: every test gets a fresh subject on `contractConfig()`,
 * seen through the seam's port only, and closes it afterwards.
 */
export function seamContract<T>(
  title: string,
  create: CreateContractSubject,
  seam: (landingZone: LandingZone) => T,
  tests: (t: SeamContext<T>) => void,
): void {
  describe(title, () => {
    const t = {} as SeamContext<T>;

    beforeEach(async () => {
      t.config = contractConfig();
      t.subject = await create(t.config);
      t.lz = seam(t.subject.landingZone);
    });

    afterEach(async () => {
      await t.subject.close?.();
    });

    tests(t);
  });
}
