import dns from 'node:dns';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { isLoopbackHost, outsideLoopbackAttempts } from '../../setup/loopback-guard';

describe('the loopback guard every jest suite runs under', () => {
  it('refuses a socket to a public host, naming it, before any packet leaves', () => {
    const socket = new net.Socket();
    expect(() => socket.connect(443, 'example.com')).toThrow(/"example\.com" refused/);
    expect(() => net.connect({ host: '20.190.160.1', port: 443 })).toThrow(/"20\.190\.160\.1" refused/);
    expect(outsideLoopbackAttempts()).toEqual(expect.arrayContaining(['example.com', '20.190.160.1']));
    socket.destroy();
  });

  it('refuses an HTTP request to the instance-metadata address', () => {
    expect(() => request('http://169.254.169.254/metadata/identity/oauth2/token')).toThrow(
      /"169\.254\.169\.254" refused/,
    );
  });

  it('refuses DNS lookups of public names, callback and promise style', async () => {
    expect(() => dns.lookup('management.azure.com', () => undefined)).toThrow(/"management\.azure\.com"/);
    await expect(dns.promises.lookup('login.microsoftonline.com')).rejects.toThrow(
      /"login\.microsoftonline\.com" refused/,
    );
  });

  it('lets loopback through: a request to a server on 127.0.0.1 and a lookup of localhost', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        request(`http://localhost:${port}/`, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
      expect(body).toBe('ok');
      expect(['127.0.0.1', '::1']).toContain((await dns.promises.lookup('localhost')).address);
    } finally {
      server.close();
    }
  });

  it('is registered for every jest suite, before any test file runs', () => {
    for (const file of ['jest.config.js', 'jest.e2e.config.js']) {
      const config = require(`../../../${file}`) as { setupFiles?: string[] };
      expect(config.setupFiles).toContain('<rootDir>/test/setup/loopback-guard.ts');
    }
  });

  it('tells loopback addresses from others', () => {
    expect(
      ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].map(isLoopbackHost),
    ).toEqual([true, true, true, true, true, true]);
    expect(
      ['10.0.0.1', '169.254.169.254', 'example.com', '::ffff:10.0.0.1', '127.example.com'].map(
        isLoopbackHost,
      ),
    ).toEqual([false, false, false, false, false]);
  });
});
