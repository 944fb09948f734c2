import { get } from 'node:http';
import { startTestBot } from '../../helpers/test-bot';
import { startBot } from '../../../bot/index';

const liveEnv = {
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
  it('refuses to start without a subscription, naming the variable', async () => {
    await expect(
      startBot({ env: { DATABASE_URL: 'sqlite::memory:', PORT: '0', LOG_LEVEL: 'silent', LANDING_ZONE: 'azure' } }),
    ).rejects.toThrow('AZURE_SUBSCRIPTION_ID');
  });

  it('starts on the Azure adapter without contacting anything until a request needs Azure', async () => {
    const test = await startTestBot(liveEnv);
    try {
      expect(test.bot.landingZone.simulated).toBe(false);
      expect(test.bot.scenarios).toBeUndefined();
      await expect(getJson(`${test.bot.url}/healthz`)).resolves.toMatchObject({ landingZone: 'azure', status: 'ok' });
      // Simulator scenarios are not available against a real landing zone.
      const result = await test.say('sim scenario endpoint-503');
      expect(JSON.stringify(test.cards(result))).toContain('Simulator commands are not available here');
    } finally {
      await test.close();
    }
  });
});
