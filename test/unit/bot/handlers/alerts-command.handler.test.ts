import { handleAlertsCommand } from '../../../../bot/handlers/alerts-command.handler';
import type { RoleId } from '../../../../core/config/landing-zone.schema';
import { AlertChannel } from '../../../../skills/incident/alert-channel';
import { MemoryAuditLog } from '../../../helpers/memory-audit-log';
import { MemoryKeyValueStore } from '../../../helpers/memory-key-value-store';

function setUp(localMode: boolean, configured?: string) {
  const audit = new MemoryAuditLog();
  const alertChannel = new AlertChannel(new MemoryKeyValueStore(), configured);
  const options = { localMode, alertChannel, audit, clock: { now: () => new Date('2026-01-05T08:00:00Z') } };
  const turn = (
    text: string,
    roles: RoleId[],
    conversationId = 'ops-room',
    conversationType = 'channel',
  ) => ({
    text,
    caller: { aadObjectId: 'a', name: 'Alex', roles },
    conversationId,
    conversationType,
    correlationId: 'r',
  });
  return { options, turn, audit, alertChannel };
}

describe('alerts here', () => {
  it('leaves `alerts` and other text to the dialog (the alerts status)', async () => {
    const { options, turn } = setUp(false);
    for (const text of ['alerts', 'alerts firing here?', 'what alerts are there here'])
      expect(await handleAlertsCommand(turn(text, ['l2']), options)).toBeUndefined();
  });

  it('makes this channel the ops channel for an operator, replacing the configured one, and keeps who chose it', async () => {
    const { options, turn, alertChannel, audit } = setUp(false, 'configured-channel');
    expect(await alertChannel.current()).toBe('configured-channel');
    const answer = await handleAlertsCommand(turn('alerts here', ['l3']), options);
    expect(answer?.text).toMatch(/posted to this conversation from now on instead of the previous one/);
    expect(await alertChannel.current()).toBe('ops-room');
    expect(await alertChannel.choice()).toEqual({
      conversationId: 'ops-room',
      chosenBy: 'Alex',
      chosenAt: '2026-01-05T08:00:00.000Z',
    });
    expect(audit.events.map((e) => [e.decision, e.detail])).toEqual([
      ['allowed', 'alert channel moved here'],
    ]);
    expect((await handleAlertsCommand(turn('alerts where', ['viewer']), options))?.text).toBe(
      'Azure Monitor alert cards come to this conversation.',
    );
  });

  it('refuses a caller without an operator role outside local mode, and a personal chat, changing nothing', async () => {
    const { options, turn, alertChannel, audit } = setUp(false, 'configured-channel');
    const denied = await handleAlertsCommand(turn('alerts here', ['l1', 'cab']), options);
    expect(denied?.title).toBe('Not allowed');
    expect(denied?.text).toContain('l2, l3, platform-architect');
    const personal = await handleAlertsCommand(turn('alerts here', ['l2'], 'dm-1', 'personal'), options);
    expect(personal?.title).toBe('Choose a shared conversation');
    expect(await alertChannel.current()).toBe('configured-channel');
    expect(audit.events.map((e) => e.decision)).toEqual(['denied:role', 'rejected:personal-chat']);
  });

  it('says alert intake is off when it is not configured', async () => {
    const { options, turn } = setUp(true);
    const answer = await handleAlertsCommand(turn('alerts here', ['l2']), {
      ...options,
      alertChannel: undefined,
    });
    expect(answer?.title).toBe('Alert intake is off');
  });
});
