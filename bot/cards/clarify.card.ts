import type { ClarifyResult } from '../../skills/results';
import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** Renders a clarifying question: the question, an optional hint, and each choice as a button that sends its command back. */
export function clarifyCard(result: ClarifyResult): AdaptiveCard {
  const items: CardElement[] = [
    k.header(
      result.title,
      result.reason === 'skill'
        ? 'I want to be sure before doing anything'
        : 'One more thing before I go ahead',
    ),
    k.text(result.question),
  ];
  if (result.hint) items.push(k.text(result.hint, { isSubtle: true, size: 'Small' }));
  // One button per choice, duplicates kept: two choices may send the same answer under different labels.
  const actions: CardAction[] = result.choices
    .slice(0, 5)
    .map((choice) => k.commandAction({ label: choice.label, command: choice.command }));
  return k.card([{ type: 'Container', style: 'emphasis', items }], actions);
}
