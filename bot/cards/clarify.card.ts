import type { ClarifyResult } from '../../skills/results';
import type { AdaptiveCard, CardAction, CardElement, CommandActionData } from './adaptive-card';
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
  const actions: CardAction[] = result.choices.slice(0, 5).map((choice) => {
    const data: CommandActionData = { opsbot: { command: choice.command } };
    return { type: 'Action.Submit', title: choice.label, data };
  });
  return k.card([{ type: 'Container', style: 'emphasis', items }], actions);
}
