import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Runs `opsbot serve` with exactly this environment (plus PATH); resolves when it prints or exits. */
function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [join(root, 'bin', 'opsbot.js'), 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)\/api\/messages/.exec(stdout);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  listening.catch(() => undefined);
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe('opsbot serve', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'opsbot-serve-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('does not start on an invalid config: exit code 1 and the file, path and problem on stderr', async () => {
    const broken = readFileSync(join(root, 'config', 'landing-zone.yaml'), 'utf8').replace(
      'roles: [cab]',
      'roles: [bouncer]',
    );
    writeFileSync(join(dir, 'broken.yaml'), broken);
    const run = serve({
      OPSBOT_CONFIG: join(dir, 'broken.yaml'),
      DATABASE_URL: 'sqlite::memory:',
      PORT: '0',
    });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toContain(
      `${join(dir, 'broken.yaml')}: people[1].roles[0]: Invalid option: expected one of`,
    );
    expect(run.output().stdout).not.toContain('listening');
  });

  it('says it runs in local mode on loopback, serves, and stops cleanly on SIGTERM', async () => {
    const run = serve({ DATABASE_URL: `sqlite:${join(dir, 'serve.db')}`, PORT: '0', LOG_LEVEL: 'warn' });
    const url = await run.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.output().stdout).toMatch(/LOCAL MODE/);
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'local' });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});
