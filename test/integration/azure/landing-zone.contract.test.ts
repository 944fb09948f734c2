import { SimulatedLandingZone } from '../../../adapters/simulator/simulated-landing-zone';
import { ManualClock } from '../../../core/clock';
import { contractStart, landingZoneContract } from '../../contract/landing-zone.contract';
import { documentedAssignments, startAzureRig } from './azure-test-subject';

landingZoneContract('simulator', async (config) => {
  const clock = new ManualClock(contractStart);
  const sim = new SimulatedLandingZone({ config, clock, seed: 7 });
  return { landingZone: sim, scenarios: sim, clock };
});

landingZoneContract(
  'Azure adapter over HTTP against the strict fake ARM server, with the documented roles',
  async (config) => {
    const rig = await startAzureRig(config, {}, { roleAssignments: documentedAssignments(config) });
    return { landingZone: rig.azure, scenarios: rig.sim, clock: rig.clock, close: rig.close };
  },
);
