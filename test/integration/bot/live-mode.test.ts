import { get } from 'node:http';
import { startBot } from '../../../bot/index';

const base = { DATABASE_URL: 'sqlite::memory:', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
const production = {
  MICROSOFT_APP_ID: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
};
const azure = {
  LANDING_ZONE: 'azure',
  AZURE_SUBSCRIPTION_ID: '3f2c9a51-7d1e-4c7b-9a0e-5b8d6e4f2a10',
  AZURE_LOG_ANALYTICS_WORKSPACE_ID: '8b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
};

function getJson(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve(JSON.parse(body) as Record<string, unknown>));
    }).on('error', reject);
  });
}

describe('live mode (LANDING_ZONE=azure)', () => {
  it('is refused in local mode, which has no authentication', async () => {
    await expect(startBot({ env: { ...base, ...azure } })).rejects.toThrow(
      'LANDING_ZONE=azure needs production mode',
    );
  });

  it('refuses to start without a subscription, naming the variable', async () => {
    await expect(startBot({ env: { ...base, ...production, LANDING_ZONE: 'azure' } })).rejects.toThrow(
      'AZURE_SUBSCRIPTION_ID',
    );
  });

  it('starts on the Azure adapter in production mode without contacting Azure', async () => {
    const bot = await startBot({ env: { ...base, ...production, ...azure } });
    try {
      expect(bot.landingZone.simulated).toBe(false);
      expect(bot.scenarios).toBeUndefined();
      await expect(getJson(`${bot.url}/healthz`)).resolves.toMatchObject({
        landingZone: 'azure',
        mode: 'production',
        status: 'ok',
      });
    } finally {
      await bot.close();
    }
  });
});
