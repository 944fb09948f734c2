import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const preload = join(__dirname, '..', '..', '..', '..', 'bot', 'dev', 'loopback-only.cjs');

/** Starts a server in a child process with the preload and prints the address it listens on. */
function addressWith(listenCall: string): string {
  const script = `const s = require('node:net').createServer(); ${listenCall}; s.on('listening', () => { console.log(s.address().address); s.close(); });`;
  return execFileSync(process.execPath, ['--require', preload, '-e', script], { encoding: 'utf8' }).trim();
}

describe('loopback-only preload for the Agents Playground', () => {
  it.each([
    ['a port alone', 's.listen(0)'],
    ['all IPv4 interfaces', "s.listen(0, '0.0.0.0')"],
    ['all IPv6 interfaces', "s.listen(0, '::')"],
    ['an options object with a host', "s.listen({ port: 0, host: '0.0.0.0' })"],
    ['an options object without a host', 's.listen({ port: 0 })'],
    ['no arguments', 's.listen()'],
  ])('binds 127.0.0.1 for %s', (_name, call) => {
    expect(addressWith(call)).toBe('127.0.0.1');
  });
});
