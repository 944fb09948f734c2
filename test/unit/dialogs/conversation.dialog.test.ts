import { ManualClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import type { Intent } from '../../../core/routing/intent';
import type { Router } from '../../../core/routing/router';
import {
  ConversationDialog,
  maxMessageLength,
  type ConversationTurn,
} from '../../../dialogs/conversation.dialog';
import { createCatalog } from '../../../skills/catalog';
import type { Caller } from '../../../skills/skill';
import { FixedLandingZone } from '../../helpers/fixed-landing-zone';
import { loadShippedConfig } from '../../helpers/landing-zone-config';
import { MemoryAuditLog } from '../../helpers/memory-audit-log';

const config = loadShippedConfig();
const now = new Date('2026-11-27T10:00:00Z');
const alex: Caller = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  roles: ['l2'],
};

function dialogWith(router?: Router) {
  const audit = new MemoryAuditLog();
  const dialog = new ConversationDialog({
    config,
    catalog: createCatalog(),
    landingZone: new FixedLandingZone(now),
    audit,
    clock: new ManualClock(now),
    logger: silentLogger,
    router,
  });
  return { dialog, audit };
}

const turn = (text: string): ConversationTurn => ({
  text,
  caller: alex,
  conversationId: 'conv-1',
  correlationId: 'corr-1',
  localMode: true,
});

describe('ConversationDialog', () => {
  it('routes a strict command to its skill and audits it under the turn correlation id', async () => {
    const { dialog, audit } = dialogWith();
    const [result] = await dialog.handleMessage(turn('status fraud-detection'));
    expect(result.view).toBe('status.endpoint');
    expect(audit.events).toEqual([
      expect.objectContaining({
        skill: 'status.endpoint',
        correlationId: 'corr-1',
        actorId: alex.aadObjectId,
        outcome: 'ok',
      }),
    ]);
  });

  it('answers an unknown text with help pointers and an OPS-201 audit event when there is no router', async () => {
    const { dialog, audit } = dialogWith();
    const [result] = await dialog.handleMessage(turn('make me a sandwich'));
    expect(result).toMatchObject({ view: 'message', title: 'I did not understand that' });
    expect(result.view === 'message' && result.text).toContain('`help`');
    expect(audit.events).toEqual([
      expect.objectContaining({ skill: 'none', decision: 'unknown-command', outcome: 'error:OPS-201' }),
    ]);
  });

  it('asks the router when the text is not a command, and runs what it proposes', async () => {
    const proposals: string[] = [];
    const router: Router = {
      route: async (text: string): Promise<Intent> => {
        proposals.push(text);
        return { skill: 'status.quota', args: {}, confidence: 0.9, source: 'offline' };
      },
    };
    const { dialog, audit } = dialogWith(router);
    const [result] = await dialog.handleMessage(turn('how much gpu quota is left'));
    expect(proposals).toEqual(['how much gpu quota is left']);
    expect(result.view).toBe('status.quota');
    expect(audit.events[0]).toMatchObject({ skill: 'status.quota', detail: 'source=router confidence=0.90' });
  });

  it('takes strict commands itself when it has no router', async () => {
    const { dialog } = dialogWith(undefined);
    const [result] = await dialog.handleMessage(turn('help'));
    expect(result.view).toBe('help');
  });

  it('leaves strict commands to the router when it has one, so that one gate sees every request', async () => {
    const router: Router = {
      route: jest.fn(async () => ({
        skill: 'help' as const,
        args: {},
        confidence: 1,
        source: 'command' as const,
      })),
    };
    const { dialog } = dialogWith(router);
    await dialog.handleMessage(turn('help'));
    expect(router.route).toHaveBeenCalledWith('help', {
      caller: { aadObjectId: '00000000-0000-0000-0000-0000000000020', roles: ['l2'] },
      conversationId: 'conv-1',
      recentTurns: [],
    });
  });

  it('treats a router failure as not understood instead of failing the turn', async () => {
    const { dialog } = dialogWith({ route: async () => Promise.reject(new Error('model down')) });
    const [result] = await dialog.handleMessage(turn('something vague'));
    expect(result).toMatchObject({ view: 'message', title: 'I did not understand that' });
  });

  it('names the nearest skills when the router proposes none', async () => {
    const { dialog } = dialogWith({
      route: async () => ({
        skill: 'none',
        args: {},
        confidence: 0.2,
        source: 'offline',
        alternatives: [{ skill: 'status.jobs', confidence: 0.1 }],
      }),
    });
    const [result] = await dialog.handleMessage(turn('delete the gpu cluster'));
    expect(result.view === 'message' && result.text).toContain('status.jobs');
  });

  it('refuses a text over the length limit without routing or running anything', async () => {
    const router: Router = { route: jest.fn() };
    const { dialog, audit } = dialogWith(router);
    const [result] = await dialog.handleMessage(turn(`status ${'x'.repeat(maxMessageLength)}`));
    expect(result).toMatchObject({ view: 'message', title: 'That message is too long' });
    expect(router.route).not.toHaveBeenCalled();
    expect(audit.events).toEqual([
      expect.objectContaining({ skill: 'none', decision: 'rejected:too-long', outcome: 'error:OPS-203' }),
    ]);
  });

  it('audits an empty message (a bare @mention) once, and runs nothing', async () => {
    const router: Router = { route: jest.fn() };
    const { dialog, audit } = dialogWith(router);
    const [result] = await dialog.handleMessage(turn('   '));
    expect(result).toMatchObject({ view: 'message', text: expect.stringContaining('Send me a request') });
    expect(router.route).not.toHaveBeenCalled();
    expect(audit.events).toEqual([
      expect.objectContaining({ skill: 'none', args: {}, decision: 'empty', correlationId: 'corr-1' }),
    ]);
  });

  it('says which clusters exist for an unknown cluster', async () => {
    const { dialog } = dialogWith();
    const [result] = await dialog.handleMessage(turn('status gpu-cluster-99'));
    expect(result.view).toBe('message');
    const text = result.view === 'message' ? result.text : '';
    expect(text).toContain('gpu-cluster-99');
    expect(text).toContain('cpu-cluster-01');
    expect(text).toContain('gpu-cluster-01');
  });

  it('marks a command that came from a card button as such in the audit log', async () => {
    const { dialog, audit } = dialogWith();
    await dialog.handleMessage({ ...turn('alerts'), origin: 'card' });
    expect(audit.events[0].detail).toContain('source=card');
  });
});
