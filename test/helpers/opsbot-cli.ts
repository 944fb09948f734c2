import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The repository root. */
export const projectRoot = join(__dirname, '..', '..');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/opsbot.js …` as a user would, with the shipped config and the given input. */
export function opsbot(args: string[], input?: string, env: Record<string, string> = {}): Promise<Finished> {
  const childEnv = { ...process.env, ...env };
  if (!('OPSBOT_CONFIG' in env)) delete childEnv.OPSBOT_CONFIG;
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'opsbot.js'), ...args], {
    cwd: projectRoot,
    env: childEnv,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
