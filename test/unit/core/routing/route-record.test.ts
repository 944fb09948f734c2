import { formatRouteRecord, routeText, toRouteRecord } from '../../../../core/routing/route-record';
import type { Intent } from '../../../../core/routing/intent';
import type { Router } from '../../../../core/routing/router';

/** A router that records what it was asked and always answers the same. */
function recordingRouter(answer: Intent): Router & { asked: string[] } {
  const asked: string[] = [];
  return { asked, route: async (text) => (asked.push(text), answer) };
}

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

describe('routeText', () => {
  it('hands a command-looking message to the router once, as typed, and returns its answer', async () => {
    const answer: Intent = { skill: 'none', args: {}, confidence: 0.4, source: 'offline' };
    const router = recordingRouter(answer);
    await expect(routeText('  quota ', router)).resolves.toBe(answer);
    expect(router.asked).toEqual(['  quota ']);
  });
});

describe('toRouteRecord', () => {
  it('omits empty arguments and rounds the confidence to three decimals', () => {
    expect(
      toRouteRecord('scale fraud', {
        skill: 'endpoint.scale',
        args: { endpoint: 'fraud-detection', deployment: undefined, instances: null, reason: '' },
        confidence: 0.123456,
        source: 'offline',
      }),
    ).toEqual({
      text: 'scale fraud',
      skill: 'endpoint.scale',
      args: { endpoint: 'fraud-detection' },
      confidence: 0.123,
    });
  });
});

describe('formatRouteRecord', () => {
  it('escapes the characters line splitters break at, and stays the same JSON', () => {
    const record = { text: 'a\u2028b\u2029c\u0085d\ne\r\u000bf', skill: 'none', args: {}, confidence: 0.5 };
    const line = formatRouteRecord(record);
    expect(line).toBe(
      '{"text":"a\\u2028b\\u2029c\\u0085d\\ne\\r\\u000bf","skill":"none","args":{},"confidence":0.5}',
    );
    expect(splitAtEveryTerminator(line)).toEqual([line]);
    expect(JSON.parse(line)).toEqual(record);
  });
});
