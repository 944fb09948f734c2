import { spawn } from 'node:child_process';
import path from 'node:path';

/** A child process running one of the storage test scripts: ready once it printed `ready`, started by `go()`. */
export interface ChildScript<T> {
  ready: Promise<void>;
  go(): void;
  /** The JSON of the script's last output line, once it exited with 0. */
  result: Promise<T>;
}

/**
 * Starts `script` (a file beside this one) under tsx with `args`. The script prints `ready`, waits for
 * `go` on stdin, does its work and prints its result as JSON on its last line.
 */
export function startChildScript<T>(script: string, args: string[]): ChildScript<T> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', path.join(__dirname, script), ...args], {
    cwd: path.resolve(__dirname, '../../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const result = new Promise<T>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code}: ${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as T);
    });
  });
  result.catch(() => markReady());
  return { ready, go: () => child.stdin.end('go\n'), result };
}
