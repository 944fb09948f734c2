import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { opsbot, projectRoot } from '../../helpers/opsbot-cli';

/** Python's `str.splitlines` terminators and JavaScript's: a strict reader splits at any of them. */
const lineTerminators = new Set(['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029']);

function splitAtEveryTerminator(text: string): string[] {
  const lines = [''];
  for (const ch of text.replace(/\r\n/g, '\n')) {
    if (lineTerminators.has(ch)) lines.push('');
    else lines[lines.length - 1] += ch;
  }
  return lines;
}

/** Splits stdout into lines the way the strictest reader would. */
function outputLines(stdout: string): string[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return splitAtEveryTerminator(stdout.slice(0, -1));
}

describe('opsbot route (the command other tools read)', () => {
  it('--stdin prints exactly one JSON object per input line, in order, and nothing else', async () => {
    const longLine = `how is the fraud endpoint ${'doing really well '.repeat(600)}`.trim();
    expect(longLine.length).toBeGreaterThan(10_000);
    const lines = [
      'status',
      '',
      '   ',
      'How is the gpu clstr doing',
      'scale fraud to 8',
      'stop it',
      'café ☕ naïve 🚀 status of the gpu cluster',
      'line\u2028separator and\u2029paragraph',
      '\u0085',
      '\t',
      longLine,
      '<at>opsbot</at> quota',
      '"quoted" \\ back\\slash {"json": true}',
      'jobs 6',
    ];
    // CRLF on some lines, LF on others, and the last line without its newline.
    const input = lines
      .map((line, i) => (i === lines.length - 1 ? line : `${line}${i % 2 ? '\r\n' : '\n'}`))
      .join('');

    const { code, stdout, stderr } = await opsbot(['route', '--stdin'], input);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = outputLines(stdout);
    expect(out).toHaveLength(lines.length);
    const records = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => r.text)).toEqual(lines);
    for (const r of records) {
      expect(Object.keys(r)).toEqual(['text', 'skill', 'args', 'confidence']);
      expect(typeof r.skill).toBe('string');
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
    expect(records[0]).toMatchObject({ skill: 'status.overview', args: {}, confidence: 1 });
    expect(records[1]).toMatchObject({ skill: 'none', args: {} });
    expect(records[4]).toMatchObject({
      skill: 'endpoint.scale',
      args: { endpoint: 'fraud-detection', instances: 8 },
      confidence: 1,
    });
    expect(records[5].args).not.toHaveProperty('cluster', 'it');
    expect(records[lines.length - 1]).toMatchObject({ skill: 'status.jobs', args: { hours: 6 } });
  });

  it('routes "<text>" to one line', async () => {
    const { code, stdout, stderr } = await opsbot(['route', 'scale', 'fraud-detection to 8']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(outputLines(stdout)).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual({
      text: 'scale fraud-detection to 8',
      skill: 'endpoint.scale',
      args: { endpoint: 'fraud-detection', instances: 8 },
      confidence: 1,
    });
  });

  it.each([['--help'], ['-h']])('route %s prints the usage instead of routing it', async (flag) => {
    const { code, stdout, stderr } = await opsbot(['route', flag]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Usage: opsbot route "<text>"/);
    expect(stdout).toContain('--stdin');
    expect(stdout).not.toMatch(/^\{/m);
  });

  it('a message that starts with a dash goes after --; an unknown option is refused', async () => {
    const routed = await opsbot(['route', '--', '--help']);
    expect(JSON.parse(routed.stdout)).toMatchObject({ text: '--help' });
    const refused = await opsbot(['route', '--stdni']);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('unknown option "--stdni"');
  });

  it('bare `opsbot` prints the usage to stderr with exit code 2, and nothing on stdout', async () => {
    const { code, stdout, stderr } = await opsbot([]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^Usage: opsbot <command>/);
  });

  it('reads the config named by OPSBOT_CONFIG, relative to the current directory', async () => {
    const { code, stdout, stderr } = await opsbot(['route', 'status'], undefined, {
      OPSBOT_CONFIG: 'config/no-such-landing-zone.yaml',
    });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toContain(`config/no-such-landing-zone.yaml: file not found (looked at ${projectRoot}`);
  });

  it('stops quietly with exit code 0 when the reader closes the pipe early (| head -1)', async () => {
    const input = 'how is the gpu cluster doing\nstatus fraud-detection\n'.repeat(3000);
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'opsbot.js'), 'route', '--stdin'], {
      cwd: projectRoot,
      env: { ...process.env, OPSBOT_CONFIG: '' },
    });
    let stderr = '';
    let firstLine = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.stdout.setEncoding('utf8').once('data', (d: string) => {
      firstLine = d.split('\n')[0];
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(JSON.parse(firstLine)).toMatchObject({ skill: 'status.compute' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
