import { incidentSummary } from '../../../../core/routing/incident-text';

describe('incidentSummary', () => {
  it('drops the request and a severity given as P1–P4 or as a word before "incident"', () => {
    expect(incidentSummary('declare P3 High Latency on fraud-detection')).toBe(
      'High Latency on fraud-detection',
    );
    expect(incidentSummary('open a critical incident: prod is down')).toBe('prod is down');
    expect(incidentSummary('raise a p1 incident for the fraud endpoint')).toBe('the fraud endpoint');
  });

  it('keeps a severity word that describes the symptom ("high latency", "low disk")', () => {
    expect(incidentSummary('declare high latency on fraud')).toBe('high latency on fraud');
    expect(incidentSummary('declare low throughput on the gpu cluster')).toBe(
      'low throughput on the gpu cluster',
    );
  });
});
