import { routerTargets, runRouterEvaluation } from '../../../../bot/cli/eval-router.command';
import { evaluateRouting, findOverlap } from '../../../../core/routing/router-evaluation';

describe('router evaluation (npm run eval:router)', () => {
  it('meets the targets on the labelled set', async () => {
    const e = await runRouterEvaluation();
    expect(e.total).toBeGreaterThanOrEqual(150);
    expect(e.skillMisses.filter((m) => m.dangerous)).toEqual([]);
    expect(e.dangerousMisroutes).toBe(routerTargets.dangerousMisroutes);
    expect(e.skillAccuracy).toBeGreaterThanOrEqual(routerTargets.skillAccuracy);
    expect(e.argumentAccuracy).toBeGreaterThanOrEqual(routerTargets.argumentAccuracy);
  });

  it('counts a read-only request routed to a change skill as dangerous', () => {
    const e = evaluateRouting(
      [
        { text: 'how is the gpu cluster', skill: 'status.compute', args: { cluster: 'gpu-cluster-01' } },
        {
          text: 'scale fraud to 4',
          skill: 'endpoint.scale',
          args: { endpoint: 'fraud-detection', instances: 4 },
        },
      ],
      [
        { text: 'how is the gpu cluster', skill: 'compute.stop', args: {}, confidence: 0.7 },
        {
          text: 'scale fraud to 4',
          skill: 'endpoint.scale',
          args: { endpoint: 'fraud-detection', instances: 5 },
          confidence: 0.9,
        },
      ],
      new Set(['compute.stop', 'endpoint.scale']),
    );
    expect(e.dangerousMisroutes).toBe(1);
    expect(e.skillAccuracy).toBe(0.5);
    expect(e.argumentAccuracy).toBe(0);
  });

  it('finds a labelled sentence that is also a training example, whatever its punctuation', () => {
    expect(
      findOverlap([{ text: 'Delete the GPU cluster!', skill: 'none', args: {} }], ['delete the gpu cluster']),
    ).toEqual(['Delete the GPU cluster!']);
  });
});
