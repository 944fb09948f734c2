import type { MonitorAlertResult } from '../../skills/incident/incident-results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

const severityColor: Record<string, string> = {
  Sev0: 'Attention',
  Sev1: 'Attention',
  Sev2: 'Warning',
  Sev3: 'Default',
  Sev4: 'Default',
};

/** "fired 3 times, last at …; 1 of them resolved". */
function repeats(result: MonitorAlertResult): string {
  const last = result.lastFiredAt ? `, last at ${k.formatTime(result.lastFiredAt)}` : '';
  const resolved = result.timesResolved ? `; ${result.timesResolved} of them resolved` : '';
  return `fired ${result.timesFired} times${last}${resolved}`;
}

/** Renders an Azure Monitor alert: rule, severity, resources, when; "Declare incident" and "Troubleshoot" while it fires. */
export function monitorAlertCard(result: MonitorAlertResult): AdaptiveCard {
  const fired = result.condition === 'Fired';
  const body: CardElement[] = [
    k.header(
      result.rule,
      `Azure Monitor alert · ${result.alertSeverity}`,
      fired
        ? { word: 'Fired', color: severityColor[result.alertSeverity] ?? 'Warning' }
        : { word: 'Resolved', color: 'Good' },
    ),
    k.facts([
      ['Resources', result.resources.join(', ') || 'not named'],
      ['Fired', k.formatTime(result.firedAt)],
      ...(result.timesFired > 1 ? [['Repeats', repeats(result)] as [string, string]] : []),
      ...(result.resolvedAt ? [['Resolved', k.formatTime(result.resolvedAt)] as [string, string]] : []),
      ...(result.incident ? [['Incident', result.incident] as [string, string]] : []),
      ...(result.resolvedIncident
        ? [['Incident', `${result.resolvedIncident} (resolved; the alert still fires)`] as [string, string]]
        : []),
    ]),
  ];
  if (result.description) body.push(k.text(result.description, { isSubtle: true }));
  if (fired && !result.incident)
    body.push(
      k.text(
        result.resolvedIncident
          ? `${result.resolvedIncident} was resolved while this alert still fires. Declare again if it needs one.`
          : 'Nothing has been declared. Declare an incident if this needs one.',
        { size: 'Small' },
      ),
    );
  if (fired && result.incident)
    body.push(
      k.text(`Declared as ${result.incident}: acknowledge, note and resolve it there.`, { size: 'Small' }),
    );
  return k.card(body, k.commandActions(result.suggestions));
}
