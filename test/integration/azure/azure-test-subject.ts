import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AzureLandingZone, type AzureLandingZoneOptions } from '../../../adapters/azure/azure-landing-zone';
import { createLoopbackHttpClient } from '../../../adapters/azure/loopback-http-client';
import { SimulatedLandingZone } from '../../../adapters/simulator/simulated-landing-zone';
import { ManualClock } from '../../../core/clock';
import type { LandingZoneConfig } from '../../../core/config/landing-zone.schema';
import { silentLogger } from '../../../core/logger';
import type { LandingZone } from '../../../core/ports';
import type { FakeRoleAssignment } from '../../fakes/azure-reference/fake-rbac';
import { FakeArmServer, type FakeArmServerOptions } from '../../fakes/fake-arm-server';
import { contractStart } from '../../contract/landing-zone.contract';

/** A token credential that hands out a fixed token: no identity endpoint, no network. */
export const staticCredential: AzureLandingZoneOptions['credential'] = {
  getToken: async () => ({ token: 'fake-arm-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** The simulator behind the fake ARM server, and the Azure adapter pointed at it. */
export interface AzureTestRig {
  sim: SimulatedLandingZone;
  fake: FakeArmServer;
  azure: AzureLandingZone;
  clock: ManualClock;
  /** Delays the retry logic asked for, instead of sleeping; the budgets' clock moves on by each. */
  sleeps: number[];
  close(): Promise<void>;
}

/** How a test shapes the fake: its options, and the state it serves (the simulator, or a view of it). */
export interface AzureRigFakeOptions extends Partial<Omit<FakeArmServerOptions, 'landingZone' | 'config'>> {
  serve?: (sim: SimulatedLandingZone) => LandingZone;
}

export async function startAzureRig(
  config: LandingZoneConfig,
  overrides: Partial<AzureLandingZoneOptions> = {},
  fakeOptions: AzureRigFakeOptions = {},
): Promise<AzureTestRig> {
  const clock = new ManualClock(contractStart);
  const sim = new SimulatedLandingZone({ config, clock, seed: 7 });
  const { serve, ...rest } = fakeOptions;
  const fake = await FakeArmServer.start({
    landingZone: serve ? serve(sim) : sim,
    config,
    clock,
    ...rest,
  });
  const sleeps: number[] = [];
  let slept = 0;
  const azure = new AzureLandingZone({
    config,
    credential: staticCredential,
    logger: silentLogger,
    clock,
    endpoints: fake.endpoints(),
    httpClient: createLoopbackHttpClient(),
    lroPollIntervalInMs: 5,
    sleep: async (ms) => {
      sleeps.push(ms);
      slept += ms;
    },
    now: () => performance.now() + slept,
    ...overrides,
  });
  return { sim, fake, azure, clock, sleeps, close: () => fake.close() };
}

const docs = join(__dirname, '..', '..', '..', 'docs');

/**
 * The documented custom roles, assigned where docs/azure-permissions.md says: the operator role at
 * the landing zone's resource group and the subscription reader at the subscription (or only the
 * first, for what goes wrong without the second).
 */
export function documentedAssignments(
  config: LandingZoneConfig,
  only?: 'resource group',
): FakeRoleAssignment[] {
  const sub = `/subscriptions/${config.landingZone.subscriptionId}`;
  const role = (file: string) =>
    JSON.parse(readFileSync(join(docs, file), 'utf8')) as { Actions: string[]; DataActions: string[] };
  const operator = role('opsbot-custom-role.json');
  return [
    {
      scope: `${sub}/resourceGroups/${config.landingZone.resourceGroup}`,
      actions: operator.Actions,
      dataActions: operator.DataActions,
    },
    ...(only ? [] : [{ scope: sub, actions: role('opsbot-subscription-role.json').Actions }]),
  ];
}
