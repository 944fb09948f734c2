import { createAzureLandingZone } from '../../../../adapters/azure/create-azure-landing-zone';
import { silentLogger } from '../../../../core/logger';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const real = {
  AZURE_SUBSCRIPTION_ID: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  AZURE_LOG_ANALYTICS_WORKSPACE_ID: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
};

describe('createAzureLandingZone', () => {
  it('refuses the placeholder subscription of the shipped config, naming the variable', () => {
    expect(() => createAzureLandingZone(loadShippedConfig(), {}, { logger: silentLogger })).toThrow(
      /AZURE_SUBSCRIPTION_ID/,
    );
  });

  it('refuses a missing Log Analytics workspace id', () => {
    expect(() =>
      createAzureLandingZone(
        loadShippedConfig(),
        { AZURE_SUBSCRIPTION_ID: real.AZURE_SUBSCRIPTION_ID },
        { logger: silentLogger },
      ),
    ).toThrow(/AZURE_LOG_ANALYTICS_WORKSPACE_ID/);
  });

  it('refuses a storage capacity that is not a positive number', () => {
    expect(() =>
      createAzureLandingZone(
        loadShippedConfig(),
        { ...real, AZURE_STORAGE_CAPACITY_TB: 'lots' },
        { logger: silentLogger },
      ),
    ).toThrow(/AZURE_STORAGE_CAPACITY_TB/);
  });

  it('builds a non-simulated landing zone without asking for a token', () => {
    const lz = createAzureLandingZone(loadShippedConfig(), real, { logger: silentLogger });
    expect(lz.simulated).toBe(false);
  });
});
