import type { ComputePort } from '../../core/ports';
import { type CreateContractSubject, rejection, seamContract } from './contract-subject';

/** The assertions every implementation of the compute seam: clusters through their scale settings, compute instances started and stopped. */
export function computeContract(label: string, create: CreateContractSubject): void {
  seamContract(
    `Compute contract: ${label}`,
    create,
    (lz): ComputePort => lz,
    (t) => {
      it('describes a cluster as configured', async () => {
        const gpu = await t.lz.getCompute('gpu-cluster-01');
        expect(gpu).toMatchObject({
          name: 'gpu-cluster-01',
          kind: 'amlcompute',
          vmSize: 'Standard_NC24ads_A100_v4',
          vmFamily: 'standardNCADSA100v4Family',
          minNodes: 0,
          maxNodes: 4,
        });
        expect(gpu.currentNodes).toBeGreaterThanOrEqual(0);
        expect(gpu.currentNodes).toBeLessThanOrEqual(4);
        expect(gpu.runningJobs).toBeGreaterThanOrEqual(0);
        expect(gpu.utilisationPercent).toBeGreaterThanOrEqual(0);
        expect(gpu.utilisationPercent).toBeLessThanOrEqual(100);
      });

      it('lists every configured compute, and answers an unknown one with OPS-401', async () => {
        const computes = await t.lz.listComputes();
        expect(computes.map((c) => c.name).sort()).toEqual(t.config.computes.map((c) => c.name).sort());
        const error = await rejection(t.lz.getCompute('tpu-cluster-99'));
        expect(error.code).toBe('OPS-401');
        expect(error.message).toContain('"tpu-cluster-99"');
      });

      it('pre-warms a cluster and scales it back to zero through its scale settings', async () => {
        const warm = await t.lz.setComputeScale('gpu-cluster-01', { minNodes: 1, maxNodes: 4 });
        expect(warm.status).toBe('succeeded');
        expect((await t.lz.getCompute('gpu-cluster-01')).minNodes).toBe(1);
        const cold = await t.lz.setComputeScale('gpu-cluster-01', { minNodes: 0, maxNodes: 4 });
        expect(cold.status).toBe('succeeded');
        expect((await t.lz.getCompute('gpu-cluster-01')).minNodes).toBe(0);
      });

      it('refuses impossible scale settings and scale settings on a compute instance', async () => {
        expect(
          (await rejection(t.lz.setComputeScale('cpu-cluster-01', { minNodes: 5, maxNodes: 2 }))).code,
        ).toBe('OPS-202');
        expect((await t.lz.getCompute('cpu-cluster-01')).minNodes).toBe(0);
        expect((await rejection(t.lz.setComputeScale('ci-ops-01', { minNodes: 0, maxNodes: 1 }))).code).toBe(
          'OPS-202',
        );
      });

      it('stops and starts a compute instance', async () => {
        const stopped = await t.lz.stopComputeInstance('ci-ops-01');
        expect(stopped.status).toBe('succeeded');
        t.subject.clock.advance(5 * 60_000);
        expect((await t.lz.getCompute('ci-ops-01')).state).toBe('Stopped');
        const started = await t.lz.startComputeInstance('ci-ops-01');
        expect(started.status).toBe('succeeded');
        t.subject.clock.advance(5 * 60_000);
        expect((await t.lz.getCompute('ci-ops-01')).state).toBe('Running');
      });

      it('refuses to start or stop a cluster', async () => {
        expect((await rejection(t.lz.startComputeInstance('cpu-cluster-01'))).code).toBe('OPS-202');
        expect((await rejection(t.lz.stopComputeInstance('gpu-cluster-01'))).code).toBe('OPS-202');
      });
    },
  );
}
