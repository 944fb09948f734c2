import type { MessageResult } from '../../skills/results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

const tones = {
  info: { word: 'Info', color: 'Accent', style: 'emphasis' },
  warning: { word: 'Warning', color: 'Warning', style: 'warning' },
  error: { word: 'Error', color: 'Attention', style: 'attention' },
} as const;

/** Renders a plain answer; the tone shows as a coloured word and a coloured frame, suggestions as buttons. */
export function messageCard(result: MessageResult): AdaptiveCard {
  const tone = tones[result.tone ?? 'info'];
  const items: CardElement[] = [];
  if (result.title) items.push(k.header(result.title, undefined, { word: tone.word, color: tone.color }));
  else items.push(k.text(tone.word, { color: tone.color, weight: 'Bolder', size: 'Small' }));
  items.push(k.text(result.text));
  const body: CardElement[] = [{ type: 'Container', style: tone.style, items }];
  return k.card(body, k.commandActions(result.suggestions ?? []));
}
