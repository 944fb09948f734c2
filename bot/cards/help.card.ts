import type { HelpResult } from '../../skills/results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

const groups: { kind: string; title: string }[] = [
  { kind: 'read', title: 'Look things up' },
  { kind: 'change', title: 'Change the landing zone (needs confirmation or approval)' },
  { kind: 'incident', title: 'Work incidents' },
];

/** Renders `help`: the skills this caller may use, grouped by what they do, each with a command and an example. */
export function helpCard(result: HelpResult): AdaptiveCard {
  const body: CardElement[] = [
    k.header('What I can do for you', `${result.callerName} · roles: ${result.roles.join(', ') || 'none'}`),
    k.text('Type a command as shown, or just ask in your own words.', { isSubtle: true }),
  ];
  for (const group of groups) {
    const skills = result.skills.filter((s) => s.kind === group.kind);
    if (!skills.length) continue;
    body.push(k.text(`**${group.title}**`, { spacing: 'Medium' }));
    for (const s of skills) {
      body.push(
        k.text(`**${s.title}**${s.command ? ` · \`${s.command}\`` : ''}`, { spacing: 'Small' }),
        k.text(`${s.description} For example: "${s.example}"`, {
          size: 'Small',
          isSubtle: true,
          spacing: 'None',
        }),
      );
    }
  }
  if (!result.skills.length)
    body.push(k.text('Your roles do not give you any skill yet; ask an administrator.'));
  const quick = [
    { id: 'status.overview', label: 'Overview', command: 'status' },
    { id: 'status.alerts', label: 'Firing alerts', command: 'alerts' },
    { id: 'status.jobs', label: 'Training jobs', command: 'jobs 24' },
    { id: 'incident.list', label: 'Open incidents', command: 'incidents' },
  ].filter((q) => result.skills.some((s) => s.id === q.id));
  return k.card(body, k.commandActions(quick));
}
