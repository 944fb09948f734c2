import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { mapAzureError, type AzureCallContext } from '../../../../adapters/azure/azure-error-mapper';
import { AzureTimeoutError } from '../../../../adapters/azure/azure-timeout-error';

const ctx: AzureCallContext = {
  doing: 'read the compute gpu-cluster-01',
  resourceKind: 'compute',
  resourceName: 'gpu-cluster-01',
  known: ['cpu-cluster-01', 'gpu-cluster-01'],
  requiredAction: 'Microsoft.MachineLearningServices/workspaces/computes/read',
};

function answered(status: number, headers: Record<string, string> = {}): RestError {
  const request = createPipelineRequest({ url: 'https://management.azure.com/x', method: 'GET' });
  return new RestError(`HTTP ${status}`, {
    statusCode: status,
    request,
    response: { status, headers: createHttpHeaders(headers), request },
  });
}

describe('mapAzureError', () => {
  it('throws a programming error again, unchanged, instead of blaming Azure', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'capacity')");
    expect(() => mapAzureError(bug, ctx)).toThrow(bug);
    expect(() => mapAzureError('a string', ctx)).toThrow('a string');
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE'])(
    'maps the network error %s to OPS-406, naming it',
    (code) => {
      const raw = Object.assign(new Error(`connect ${code}`), { code });
      const wrapped = new RestError(`connect ${code}`, { code });
      for (const error of [raw, wrapped]) {
        const mapped = mapAzureError(error, ctx);
        expect(mapped.code).toBe('OPS-406');
        expect(mapped.message).toBe(
          `Azure could not be reached to read the compute gpu-cluster-01 (${code}). Try again in a few minutes.`,
        );
      }
    },
  );

  it('maps an abort to OPS-406', () => {
    const abort = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(mapAzureError(abort, ctx).code).toBe('OPS-406');
  });

  it('maps a spent read budget to OPS-406, or OPS-404 when Azure was throttling', () => {
    const slow = mapAzureError(new AzureTimeoutError('Azure Monitor', 4000, 'call', false), ctx);
    expect(slow.code).toBe('OPS-406');
    expect(slow.message).toMatch(
      /^Azure Monitor did not answer within 4 s, so the bot could not read the compute/,
    );
    const throttled = mapAzureError(new AzureTimeoutError('Azure Monitor', 4000, 'call', true), ctx);
    expect(throttled.code).toBe('OPS-404');
  });

  it('still maps what Azure answered: 403, 404, 429 and 503', () => {
    expect(mapAzureError(answered(403), ctx).code).toBe('OPS-402');
    expect(mapAzureError(answered(404), ctx).message).toBe(
      'There is no compute called "gpu-cluster-01". Known computes: cpu-cluster-01, gpu-cluster-01.',
    );
    expect(mapAzureError(answered(429, { 'retry-after': '20' }), ctx).message).toContain('about 20 seconds');
    expect(mapAzureError(answered(503), ctx).code).toBe('OPS-406');
  });

  it('maps a failed long-running operation to OPS-405 with its reason', () => {
    const failed = new Error('The long-running operation has failed. InsufficientCapacity: no capacity');
    const mapped = mapAzureError(failed, ctx);
    expect(mapped.code).toBe('OPS-405');
    expect(mapped.message).toContain('InsufficientCapacity: no capacity');
  });
});
