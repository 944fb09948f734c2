import type { QuotaStatusResult } from '../../skills/status/status-results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** Renders `status.quota`: cores used per VM family against the limit. */
export function quotaStatusCard(result: QuotaStatusResult): AdaptiveCard {
  const body: CardElement[] = [
    k.header('Compute quota', `Cores per VM family · checked ${k.formatTime(result.generatedAt)}`, {
      word: k.statusWord(result.status),
      color: k.statusColor(result.status),
    }),
  ];
  if (result.simulated) body.push(k.simulatedLabel());
  if (!result.families.length) body.push(k.text('The workspace reports no quota usage.'));
  for (const f of result.families) {
    body.push(
      k.statusRow(f.family, `${f.used} of ${f.limit} cores (${k.formatNumber(f.usedPercent, 1)}%)`, f.status),
    );
    const free = Math.max(0, f.limit - f.used);
    body.push(
      k.text(`${free} cores free${f.computes.length ? `; used by ${f.computes.join(', ')}` : ''}.`, {
        size: 'Small',
        isSubtle: true,
        spacing: 'None',
      }),
    );
  }
  body.push(
    k.text(
      `A family needs attention from ${result.nearLimitPercent}% of its limit; at 100% new nodes cannot start.`,
      {
        size: 'Small',
        isSubtle: true,
        spacing: 'Medium',
      },
    ),
  );
  return k.card(body, k.commandActions(result.nextSteps));
}
