import type { EndpointPort } from '../../core/ports';
import { type CreateContractSubject, rejection, seamContract } from './contract-subject';

/** The assertions every implementation of the online-endpoint seam: an endpoint's deployments and figures, a deployment's instance count. */
export function endpointsContract(label: string, create: CreateContractSubject): void {
  seamContract(
    `Endpoints contract: ${label}`,
    create,
    (lz): EndpointPort => lz,
    (t) => {
      it('describes an endpoint with its configured deployments and sane metrics', async () => {
        const endpoint = await t.lz.getEndpoint('fraud-detection');
        const configured = t.config.endpoints[0];
        expect(endpoint.name).toBe('fraud-detection');
        const deployments = [...endpoint.deployments].sort((a, b) => a.name.localeCompare(b.name));
        expect(deployments.map((d) => [d.name, d.instanceCount, d.vmSize, d.trafficPercent])).toEqual(
          [...configured.deployments]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((d) => [d.name, d.instances, d.vmSize, d.trafficPercent]),
        );
        expect(endpoint.scoringUri).toMatch(/^https:\/\//);
        expect(endpoint.metrics.p95LatencyMs).toBeGreaterThan(0);
        expect(endpoint.metrics.requestsPerMinute).toBeGreaterThan(0);
        expect(endpoint.metrics.availabilityPercent).toBeGreaterThanOrEqual(0);
        expect(endpoint.metrics.availabilityPercent).toBeLessThanOrEqual(100);
        expect(endpoint.metrics.errorRatePercent).toBeGreaterThanOrEqual(0);
      });

      it('answers an unknown endpoint with OPS-401 naming it', async () => {
        const error = await rejection(t.lz.getEndpoint('no-such-endpoint'));
        expect(error.code).toBe('OPS-401');
        expect(error.message).toContain('"no-such-endpoint"');
      });

      it('sets a deployment instance count, reports progress, and later reads show it', async () => {
        const progress: string[] = [];
        const result = await t.lz.setDeploymentInstances('fraud-detection', 'blue', 5, {
          onProgress: (m) => progress.push(m),
        });
        expect(result.status).toBe('succeeded');
        expect(result.summary).toMatch(/3 \S+ 5/);
        expect(result.operationId).toMatch(/\w+/);
        expect(progress.length).toBeGreaterThan(0);
        const blue = (await t.lz.getEndpoint('fraud-detection')).deployments.find((d) => d.name === 'blue');
        expect(blue?.instanceCount).toBe(5);
      });

      it('refuses zero instances and an unknown deployment, changing nothing', async () => {
        expect((await rejection(t.lz.setDeploymentInstances('fraud-detection', 'blue', 0))).code).toBe(
          'OPS-202',
        );
        const unknown = await rejection(t.lz.setDeploymentInstances('fraud-detection', 'purple', 4));
        expect(unknown.code).toBe('OPS-401');
        expect(unknown.message).toContain('"purple"');
        const blue = (await t.lz.getEndpoint('fraud-detection')).deployments.find((d) => d.name === 'blue');
        expect(blue?.instanceCount).toBe(3);
      });
    },
  );
}
