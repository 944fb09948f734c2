import { Writable } from 'node:stream';
import { createLogger } from '../../../core/logger';

function capture(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('redacts secrets at the top level, one level down and in request headers', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        token: 'tok-1',
        secret: { value: 'val-2' },
        headers: { authorization: 'Bearer abc-3', 'api-key': 'key-4' },
        err: { request: { headers: { authorization: 'Bearer def-5' } } },
        call: { password: 'pw-6' },
        endpoint: 'fraud-detection',
      },
      'calling Azure',
    );
    const line = lines.join('');
    for (const leaked of ['tok-1', 'val-2', 'abc-3', 'key-4', 'def-5', 'pw-6'])
      expect(line).not.toContain(leaked);
    expect(line).toContain('fraud-detection');
    expect(line).toContain('[Redacted]');
  });
});
