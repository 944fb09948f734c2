import { RecentTurns, summaryOf } from '../../../dialogs/recent-turns';
import type { SkillResult } from '../../../skills/results';

const message = (title: string): SkillResult => ({ view: 'message', title, text: 'x' });

describe('the recent turns a router may read', () => {
  it('keeps the last three exchanges of each conversation, oldest first, apart per conversation', () => {
    const recent = new RecentTurns();
    for (let i = 1; i <= 4; i++) recent.record('c1', `question ${i}`, [message(`answer ${i}`)]);
    recent.record('c2', 'other', []);
    expect(recent.of('c1')).toEqual([
      { role: 'user', text: 'question 2' },
      { role: 'bot', text: 'said: answer 2' },
      { role: 'user', text: 'question 3' },
      { role: 'bot', text: 'said: answer 3' },
      { role: 'user', text: 'question 4' },
      { role: 'bot', text: 'said: answer 4' },
    ]);
    expect(recent.of('c2')).toEqual([{ role: 'user', text: 'other' }]);
    expect(recent.of('c3')).toEqual([]);
  });

  it('forgets the least recently active conversation first when it holds 500', () => {
    const recent = new RecentTurns();
    for (let c = 0; c < 500; c++) recent.record(`c${c}`, 'hi', []);
    recent.record('c0', 'again', []);
    recent.record('c500', 'new', []);
    expect(recent.of('c1')).toEqual([]);
    expect(recent.of('c0')).toHaveLength(2);
    expect(recent.of('c500')).toHaveLength(1);
  });

  it('sums a bot answer up in one line without its card content', () => {
    expect(summaryOf({ view: 'clarify' } as SkillResult)).toBe('asked a clarifying question');
    expect(summaryOf({ view: 'status.endpoint', endpoint: 'fraud-detection' } as SkillResult)).toBe(
      'showed the status of endpoint fraud-detection',
    );
  });
});
