import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBotConfig } from '../../../bot/config';
import { ConfigError } from '../../../core/errors';

const shipped = readFileSync(join(__dirname, '..', '..', '..', 'config', 'landing-zone.yaml'), 'utf8');

function withConfigFile(text: string): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-config-'));
  writeFileSync(join(dir, 'lz.yaml'), text);
  return { dir, env: { OPSBOT_CONFIG: 'lz.yaml' } };
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadBotConfig', () => {
  it('uses the embedded defaults: local mode on loopback, port 3978, SQLite under data/', () => {
    const config = loadBotConfig({});
    expect(config).toMatchObject({
      configPath: 'config/landing-zone.yaml',
      localMode: true,
      host: '127.0.0.1',
      port: 3978,
      databaseUrl: 'sqlite:data/opsbot.db',
      logLevel: 'info',
      landingZoneKind: 'simulator',
      simScenarios: [],
      shutdownGraceMs: 10000,
    });
    expect(config.credentials).toBeUndefined();
    expect(config.landingZone.people).toHaveLength(8);
  });

  it('keeps the trained router in data/cache under the working directory, elsewhere on request, or nowhere', () => {
    expect(loadBotConfig({}, { cwd: '/srv/opsbot' }).routerCacheDir).toBe('/srv/opsbot/data/cache');
    expect(loadBotConfig({ ROUTER_CACHE_DIR: 'cache' }, { cwd: '/srv/opsbot' }).routerCacheDir).toBe(
      '/srv/opsbot/cache',
    );
    expect(loadBotConfig({ ROUTER_CACHE_DIR: '/var/cache/opsbot' }).routerCacheDir).toBe('/var/cache/opsbot');
    expect(loadBotConfig({ ROUTER_CACHE_DIR: 'off' }).routerCacheDir).toBeUndefined();
  });

  it('reads the environment it is given and nothing else', () => {
    const before = { ...process.env };
    const config = loadBotConfig({
      PORT: '0',
      SIM_SCENARIOS: 'endpoint-503, training-failures',
      SIM_SEED: '42',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 0,
      simScenarios: ['endpoint-503', 'training-failures'],
      simSeed: 42,
      logLevel: 'warn',
    });
    expect(process.env).toEqual(before);
  });

  it('switches to production mode with an app id and password, binding all interfaces', () => {
    const config = loadBotConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret' });
    expect(config.localMode).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.credentials).toEqual({
      appId: 'app',
      appPassword: 'secret',
      appType: 'MultiTenant',
      tenantId: undefined,
    });
  });

  it('accepts a user-assigned managed identity without a password', () => {
    const config = loadBotConfig({
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      MICROSOFT_APP_TENANT_ID: 't',
    });
    expect(config.localMode).toBe(false);
    expect(config.credentials?.appPassword).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: expected a whole number from 0 to 65535, got "eighty"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: Invalid option'],
    [{ LANDING_ZONE: 'aws' }, 'LANDING_ZONE: Invalid option'],
    [{ MICROSOFT_APP_ID: 'app' }, 'MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is not'],
    [{ MICROSOFT_APP_PASSWORD: 'p' }, 'MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is not'],
    [
      { MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'SingleTenant' },
      'needs MICROSOFT_APP_TENANT_ID',
    ],
    [{ HOST: '0.0.0.0' }, 'local mode (no MICROSOFT_APP_ID) listens on 127.0.0.1 only'],
    [{ SHUTDOWN_GRACE_MS: '-5' }, 'SHUTDOWN_GRACE_MS'],
  ])('rejects the environment %j', (env, expected) => {
    expect(errorOf(() => loadBotConfig(env))).toContain(expected);
  });

  it('names the file, the path inside it and the problem for an invalid role', () => {
    const { dir, env } = withConfigFile(shipped.replace('roles: [l1]', 'roles: [janitor]'));
    const message = errorOf(() => loadBotConfig(env, { cwd: dir }));
    expect(message).toMatch(/^lz\.yaml: people\[3\]\.roles\[0\]: Invalid option: expected one of "viewer"/);
  });

  it('rejects a section it does not know instead of ignoring it', () => {
    const { dir, env } = withConfigFile(`${shipped}\ngroups:\n  - groupId: g-cab\n    roles: [cab]\n`);
    expect(errorOf(() => loadBotConfig(env, { cwd: dir }))).toMatch(/^lz\.yaml: .*groups/);
  });

  it('names the line of a YAML syntax error', () => {
    const { dir, env } = withConfigFile('landingZone:\n  name: [unclosed\n');
    expect(errorOf(() => loadBotConfig(env, { cwd: dir }))).toMatch(/^lz\.yaml:\d+:\d+ YAML syntax:/);
  });

  it('says when the file does not exist', () => {
    expect(errorOf(() => loadBotConfig({ OPSBOT_CONFIG: 'missing.yaml' }, { cwd: tmpdir() }))).toContain(
      'missing.yaml: file not found',
    );
  });
});
