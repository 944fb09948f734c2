import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SqlAuditLog } from '../../../adapters/storage/sql-audit-log';
import { SqlChangeStore } from '../../../adapters/storage/sql-change-store';
import { SqlIncidentStore } from '../../../adapters/storage/sql-incident-store';
import { buildActivity, sendActivity, startConnector, type LocalConnector } from '../../helpers/connector';
import { demoPeople } from '../../helpers/landing-zone-config';
import { ScratchDatabases } from '../storage/scratch-databases';

/** Two opsbot processes on one PostgreSQL database, as production runs them. */
const postgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

interface Instance {
  url: string;
  child: ChildProcess;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const script = path.join(__dirname, 'processes', 'bot.process.ts');
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`opsbot exited with ${code}: ${stderr}`)));
  });
  return { url, child };
}

function stop(instance: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) return resolve();
    instance.child.on('exit', () => resolve());
    instance.child.kill(signal);
  });
}

const people = {
  alex: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
  megan: { aadObjectId: demoPeople.megan, name: 'Megan Bowen' },
  adele: { aadObjectId: demoPeople.adele, name: 'Adele Vance' },
};

postgres('two opsbot instances on one PostgreSQL', () => {
  const scratch = new ScratchDatabases('postgres');
  let connector: LocalConnector;
  const instances: Instance[] = [];

  beforeEach(async () => {
    connector = await startConnector();
  });
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((i) => stop(i)));
    await connector.close();
    await scratch.dispose();
  });

  const say = (instance: Instance, text: string, conversationId: string) =>
    sendActivity(
      instance.url,
      buildActivity({ serviceUrl: connector.url, text, from: people.alex, conversationId }),
      { connector },
    );
  const press = (instance: Instance, who: keyof typeof people, verb: string, version: number) =>
    sendActivity(
      instance.url,
      buildActivity({
        serviceUrl: connector.url,
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: people[who],
        conversationId: `a:${who}`,
        value: { action: { type: 'Action.Execute', verb, data: { changeId: 'CHG-00001', version } } },
      }),
      { connector },
    );

  async function executedCount(url: string): Promise<number> {
    const database = await scratch.open(url);
    const events = await new SqlAuditLog(database).list({ limit: 1000 });
    return events.filter((e) => e.decision === 'executed').length;
  }

  it('runs a change confirmed on both instances at the same instant exactly once', async () => {
    const url = await scratch.newUrl();
    const env = { DATABASE_URL: url, JOB_POLL_INTERVAL_MS: '0' };
    const [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    instances.push(a, b);
    const asked = await say(a, 'scale fraud-detection to 6', 'a:alex');
    expect(asked.status).toBe(200);
    const presses = await Promise.all([
      press(a, 'alex', 'proposal.confirm', 1),
      press(b, 'alex', 'proposal.confirm', 1),
      press(a, 'alex', 'proposal.confirm', 1),
      press(b, 'alex', 'proposal.confirm', 1),
    ]);
    expect(presses.map((p) => p.status)).toEqual([200, 200, 200, 200]);
    const store = new SqlChangeStore(await scratch.open(url));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await store.get('CHG-00001'))?.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await store.get('CHG-00001'))?.state).toBe('succeeded');
    // The run's audit event follows the state change and the card updates; wait for it, then make
    // sure no second run wrote one.
    while (Date.now() < deadline && (await executedCount(url)) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await executedCount(url)).toBe(1);
  }, 60_000);

  it('loses nothing across restarts: proposed on one, approved on two others at once, run by a fourth when the window opens', async () => {
    const url = await scratch.newUrl();
    // Saturday 5 December 2026, 01:00 New York: the production window opens in an hour.
    const before = {
      DATABASE_URL: url,
      JOB_POLL_INTERVAL_MS: '250',
      SIM_CLOCK_START: '2026-12-05T06:00:00.000Z',
    };
    const first = await startInstance(before);
    instances.push(first);
    await say(first, 'scale fraud-detection to 12', 'a:alex');
    await stop(first, 'SIGKILL');

    const [second, third] = await Promise.all([startInstance(before), startInstance(before)]);
    instances.push(second, third);
    const approvals = await Promise.all([
      press(second, 'megan', 'proposal.approve', 1),
      press(third, 'adele', 'proposal.approve', 1),
    ]);
    expect(approvals.map((p) => p.status)).toEqual([200, 200]);
    const store = new SqlChangeStore(await scratch.open(url));
    const approved = await store.get('CHG-00001');
    expect(approved?.approvals.map((x) => x.name).sort()).toEqual(['Adele Vance', 'Megan Bowen']);
    expect(approved?.state).toBe('scheduled');
    expect(approved?.runAt).toEqual(new Date('2026-12-05T07:00:00.000Z'));
    await Promise.all([stop(second, 'SIGKILL'), stop(third, 'SIGKILL')]);
    expect(await executedCount(url)).toBe(0);

    // The instance that comes up after the window opened finds the scheduled run in the database.
    const fourth = await startInstance({ ...before, SIM_CLOCK_START: '2026-12-05T07:00:01.000Z' });
    instances.push(fourth);
    // Generous: under the full suite on two cores the fourth instance's start, claim and run once
    // took longer than 20 s.
    const deadline = Date.now() + 50_000;
    while (Date.now() < deadline && (await store.get('CHG-00001'))?.state !== 'succeeded') {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await store.get('CHG-00001'))?.state).toBe('succeeded');
    expect(await executedCount(url)).toBe(1);
  }, 90_000);

  it('fires an incident escalation once when two instances run the timers', async () => {
    const url = await scratch.newUrl();
    // Monday 7 December 2026, 10:00 New York (business hours): a P2 starts at L1 and moves to L2 after 15 minutes.
    const declaredAt = {
      DATABASE_URL: url,
      JOB_POLL_INTERVAL_MS: '0',
      SIM_CLOCK_START: '2026-12-07T15:00:00.000Z',
    };
    const first = await startInstance(declaredAt);
    instances.push(first);
    const declared = await say(first, 'declare P2 batch scoring jobs fail on the gpu cluster', 'a:alex');
    expect(declared.status).toBe(200);
    await stop(first, 'SIGKILL');

    // Two instances come up after the L1 delay, both polling the timers.
    const later = { ...declaredAt, JOB_POLL_INTERVAL_MS: '200', SIM_CLOCK_START: '2026-12-07T15:15:30.000Z' };
    const [second, third] = await Promise.all([startInstance(later), startInstance(later)]);
    instances.push(second, third);
    const store = new SqlIncidentStore(await scratch.open(url));
    const escalations = async () =>
      (await store.timeline('INC-0001')).filter((entry) => entry.kind === 'escalated');
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await escalations()).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Give the other instance every chance to fire it a second time.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const fired = await escalations();
    expect(fired).toHaveLength(1);
    expect((await store.get('INC-0001'))?.state).toBe('escalated');
  }, 90_000);
});
