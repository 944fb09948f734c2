import { Writable } from 'node:stream';
import pino from 'pino';
import { AzureLandingZone } from '../../../adapters/azure/azure-landing-zone';
import { createLoopbackHttpClient } from '../../../adapters/azure/loopback-http-client';
import { silentLogger } from '../../../core/logger';
import { contractConfig } from '../../contract/landing-zone.contract';
import { outsideLoopbackAttempts } from '../../setup/loopback-guard';
import { startAzureRig, staticCredential, type AzureTestRig } from './azure-test-subject';

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

const deploymentPath = '/onlineEndpoints/fraud-detection/deployments/blue';

describe('AzureLandingZone failures, as the chat sees them', () => {
  let rig: AzureTestRig;
  beforeEach(async () => {
    rig = await startAzureRig(contractConfig());
  });
  afterEach(() => rig.close());

  it('waits as long as Retry-After says when throttled, then answers', async () => {
    rig.fake.inject({ path: '/computes/cpu-cluster-01', status: 429, retryAfterSeconds: 2, times: 1 });
    const compute = await rig.azure.getCompute('cpu-cluster-01');
    expect(compute.name).toBe('cpu-cluster-01');
    expect(rig.sleeps).toEqual([2000]);
  });

  it('gives up on throttling that outlasts the time budget with OPS-404 and when to try again', async () => {
    rig.fake.inject({ path: '/computes/cpu-cluster-01', status: 429, retryAfterSeconds: 30, times: 5 });
    const error = await rejection(rig.azure.getCompute('cpu-cluster-01'));
    expect(error.code).toBe('OPS-404');
    expect(error.message).toContain('throttling');
    expect(error.message).toContain('about 30 seconds');
    expect(rig.sleeps).toEqual([]);
  });

  it('retries 5xx with growing backoff and succeeds', async () => {
    rig.fake.inject({ path: '/computes/cpu-cluster-01', status: 500, times: 2 });
    await rig.azure.getCompute('cpu-cluster-01');
    expect(rig.sleeps).toEqual([500, 1000]);
  });

  it('answers a service that keeps failing with OPS-406 after the retries that fit the 4 s read budget', async () => {
    rig.fake.inject({ path: '/onlineEndpoints/fraud-detection', status: 503, times: 20 });
    const error = await rejection(rig.azure.getEndpoint('fraud-detection'));
    expect(error.code).toBe('OPS-406');
    expect(error.message).toMatch(/HTTP 503, tried 4 times/);
    expect(rig.sleeps).toEqual([500, 1000, 2000]);
  });

  it('shares one read budget between all the requests of a read', async () => {
    rig.fake.inject({ path: '/computes/cpu-cluster-01', status: 500, times: 2 });
    rig.fake.inject({ path: '/v1/workspaces/', status: 503, times: 20 });
    const error = await rejection(rig.azure.getCompute('cpu-cluster-01'));
    expect(error.code).toBe('OPS-406');
    expect(error.message).toBe(
      'Azure did not answer properly (HTTP 503, tried 3 times), so the bot could not read the training job events. ' +
        'Try again in a few minutes; the Azure status page may show an incident.',
    );
    expect(rig.sleeps).toEqual([500, 1000, 500, 1000]);
  });

  it('gives up on a read that hangs when its budget is spent, naming the service (OPS-406)', async () => {
    const quick = await startAzureRig(contractConfig(), { readBudgetInMs: 300 });
    try {
      quick.fake.inject({ path: '/v1/workspaces/', delayInMs: 20_000, times: 10 });
      const error = await rejection(quick.azure.listTrainingJobs({ sinceHours: 24 }));
      expect(error.code).toBe('OPS-406');
      expect(error.message).toBe(
        'Azure Monitor did not answer within 0.3 s, so the bot could not read the training job events. ' +
          'Try again in a few minutes; the Azure status page may show an incident.',
      );
      expect(quick.sleeps).toEqual([]);
    } finally {
      await quick.close();
    }
  });

  it('answers OPS-404 when throttling and a slow answer use up the default 4 s read budget', async () => {
    rig.fake.inject({ path: '/computes/cpu-cluster-01', status: 429, retryAfterSeconds: 3.5, times: 1 });
    rig.fake.inject({ path: '/computes/cpu-cluster-01', delayInMs: 20_000, times: 1 });
    const error = await rejection(rig.azure.getCompute('cpu-cluster-01'));
    expect(error.code).toBe('OPS-404');
    expect(error.message).toBe(
      "Azure Machine Learning did not answer within 4 s: it kept throttling the bot's requests, " +
        'so the bot could not read the compute cpu-cluster-01. Try again in a minute.',
    );
    expect(rig.sleeps).toEqual([3500]);
  });

  it('abandons an attempt that passes the request timeout and retries the read', async () => {
    const quick = await startAzureRig(contractConfig(), { retry: { requestTimeoutInMs: 1_000 } });
    try {
      quick.fake.inject({ method: 'GET', path: '/computes/cpu-cluster-01', delayInMs: 20_000, times: 1 });
      const compute = await quick.azure.getCompute('cpu-cluster-01');
      expect(compute.name).toBe('cpu-cluster-01');
      expect(quick.sleeps).toEqual([500]);
      expect(quick.fake.requests.filter((r) => r.path.endsWith('/computes/cpu-cluster-01'))).toHaveLength(2);
    } finally {
      await quick.close();
    }
  });

  it('sends a change that times out once, and says it may still be applied', async () => {
    const quick = await startAzureRig(contractConfig(), { retry: { requestTimeoutInMs: 150 } });
    try {
      const secret = contractConfig().secrets[0];
      quick.fake.inject({ method: 'PUT', path: '/secrets/', delayInMs: 20_000, times: 5 });
      const error = await rejection(quick.azure.setSecret(secret.vault, secret.name, 'new-value'));
      expect(error.code).toBe('OPS-406');
      expect(error.message).toBe(
        `Azure Key Vault did not answer within 0.15 s, so the bot could not store a new version of ${secret.name} in ${secret.vault}. ` +
          'The change may still be applied: check the resource before trying again.',
      );
      expect(quick.fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    } finally {
      await quick.close();
    }
  });

  it('sends a key regeneration that fails with 500 exactly once', async () => {
    const account = contractConfig().secrets[0].account;
    rig.fake.inject({ method: 'POST', path: '/regenerateKey', status: 500, times: 5 });
    const error = await rejection(rig.azure.regenerateAccountKey(account, 'key1', async () => undefined));
    expect(error.code).toBe('OPS-406');
    expect(error.message).toContain('tried 1 times');
    expect(rig.fake.requests.filter((r) => r.path.endsWith('/regenerateKey'))).toHaveLength(1);
    expect(rig.sleeps).toEqual([]);
  });

  it('retries a throttled key regeneration, which Azure did not start', async () => {
    const account = contractConfig().secrets[0].account;
    rig.fake.inject({ method: 'POST', path: '/regenerateKey', status: 429, retryAfterSeconds: 1, times: 1 });
    let handedOver = false;
    const result = await rig.azure.regenerateAccountKey(account, 'key2', async (value) => {
      handedOver = value.length > 0;
    });
    expect(result.status).toBe('succeeded');
    expect(handedOver).toBe(true);
    expect(rig.sleeps).toEqual([1000]);
    expect(rig.fake.requests.filter((r) => r.path.endsWith('/regenerateKey'))).toHaveLength(2);
  });

  it('reports a failed long-running operation with OPS-405 and the reason, leaving the count alone', async () => {
    rig.fake.failNextOperation(
      deploymentPath,
      'InsufficientCapacity',
      'Not enough Standard_DS3_v2 capacity in eastus2.',
    );
    const error = await rejection(rig.azure.setDeploymentInstances('fraud-detection', 'blue', 6));
    expect(error.code).toBe('OPS-405');
    expect(error.message).toContain('set deployment blue of fraud-detection to 6 instances');
    expect(error.message).toContain('Not enough Standard_DS3_v2 capacity');
    expect(
      (await rig.sim.getEndpoint('fraud-detection')).deployments.find((d) => d.name === 'blue')
        ?.instanceCount,
    ).toBe(3);
  });

  it('says which permission the bot identity lacks on 403 (OPS-402)', async () => {
    rig.fake.inject({ method: 'PATCH', path: deploymentPath, status: 403 });
    const error = await rejection(rig.azure.setDeploymentInstances('fraud-detection', 'blue', 6));
    expect(error.code).toBe('OPS-402');
    expect(error.message).toContain(
      'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write',
    );
    expect(error.message).toContain('opsbot Landing Zone Operator');
  });

  it('names the missing resource on 404 (OPS-401)', async () => {
    const error = await rejection(rig.azure.getEndpoint('churn-model'));
    expect(error.code).toBe('OPS-401');
    expect(error.message).toBe(
      'There is no endpoint called "churn-model". Known endpoints: fraud-detection.',
    );
  });

  it('says an operation is in progress on 409 (OPS-403)', async () => {
    rig.fake.inject({ method: 'PATCH', path: '/computes/gpu-cluster-01', status: 409 });
    const error = await rejection(rig.azure.setComputeScale('gpu-cluster-01', { minNodes: 1, maxNodes: 4 }));
    expect(error.code).toBe('OPS-403');
    expect(error.message).toContain('still in progress');
  });

  it('answers in-progress when the wait budget passes, and reports the end through onProgress', async () => {
    rig.fake.holdOperations();
    const messages: string[] = [];
    let finished: (m: string) => void = () => undefined;
    const done = new Promise<string>((resolve) => (finished = resolve));
    const result = await rig.azure.setDeploymentInstances('fraud-detection', 'blue', 4, {
      waitBudgetInMs: 50,
      onProgress: (m) => {
        messages.push(m);
        if (m.startsWith('Done:')) finished(m);
      },
    });
    expect(result.status).toBe('in-progress');
    expect(result.summary).toContain('still running');
    rig.fake.release();
    expect(await done).toBe('Done: fraud-detection/blue: 3 -> 4 instances.');
  });

  it('never lets a key value reach an error message or a log line', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }),
    );
    const logged = await startAzureRig(contractConfig(), { logger });
    try {
      const secret = contractConfig().secrets[0];
      logged.fake.inject({ method: 'PUT', path: '/secrets/', status: 400, message: 'Bad value', times: 2 });
      let key = '';
      const error = await rejection(
        logged.azure.regenerateAccountKey(secret.account, 'key1', async (value) => {
          key = value;
          await logged.azure.setSecret(secret.vault, secret.name, value);
        }),
      );
      expect(key.length).toBeGreaterThan(8);
      expect(error.message).not.toContain(key);
      expect(JSON.stringify(error)).not.toContain(key);
      expect(lines.join('\n')).not.toContain(key);
      expect(lines.join('\n')).toContain('account key regenerated');
    } finally {
      await logged.close();
    }
  });

  it('sends every request with a bearer token and the SDK api-version', async () => {
    await rig.azure.getEndpoint('fraud-detection');
    const arm = rig.fake.requests.filter((r) => r.path.startsWith('/subscriptions/'));
    expect(arm.length).toBeGreaterThan(0);
    for (const r of arm) expect(r.authorization).toBe('Bearer fake-arm-token');
    expect(arm.every((r) => r.query.get('api-version') === '2022-10-01')).toBe(true);
  });
});

describe('the loopback client', () => {
  it('refuses any host but 127.0.0.1, so a test cannot reach Azure', async () => {
    const before = outsideLoopbackAttempts().length;
    const azure = new AzureLandingZone({
      config: contractConfig(),
      credential: staticCredential,
      logger: silentLogger,
      httpClient: createLoopbackHttpClient(),
      retry: { maxRetries: 0 },
    });
    const error = await rejection(azure.getCompute('cpu-cluster-01'));
    expect(error.code).toBeUndefined();
    expect(error.message).toBe(
      'The loopback client refuses management.azure.com: only 127.0.0.1 is allowed.',
    );
    expect(outsideLoopbackAttempts().slice(before)).toEqual([]);
  });
});

afterAll(() => {
  expect(outsideLoopbackAttempts()).toEqual([]);
});
