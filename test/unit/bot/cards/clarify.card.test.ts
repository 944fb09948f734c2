import { clarifyCard } from '../../../../bot/cards/clarify.card';
import { renderResult } from '../../../../bot/cards/render-result';
import type { ClarifyResult } from '../../../../skills/results';
import { maxCardBytes, validateCard } from '../../../helpers/validate-card';

const question: ClarifyResult = {
  view: 'clarify',
  reason: 'argument',
  title: 'Scale an endpoint deployment',
  question: 'Which endpoint?',
  hint: 'Pick one or cancel.',
  choices: [
    { label: 'fraud-detection', command: 'fraud-detection' },
    { label: 'Cancel', command: 'cancel' },
  ],
};

describe('clarify card', () => {
  it('is a valid Adaptive Card 1.5 with the question and one command button per choice', () => {
    const card = clarifyCard(question);
    expect(validateCard(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(JSON.stringify(card).length).toBeLessThan(maxCardBytes);
    expect(JSON.stringify(card.body)).toContain('Which endpoint?');
    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'fraud-detection',
        verb: 'command.run',
        data: { opsbot: { command: 'fraud-detection' } },
      },
      {
        type: 'Action.Execute',
        title: 'Cancel',
        verb: 'command.run',
        data: { opsbot: { command: 'cancel' } },
      },
    ]);
  });

  it('is what renderResult shows for a clarify result', () => {
    expect(renderResult(question)).toEqual(clarifyCard(question));
  });
});
