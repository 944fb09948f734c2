import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import {
  createBudgetedRetryHttpClient,
  defaultRetryBudget,
} from '../../../../adapters/azure/budgeted-retry-http-client';
import { AzureTimeoutError } from '../../../../adapters/azure/azure-timeout-error';

type Answer = number | { status: number; headers?: Record<string, string> } | Error | 'hang';

/** An inner HttpClient that plays back answers and records what was sent. */
function scripted(answers: Answer[]) {
  const sent: string[] = [];
  const client: HttpClient = {
    sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      if (answer === 'hang') return new Promise<never>(() => undefined);
      if (answer instanceof Error) return Promise.reject(answer);
      const { status, headers } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
      return Promise.resolve({ status, headers: createHttpHeaders(headers), request, bodyAsText: '{}' });
    },
  };
  return { client, sent };
}

/** A retry client on a virtual clock that moves only when it sleeps. */
function budgeted(inner: HttpClient, options: Partial<typeof defaultRetryBudget> = {}) {
  let now = 0;
  const sleeps: number[] = [];
  const client = createBudgetedRetryHttpClient(
    inner,
    { ...defaultRetryBudget, ...options },
    async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    () => now,
  );
  return { client, sleeps };
}

const url =
  'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a';
const request = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path = '') =>
  createPipelineRequest({ url: `${url}${path}`, method });
const networkError = () => new RestError('socket hang up', { code: 'ECONNRESET' });

describe('the budgeted retry HttpClient', () => {
  it('sends a POST that gets 500 exactly once', async () => {
    const inner = scripted([500, 200]);
    const { client, sleeps } = budgeted(inner.client);
    const response = await client.sendRequest(request('POST', '/regenerateKey'));
    expect(response.status).toBe(500);
    expect(inner.sent).toEqual([`POST ${new URL(url).pathname}/regenerateKey`]);
    expect(sleeps).toEqual([]);
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)(
    'sends a %s that hits a network error exactly once',
    async (method) => {
      const inner = scripted([networkError(), { status: 200 }]);
      const { client } = budgeted(inner.client);
      await expect(client.sendRequest(request(method))).rejects.toThrow('socket hang up');
      expect(inner.sent).toHaveLength(1);
    },
  );

  it('sends a POST that gets 503 without Retry-After once, and retries one with Retry-After', async () => {
    const plain = scripted([503, 200]);
    expect((await budgeted(plain.client).client.sendRequest(request('POST'))).status).toBe(503);
    expect(plain.sent).toHaveLength(1);

    const asked = scripted([{ status: 503, headers: { 'retry-after': '2' } }, 200]);
    const { client, sleeps } = budgeted(asked.client);
    expect((await client.sendRequest(request('POST'))).status).toBe(200);
    expect(asked.sent).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('retries a throttled POST after the wait Azure asked for', async () => {
    const inner = scripted([{ status: 429, headers: { 'retry-after-ms': '700' } }, 200]);
    const { client, sleeps } = budgeted(inner.client);
    expect((await client.sendRequest(request('POST'))).status).toBe(200);
    expect(sleeps).toEqual([700]);
  });

  it('retries a GET on 5xx and network errors with doubling backoff', async () => {
    const inner = scripted([500, networkError(), 502, 200]);
    const { client, sleeps } = budgeted(inner.client);
    expect((await client.sendRequest(request('GET'))).status).toBe(200);
    expect(sleeps).toEqual([500, 1000, 2000]);
  });

  it('retries the POSTs of a read call (queries) like GETs', async () => {
    const inner = scripted([500, 200]);
    const { client, sleeps } = budgeted(inner.client);
    const response = await client.withinReadBudget(4000, () => client.sendRequest(request('POST')));
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([500]);
  });

  it('does not retry a programming error, even on a GET', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'value')");
    const inner = scripted([bug, 200]);
    await expect(budgeted(inner.client).client.sendRequest(request('GET'))).rejects.toBe(bug);
    expect(inner.sent).toHaveLength(1);
  });

  it('lets the requests of one read share its budget, and stops when it is spent', async () => {
    const inner = scripted([503]);
    const { client, sleeps } = budgeted(inner.client);
    const responses = await client.withinReadBudget(4000, async () => [
      (await client.sendRequest(request('GET', '/one'))).status,
      (await client.sendRequest(request('GET', '/two'))).status,
    ]);
    expect(responses).toEqual([503, 503]);
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect(inner.sent.filter((s) => s.endsWith('/two'))).toHaveLength(1);
  });

  it('abandons an attempt after the request timeout, even when the inner client ignores aborts', async () => {
    const inner = scripted(['hang', 200]);
    const { client, sleeps } = budgeted(inner.client, { requestTimeoutInMs: 20 });
    expect((await client.sendRequest(request('GET'))).status).toBe(200);
    expect(sleeps).toEqual([500]);
  });

  it('ends a read whose request hangs past the budget with a call timeout naming the service', async () => {
    const inner = scripted(['hang']);
    const { client } = budgeted(inner.client);
    const error = await client
      .withinReadBudget(30, () => client.sendRequest(request('GET')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AzureTimeoutError);
    expect(error).toMatchObject({ scope: 'call', service: 'Azure Resource Manager', afterInMs: 30 });
    expect((error as Error).message).toBe('Azure Resource Manager did not answer within 0.03 s.');
  });

  it('ends a read that hangs outside the HTTP client (a token request) a moment after its budget', async () => {
    const { client } = budgeted(scripted([200]).client);
    const error = await client
      .withinReadBudget(20, () => new Promise(() => undefined))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AzureTimeoutError', scope: 'call', afterInMs: 20 });
  });

  it('gives a change that times out no second try and marks that it may have been applied', async () => {
    const inner = scripted(['hang', 200]);
    const { client } = budgeted(inner.client, { requestTimeoutInMs: 20 });
    const error = await client.sendRequest(request('PATCH')).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AzureTimeoutError', scope: 'request', mayHaveChanged: true });
    expect(inner.sent).toHaveLength(1);
  });

  it("passes the caller's own abort through without retrying", async () => {
    const inner = scripted(['hang', 200]);
    const { client } = budgeted(inner.client);
    const controller = new AbortController();
    const pending = client.sendRequest(
      createPipelineRequest({ url, method: 'GET', abortSignal: controller.signal }),
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(inner.sent).toHaveLength(1);
  });
});
