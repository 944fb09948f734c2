import { demoPeople } from '../helpers/landing-zone-config';
import { chromiumAvailable, startPlaygroundSession, type PlaygroundSession } from './playground-session';

// playground.test.ts fails on CI without chromium; here the same condition only skips.
const describeWithChromium = chromiumAvailable ? describe : describe.skip;

describeWithChromium(
  'change requests in the Agents Playground (Universal Actions, headless chromium)',
  () => {
    let requester: PlaygroundSession | undefined;
    let approver: PlaygroundSession | undefined;

    afterAll(async () => {
      await approver?.close();
      await requester?.close();
    });

    it('shows a Standard change as a proposal, runs it only when Confirm is pressed, and updates the card with the result', async () => {
      requester = await startPlaygroundSession('changes-requester');
      const s = requester;
      await s.botReply(0, 'Hello, I am opsbot');
      const before = await s.botMessageCount();
      await s.say('scale fraud-detection to 6');
      const card = await s.botReply(before, 'CHG-00001');
      await s.screenshot('standard-proposal');
      expect(await card.innerText()).toContain('from 3 to 6 instances');
      const blue = async () =>
        (await s.bot.landingZone.getEndpoint('fraud-detection')).deployments.find((d) => d.name === 'blue')!
          .instanceCount;
      expect(await blue()).toBe(3);

      await card.getByRole('button', { name: 'Confirm' }).click();
      await s.botReply(before, /CHG-00001[\s\S]*Done/, 20_000);
      await s.screenshot('standard-done');
      expect(await blue()).toBe(6);
      const executed = (await s.bot.audit.list({ limit: 200 })).filter((e) => e.decision === 'executed');
      expect(executed).toHaveLength(1);
    });

    it('shows a Normal change to the CAB approver with Approve and Reject, and records the approval', async () => {
      const s = requester!;
      const before = await s.botMessageCount();
      await s.say('scale fraud-detection to 12');
      const card = await s.botReply(before, 'CHG-00002');
      expect(await card.innerText()).toMatch(/CAB: waiting/);
      await s.screenshot('normal-proposal-requester');
      // The requester has no Approve button on their own change.
      expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);

      approver = await startPlaygroundSession('changes-approver', { as: 'Megan Bowen', bot: s.bot });
      const a = approver;
      const start = await a.botMessageCount();
      await a.say('what is waiting for my approval');
      const list = await a.botReply(start, 'Waiting for your approval');
      expect(await list.innerText()).toContain('CHG-00002');
      const shown = await a.botMessageCount();
      await list.getByRole('button', { name: 'Show CHG-00002' }).click();
      const view = await a.botReply(shown, /CHG-00002/);
      await a.screenshot('normal-approver-view');
      await view.getByRole('button', { name: 'Approve' }).click();
      await a.botReply(shown, /CAB: Megan Bowen/, 20_000);
      await a.screenshot('normal-approved-by-cab');
      const change = await s.bot.changes.get('CHG-00002');
      expect(change?.approvals.map((x) => x.actorId)).toEqual([demoPeople.megan]);
      expect(change?.state).toBe('pending');
    });
  },
);
