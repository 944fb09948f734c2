import { defaultAzureOpenAiApiVersion } from '../../../bot/config-integrations';
import { AzureOpenAiChatClient, type AzureOpenAiAuth } from '../../../adapters/llm/azure-openai-chat.client';
import { LlmRouter, llmConfidence, noToolConfidence } from '../../../adapters/llm/llm-router';
import { CircuitBreaker } from '../../../core/circuit-breaker';
import { ManualClock } from '../../../core/clock';
import { createLogger } from '../../../core/logger';
import { createOfflineRouter, type OfflineRouter } from '../../helpers/offline-router';
import type { RouteContext } from '../../../core/routing/router';
import { allSkills } from '../../../skills/catalog';
import { startFakeAzureOpenAi, type FakeAzureOpenAiServer } from '../../fakes/fake-azure-openai-server';
import { demoPeople, loadShippedConfig } from '../../helpers/landing-zone-config';
import { testTools } from '../../helpers/llm-tools';

const apiKey = 'c0ffee11decafbad5eed1e55f00dbabe';
const deployment = 'gpt-4o-router';
const apiVersion = defaultAzureOpenAiApiVersion;
const config = loadShippedConfig();
const { tools, parseArgs } = testTools(config);

const operator: RouteContext = {
  caller: { aadObjectId: demoPeople.alex, roles: ['l2'] },
  conversationId: 'a:conv-ops',
  recentTurns: [
    { role: 'user', text: 'how is the fraud endpoint doing' },
    { role: 'bot', text: 'fraud-detection: healthy, 3 instances on blue, P95 210 ms' },
  ],
};
const viewer: RouteContext = {
  caller: { aadObjectId: demoPeople.diego, roles: ['viewer'] },
  conversationId: 'a:conv-viewer',
  recentTurns: [],
};

let fake: FakeAzureOpenAiServer;
let offline: OfflineRouter;
let clock: ManualClock;
let logLines: string[];

beforeAll(async () => {
  offline = await createOfflineRouter({ config, skills: allSkills });
});

beforeEach(async () => {
  fake = await startFakeAzureOpenAi({ deployment, apiKey, bearerToken: 'entra-token-for-tests' });
  clock = new ManualClock('2026-12-04T10:00:00Z');
  logLines = [];
});

afterEach(() => fake.close());

function build(options: { timeoutInMs?: number; auth?: AzureOpenAiAuth } = {}) {
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => logLines.push(line) },
  });
  const chat = new AzureOpenAiChatClient({
    endpoint: fake.endpoint,
    apiVersion,
    deployment,
    auth: options.auth ?? { kind: 'key', apiKey },
    timeoutInMs: options.timeoutInMs ?? 3000,
    logger,
  });
  const breaker = new CircuitBreaker({ clock, failureThreshold: 3, coolDownInMs: 30_000 });
  const router = new LlmRouter({ chat, tools, parseArgs, fallback: offline, breaker, logger });
  return { router, breaker };
}

describe('LlmRouter against the fake Azure OpenAI deployment, with the real AzureOpenAI client', () => {
  it('proposes the offered tool the model called, with the arguments the skill schema parsed', async () => {
    const { router } = build();
    fake.script({
      kind: 'tool-call',
      name: 'endpoint_scale',
      arguments: { endpoint: 'fraud-detection', instances: 6 },
    });

    const intent = await router.route('scale it to 6', operator);

    expect(intent).toEqual({
      skill: 'endpoint.scale',
      args: { endpoint: 'fraud-detection', instances: 6 },
      confidence: llmConfidence,
      source: 'llm',
    });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.path).toBe(`/openai/deployments/${deployment}/chat/completions`);
    expect(request.query.get('api-version')).toBe('2024-10-21');
    expect(request.headers['api-key']).toBe(apiKey);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body.tool_choice).toBe('auto');
    expect(request.body.tools?.map((t) => t.function.name)).toEqual([
      'status_endpoint',
      'status_compute',
      'status_jobs',
      'troubleshoot_ask',
      'endpoint_scale',
      'compute_stop',
    ]);
    const [system, user] = request.body.messages;
    expect([system.role, user.role]).toEqual(['system', 'user']);
    // The earlier turns and the message travel fenced, so "it" can be resolved from the status check.
    expect(user.content).toContain('user: how is the fraud endpoint doing');
    expect(user.content).toContain('bot: fraud-detection: healthy, 3 instances on blue');
    expect(user.content).toMatch(/<<<MESSAGE [0-9a-f]{32}>>>\nscale it to 6\n<<<END MESSAGE [0-9a-f]{32}>>>/);
  });

  it('offers a viewer only the read tools, and still answers a one-argument call', async () => {
    const { router } = build();
    fake.script(
      { kind: 'tool-call', name: 'status_endpoint', arguments: { endpoint: 'fraud-detection' } },
      { kind: 'tool-call', name: 'status_jobs', arguments: '{"hours": 6}' },
    );
    await expect(router.route('is fraud ok?', viewer)).resolves.toMatchObject({
      skill: 'status.endpoint',
      args: { endpoint: 'fraud-detection' },
      source: 'llm',
    });
    await expect(router.route('what failed in the last 6 hours')).resolves.toMatchObject({
      skill: 'status.jobs',
      args: { hours: 6 },
      source: 'llm',
    });
    for (const request of fake.requests) {
      expect(request.body.tools?.map((t) => t.function.name)).toEqual([
        'status_endpoint',
        'status_compute',
        'status_jobs',
        'troubleshoot_ask',
      ]);
    }
    expect(fake.requests).toHaveLength(2);
  });

  it('answers `none` from the llm when the model writes text instead of calling a tool', async () => {
    const { router } = build();
    fake.script({ kind: 'text', text: 'I would delete the workspace for you, but I cannot.' });
    await expect(router.route('please delete the whole workspace', operator)).resolves.toEqual({
      skill: 'none',
      args: {},
      confidence: noToolConfidence,
      source: 'llm',
    });
  });

  it('takes strict commands from the offline router without calling the model', async () => {
    const { router } = build();
    const intent = await router.route('scale fraud-detection 8', operator);
    expect(intent).toEqual(await offline.route('scale fraud-detection 8'));
    expect(intent.source).toBe('command');
    expect(fake.requests).toHaveLength(0);
  });

  it('falls straight back to the offline router when no tool is offered, without a call', async () => {
    const logger = createLogger({ level: 'silent' });
    const chat = new AzureOpenAiChatClient({
      endpoint: fake.endpoint,
      apiVersion,
      deployment,
      auth: { kind: 'key', apiKey },
      logger,
    });
    const router = new LlmRouter({
      chat,
      tools: () => [],
      parseArgs,
      fallback: offline,
      breaker: new CircuitBreaker({ clock }),
      logger,
    });
    const text = 'how is the fraud endpoint doing';
    expect(await router.route(text, operator)).toEqual({
      ...(await offline.route(text)),
      fallback: { reason: 'no-tools' },
    });
    expect(fake.requests).toHaveLength(0);
  });

  describe('every fault falls back to the offline router, saying why', () => {
    const text = 'how is the fraud endpoint doing';
    const cases: [string, Parameters<FakeAzureOpenAiServer['script']>[0], string][] = [
      ['a 429', { kind: 'rate-limited', retryAfterSeconds: 7 }, 'rate-limited'],
      ['a 500', { kind: 'server-error' }, 'error'],
      ['a filtered prompt (400 content_filter)', { kind: 'prompt-filtered' }, 'content-filter'],
      ['a filtered answer (finish_reason content_filter)', { kind: 'answer-filtered' }, 'content-filter'],
      [
        'a tool it was not offered',
        { kind: 'tool-call', name: 'grant_access', arguments: {} },
        'unknown-tool',
      ],
      [
        'arguments that are not JSON',
        { kind: 'tool-call', name: 'status_endpoint', arguments: '{"endpoint": "fraud-detection"' },
        'invalid-arguments',
      ],
      [
        'a resource outside the config',
        { kind: 'tool-call', name: 'status_endpoint', arguments: { endpoint: 'prod-payments' } },
        'invalid-arguments',
      ],
    ];
    it.each(cases)('%s', async (_name, answer, reason) => {
      const { router } = build();
      fake.script(answer);
      const intent = await router.route(text, operator);
      expect(intent).toEqual({ ...(await offline.route(text)), fallback: { reason } });
      expect(intent.source).toBe('offline');
      // One attempt only: no SDK retry of a 429 or a 500 on the hot path.
      expect(fake.requests).toHaveLength(1);
    });

    it('a slow answer, past the per-call deadline', async () => {
      const { router } = build({ timeoutInMs: 150 });
      fake.script({ kind: 'slow', delayInMs: 10_000, then: { kind: 'text', text: 'too late' } });
      const intent = await router.route(text, operator);
      expect(intent).toEqual({ ...(await offline.route(text)), fallback: { reason: 'timeout' } });
      expect(fake.requests).toHaveLength(1);
    });
  });

  it('opens the breaker after three failures, refuses without calling, then lets one trial through', async () => {
    const { router, breaker } = build();
    fake.script({ kind: 'server-error' }, { kind: 'server-error' }, { kind: 'server-error' });
    for (let i = 0; i < 3; i += 1) {
      expect((await router.route('is the gpu cluster busy', operator)).fallback).toEqual({ reason: 'error' });
    }
    expect(breaker.state()).toBe('open');
    expect((await router.route('is the gpu cluster busy', operator)).fallback).toEqual({
      reason: 'breaker-open',
    });
    expect(fake.requests).toHaveLength(3);

    clock.advance(30_000);
    expect(breaker.state()).toBe('half-open');
    fake.script({ kind: 'tool-call', name: 'status_compute', arguments: { cluster: 'gpu-cluster-01' } });
    await expect(router.route('is the gpu cluster busy', operator)).resolves.toMatchObject({
      skill: 'status.compute',
      source: 'llm',
    });
    expect(fake.requests).toHaveLength(4);
    expect(breaker.state()).toBe('closed');
  });

  it("holds the breaker open for a 429's retry-after", async () => {
    const { router, breaker } = build();
    fake.script({ kind: 'rate-limited', retryAfterSeconds: 20 });
    expect((await router.route('any alerts?', operator)).fallback).toEqual({ reason: 'rate-limited' });
    expect(breaker.state()).toBe('open');
    clock.advance(19_999);
    expect((await router.route('any alerts?', operator)).fallback).toEqual({ reason: 'breaker-open' });
    clock.advance(1);
    expect(breaker.state()).toBe('half-open');
    expect(fake.requests).toHaveLength(1);
  });

  it('authenticates with a Microsoft Entra bearer token instead of the key', async () => {
    const { router } = build({ auth: { kind: 'token', getToken: async () => 'entra-token-for-tests' } });
    fake.script({ kind: 'tool-call', name: 'status_jobs', arguments: {} });
    await expect(router.route('did anything fail overnight', operator)).resolves.toMatchObject({
      skill: 'status.jobs',
      source: 'llm',
    });
    expect(fake.requests[0].headers.authorization).toBe('Bearer entra-token-for-tests');
    expect(fake.requests[0].headers['api-key']).toBeUndefined();
  });

  it('logs latency and tokens of every call, and neither the key nor the prompt', async () => {
    const { router } = build();
    fake.script({ kind: 'tool-call', name: 'status_jobs', arguments: {} }, { kind: 'server-error' });
    await router.route('what ran overnight on the clusters', operator);
    await router.route('what ran overnight on the clusters', operator);
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const calls = entries.filter((e) => e.component === 'llm');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ msg: 'chat completion', deployment, finishReason: 'tool_calls' });
    expect(calls[0].promptTokens).toBe(Math.ceil(fake.requests[0].rawBody.length / 4));
    expect(typeof calls[0].latencyMs).toBe('number');
    expect(calls[1]).toMatchObject({ msg: 'chat completion failed', outcome: 'error', status: 500 });
    const all = logLines.join('\n');
    expect(all).not.toContain(apiKey);
    expect(all).not.toContain('what ran overnight');
  });

  it('never sends a key: not the configured one, not one pasted into the message or an earlier turn', async () => {
    const { router } = build();
    const pastedKey = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const storageKey = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OTA=';
    fake.script({ kind: 'text', text: 'none' });
    await router.route(`the endpoint rejects api-key ${pastedKey}, log says AccountKey=${storageKey}; why?`, {
      ...operator,
      recentTurns: [{ role: 'user', text: `our key is ${apiKey}` }],
    });
    expect(fake.requests).toHaveLength(1);
    const body = fake.requests[0].rawBody;
    for (const secret of [apiKey, pastedKey, storageKey]) expect(body).not.toContain(secret);
    expect(body).toContain('[redacted]');
    // What is not a secret still reaches the model.
    expect(body).toContain('the endpoint rejects api-key');
  });
});
