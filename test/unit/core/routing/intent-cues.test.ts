import { readIntentCues } from '../../../../core/routing/intent-cues';

const cue = (text: string) => readIntentCues(text.toLowerCase());

describe('intent cues', () => {
  it.each([
    'raise an incident: the batch scoring api has been offline since noon',
    'please file a ticket, nightly feature builds keep failing',
    'open incident, registry sync lagging, low impact',
    'the data lake is unreachable - log an incident',
    'incident: suspicious sign-ins on the workspace',
    'sev3: typo on the status card',
  ])('reads a declaration with a description: %s', (text) => {
    expect(cue(text).declare).toBe(true);
  });

  it.each([
    'open incidents?',
    'list open incidents',
    'open incident list',
    'declare a sev 1',
    'start the gpu cluster',
  ])('does not read "%s" as a declaration with a description', (text) => {
    expect(cue(text).declare).toBe(false);
  });

  it.each([
    ['how would we pre-warm compute before a hackathon', 'howTo'],
    ['quick question, how to regenerate a key in the vault', 'howTo'],
    ['what is the process for scaling past the autoscale maximum', 'howTo'],
    ['is there a runbook for stopping a busy cluster', 'howTo'],
    ['why has the cpu cluster got zero nodes', 'why'],
    ['what caused the 503s on scoring', 'why'],
    ['hypothetically, what happens if I stop the gpu cluster', 'hypothetical'],
  ] as const)('reads a question: %s → %s', (text, kind) => {
    expect(cue(text)[kind]).toBe(true);
  });

  it('tells asking how to use the bot from asking how to do a task', () => {
    expect(cue('just joined, how can I use this bot?').usage).toBe(true);
    expect(cue('how can I use the gpu cluster for inference').usage).toBe(false);
  });

  it.each(['please do not restart anything', "don't touch the fraud endpoint", 'just asking, no action'])(
    'reads "%s" as not to act',
    (text) => {
      expect(cue(text).noAction).toBe(true);
    },
  );

  it.each([
    'vcpus in use per family',
    'how many cores remain',
    'spare capacity before the limit',
    'a100 family headroom',
  ])('reads quota wording in "%s"', (text) => {
    expect(cue(text).quota).toBe(true);
  });

  it.each(['is anything still open incident-wise', 'which sev2s are open', 'active incidents'])(
    'reads a question about open incidents: %s',
    (text) => {
      expect(cue(text).openIncidents).toBe(true);
    },
  );

  it.each(['do you dream', 'what is your favourite song', 'you are hilarious', 'how old are u'])(
    'reads small talk: %s',
    (text) => {
      expect(cue(text).smallTalk).toBe(true);
    },
  );

  it('does not call an operations question small talk', () => {
    expect(cue('how is the fraud endpoint').smallTalk).toBe(false);
    expect(cue('what can you do').smallTalk).toBe(false);
  });
});
