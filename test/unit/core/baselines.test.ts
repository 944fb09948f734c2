import {
  levelOf,
  readBaseline,
  statusOfLevel,
  statusOfUsage,
  worstLevel,
  worstStatus,
} from '../../../core/baselines';
import { loadShippedConfig } from '../../helpers/landing-zone-config';

const baselines = loadShippedConfig().baselines;

describe('levelOf', () => {
  it.each([
    [84, 'target'],
    [100, 'target'],
    [101, 'acceptable'],
    [200, 'acceptable'],
    [201, 'degraded'],
    [500, 'degraded'],
    [501, 'critical'],
  ])('reads a P95 latency of %d ms as %s (lower is better)', (value, level) => {
    expect(levelOf(value, baselines.inferenceLatencyP95Ms, 'lower-is-better')).toBe(level);
  });

  it.each([
    [100, 'target'],
    [95, 'target'],
    [94.9, 'acceptable'],
    [90, 'acceptable'],
    [89.9, 'degraded'],
    [85, 'degraded'],
    [84.9, 'critical'],
    [0, 'critical'],
  ])('reads a training success rate of %d%% as %s (higher is better)', (value, level) => {
    expect(levelOf(value, baselines.trainingSuccessPercent, 'higher-is-better')).toBe(level);
  });

  it.each([
    [99.95, 'target'],
    [99.9, 'target'],
    [99.7, 'acceptable'],
    [99.2, 'degraded'],
    [99, 'degraded'],
    [98.5, 'critical'],
  ])('reads an availability of %d%% as %s', (value, level) => {
    expect(levelOf(value, baselines.endpointAvailabilityPercent, 'higher-is-better')).toBe(level);
  });

  it('treats a value that is not a number as critical rather than on target', () => {
    expect(levelOf(Number.NaN, baselines.inferenceLatencyP95Ms, 'lower-is-better')).toBe('critical');
  });
});

describe('readBaseline', () => {
  it('carries the label, unit, band and direction of the metric', () => {
    expect(readBaseline(baselines, 'inferenceLatencyP95Ms', 412)).toEqual({
      metric: 'inferenceLatencyP95Ms',
      label: 'P95 latency',
      value: 412,
      unit: 'ms',
      direction: 'lower-is-better',
      band: { target: 100, acceptable: 200, critical: 500 },
      level: 'degraded',
    });
    expect(readBaseline(baselines, 'dataPipelineSuccessPercent', 92).level).toBe('degraded');
  });
});

describe('combining levels', () => {
  it('takes the worst level and status', () => {
    expect(worstLevel(['target', 'critical', 'acceptable'])).toBe('critical');
    expect(worstLevel([])).toBe('target');
    expect(worstStatus(['ok', 'unknown'])).toBe('unknown');
    expect(worstStatus(['unknown', 'warning', 'ok'])).toBe('warning');
    expect(worstStatus([])).toBe('ok');
  });

  it('maps levels within acceptable to ok and degraded to warning', () => {
    expect(['target', 'acceptable', 'degraded', 'critical'].map((l) => statusOfLevel(l as never))).toEqual([
      'ok',
      'ok',
      'warning',
      'critical',
    ]);
  });

  it('judges usage against a limit', () => {
    expect(statusOfUsage(79, 100, 80)).toBe('ok');
    expect(statusOfUsage(80, 100, 80)).toBe('warning');
    expect(statusOfUsage(96, 96, 80)).toBe('critical');
    expect(statusOfUsage(0, 0, 80)).toBe('ok');
    expect(statusOfUsage(4, 0, 80)).toBe('critical');
  });
});
