import { incidentTypeOf } from '../../../../core/incidents/incident-type';
import { suggestSeverity } from '../../../../core/incidents/severity-suggestion';

describe('severity suggestion', () => {
  it.each([
    ['P2: training pipeline stuck', 'P2', 'stated'],
    ['fraud-detection returns 503 to everyone', 'P2', 'text'],
    ['production scoring is down for every customer', 'P1', 'text'],
    ['latency is degraded on the fraud model', 'P2', 'text'],
    ['question about access reviews', 'P4', 'text'],
    ['the registry logo looks odd', 'P3', 'default'],
  ])('"%s" → %s (%s)', (text, severity, source) => {
    expect(suggestSeverity(text, incidentTypeOf(text))).toMatchObject({ severity, source });
  });

  it('raises the text reading to what the live status shows, never lowers a stated one', () => {
    expect(
      suggestSeverity('fraud endpoint looks odd', 'operational', { productionDown: true }),
    ).toMatchObject({
      severity: 'P1',
      source: 'live',
    });
    expect(suggestSeverity('dashboard looks odd', 'operational', { degraded: true })).toMatchObject({
      severity: 'P2',
      source: 'live',
    });
    expect(
      suggestSeverity('p4 typo on the status page', 'operational', { productionDown: true }),
    ).toMatchObject({
      severity: 'P4',
      source: 'stated',
    });
  });

  it('treats a data breach as P1 however calmly it is put', () => {
    expect(suggestSeverity('someone may have read the data lake', 'data-breach')).toMatchObject({
      severity: 'P1',
    });
  });
});

describe('incident type from the description', () => {
  it.each([
    ['possible data breach, unknown ip pulling files from the data lake', 'data-breach'],
    ['the data lake may be breached', 'data-breach'],
    ['suspected credential leak on the workspace', 'compromised-credentials'],
    ['someone pushed the openai key to github', 'compromised-credentials'],
    ['defender found ransomware on a build agent', 'malware'],
    ['we are under a ddos, fraud is flooded with requests', 'ddos'],
    ['fraud-detection returns 503 to everyone', 'operational'],
    ['training jobs keep failing', 'operational'],
  ])('"%s" → %s', (text, type) => {
    expect(incidentTypeOf(text)).toBe(type);
  });
});
