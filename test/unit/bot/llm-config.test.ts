import { loadBotConfig } from '../../../bot/config';
import { ConfigError } from '../../../core/errors';

const endpoint = 'https://contoso-aoai.openai.azure.com';

describe('Azure OpenAI settings from the environment', () => {
  it('has no LLM router unless endpoint and deployment are set', () => {
    expect(loadBotConfig({}).llm).toBeUndefined();
  });

  it('reads endpoint, deployment and key, with the default API version, deadline and breaker', () => {
    const config = loadBotConfig({
      AZURE_OPENAI_ENDPOINT: `${endpoint}/`,
      AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-router',
      AZURE_OPENAI_API_KEY: 'k'.repeat(32),
    });
    expect(config.llm).toEqual({
      endpoint,
      deployment: 'gpt-4o-router',
      apiVersion: '2024-10-21',
      auth: { kind: 'key', apiKey: 'k'.repeat(32) },
      temperature: 0,
      timeoutInMs: 4000,
      breaker: { failureThreshold: 3, coolDownInMs: 30_000 },
    });
  });

  it('takes the API version, the deadline and the breaker from the environment', () => {
    const llm = loadBotConfig({
      AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:8443',
      AZURE_OPENAI_DEPLOYMENT: 'router',
      AZURE_OPENAI_API_KEY: 'key',
      AZURE_OPENAI_API_VERSION: '2025-01-01-preview',
      AZURE_OPENAI_TIMEOUT_MS: '1500',
      AZURE_OPENAI_BREAKER_FAILURES: '5',
      AZURE_OPENAI_BREAKER_COOLDOWN_MS: '60000',
    }).llm;
    expect(llm).toMatchObject({
      endpoint: 'http://127.0.0.1:8443',
      apiVersion: '2025-01-01-preview',
      timeoutInMs: 1500,
      breaker: { failureThreshold: 5, coolDownInMs: 60_000 },
    });
  });

  it('sends temperature 0 unless told a number from 0 to 2 or to omit it', () => {
    const base = {
      AZURE_OPENAI_ENDPOINT: endpoint,
      AZURE_OPENAI_DEPLOYMENT: 'o3-router',
      AZURE_OPENAI_API_KEY: 'key',
    };
    expect(loadBotConfig({ ...base, AZURE_OPENAI_TEMPERATURE: 'omit' }).llm?.temperature).toBe('omit');
    expect(loadBotConfig({ ...base, AZURE_OPENAI_TEMPERATURE: '0.2' }).llm?.temperature).toBe(0.2);
    expect(() => loadBotConfig({ ...base, AZURE_OPENAI_TEMPERATURE: 'hot' })).toThrow(ConfigError);
    expect(() => loadBotConfig({ ...base, AZURE_OPENAI_TEMPERATURE: '3' })).toThrow(/0 to 2 or "omit"/);
  });

  it('uses Microsoft Entra without a key in live mode only', () => {
    const live = {
      MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
      MICROSOFT_APP_PASSWORD: 'pw',
      LANDING_ZONE: 'azure',
      AZURE_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      AZURE_OPENAI_ENDPOINT: endpoint,
      AZURE_OPENAI_DEPLOYMENT: 'router',
    };
    expect(loadBotConfig(live).llm?.auth).toEqual({
      kind: 'entra',
      managedIdentityClientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    });
    expect(() =>
      loadBotConfig({ AZURE_OPENAI_ENDPOINT: endpoint, AZURE_OPENAI_DEPLOYMENT: 'router' }),
    ).toThrow(/AZURE_OPENAI_API_KEY is not set.*LANDING_ZONE=azure/);
  });

  it.each([
    [{ AZURE_OPENAI_ENDPOINT: endpoint, AZURE_OPENAI_API_KEY: 'k' }, /AZURE_OPENAI_DEPLOYMENT is not set/],
    [{ AZURE_OPENAI_DEPLOYMENT: 'router', AZURE_OPENAI_API_KEY: 'k' }, /AZURE_OPENAI_ENDPOINT is not set/],
    [{ AZURE_OPENAI_API_KEY: 'k' }, /also needs AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT/],
    [
      { AZURE_OPENAI_ENDPOINT: 'contoso', AZURE_OPENAI_DEPLOYMENT: 'r', AZURE_OPENAI_API_KEY: 'k' },
      /not a URL/,
    ],
    [
      {
        AZURE_OPENAI_ENDPOINT: 'http://contoso.openai.azure.com',
        AZURE_OPENAI_DEPLOYMENT: 'r',
        AZURE_OPENAI_API_KEY: 'k',
      },
      /must be an https URL/,
    ],
    [
      {
        AZURE_OPENAI_ENDPOINT: `${endpoint}/openai/deployments/r`,
        AZURE_OPENAI_DEPLOYMENT: 'r',
        AZURE_OPENAI_API_KEY: 'k',
      },
      /without a path/,
    ],
    [
      { AZURE_OPENAI_ENDPOINT: endpoint, AZURE_OPENAI_DEPLOYMENT: 'a/b', AZURE_OPENAI_API_KEY: 'k' },
      /not a deployment name/,
    ],
    [
      {
        AZURE_OPENAI_ENDPOINT: endpoint,
        AZURE_OPENAI_DEPLOYMENT: 'r',
        AZURE_OPENAI_API_KEY: 'k',
        AZURE_OPENAI_API_VERSION: 'latest',
      },
      /not an API version/,
    ],
    [
      {
        AZURE_OPENAI_ENDPOINT: endpoint,
        AZURE_OPENAI_DEPLOYMENT: 'r',
        AZURE_OPENAI_API_KEY: 'k',
        AZURE_OPENAI_TIMEOUT_MS: '10',
      },
      /AZURE_OPENAI_TIMEOUT_MS: expected a whole number from 100 to 60000/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => loadBotConfig(env)).toThrow(ConfigError);
    expect(() => loadBotConfig(env)).toThrow(message);
  });
});
