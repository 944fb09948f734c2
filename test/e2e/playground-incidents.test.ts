import { chromiumAvailable, startPlaygroundSession, type PlaygroundSession } from './playground-session';

const describeWithChromium = chromiumAvailable ? describe : describe.skip;

describeWithChromium(
  'an incident in the Agents Playground: declare, confirm, acknowledge, resolve (headless chromium)',
  () => {
    let session: PlaygroundSession | undefined;
    afterAll(async () => {
      await session?.close();
    });

    it('previews a declaration from plain language, declares only on the button, and resolves with the timeline', async () => {
      session = await startPlaygroundSession('incidents');
      const s = session;
      await s.botReply(0, 'Hello, I am opsbot');

      let before = await s.botMessageCount();
      await s.say('fraud-detection returns 503 to everyone, open an incident');
      const preview = await s.botReply(before, 'Nothing is declared yet');
      await s.screenshot('declaration-preview');
      expect(await s.bot.incidents.list()).toEqual([]);

      before = await s.botMessageCount();
      await preview.getByRole('button', { name: /^Declare P[1-4]$/ }).click();
      await s.botReply(before, /INC-0001 · P[1-4]/, 20_000);
      await s.screenshot('incident-declared');
      const [declared] = await s.bot.incidents.list();
      expect(declared).toMatchObject({
        id: 'INC-0001',
        state: 'declared',
        declaredBy: { name: 'Alex Wilber' },
      });

      before = await s.botMessageCount();
      await s.say('ack INC-0001');
      await s.botReply(before, /INC-0001/, 20_000);
      expect((await s.bot.incidents.get('INC-0001'))?.state).toBe('acknowledged');

      before = await s.botMessageCount();
      await s.say('resolve INC-0001 blue redeployed, latency normal');
      const resolved = await s.botReply(before, /Resolved by Alex Wilber/, 20_000);
      await s.screenshot('incident-resolved-timeline');
      const text = await resolved.innerText();
      expect(text).toMatch(/Declared P[1-4]/);
      expect(text).toMatch(/Acknowledged by Alex Wilber/);
      expect((await s.bot.incidents.get('INC-0001'))?.state).toBe('resolved');
    });
  },
);
