import type { NotEnabledResult } from '../../skills/results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** Renders a recognised skill that is not enabled yet: what was understood, and that nothing was done. */
export function notEnabledCard(result: NotEnabledResult): AdaptiveCard {
  const args = Object.entries(result.args).filter(([, v]) => v !== undefined);
  const body: CardElement[] = [
    k.header(result.title, `Skill ${result.skill}`, { word: 'Not enabled yet', color: 'Warning' }),
    k.text(
      args.length
        ? 'I understood the request and its arguments:'
        : 'I understood the request; it takes no arguments.',
    ),
  ];
  if (args.length) body.push(k.facts(args.map(([name, value]) => [name, formatArg(value)])));
  body.push(
    k.text(
      'This skill is recognised but not switched on in this installation yet, so **nothing was done** and nothing was changed.',
      { spacing: 'Medium' },
    ),
  );
  return k.card(body, k.commandActions([{ label: 'What can I do?', command: 'help' }]));
}

function formatArg(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
