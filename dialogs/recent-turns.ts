import type { RecentTurn } from '../core/routing/router';
import type { SkillResult } from '../skills/results';

/** Turns kept per conversation: three exchanges. */
const turnsKept = 6;
/** Conversations kept; the least recently active goes first. */
const conversationsKept = 500;

/**
 * The last few turns of each conversation, for a router that reads context ("scale it to 6" right
 * after the status of fraud-detection). Kept in memory by this instance only: after a restart, or on
 * another instance, a message is routed without its context, as the offline router always does.
 * Bot turns are a one-line summary of what was shown, never card content.
 */
export class RecentTurns {
  private readonly turns = new Map<string, RecentTurn[]>();

  of(conversationId: string): readonly RecentTurn[] {
    return this.turns.get(conversationId) ?? [];
  }

  /** Records a message and what the bot answered. */
  record(conversationId: string, text: string, results: readonly SkillResult[]): void {
    const kept = this.turns.get(conversationId) ?? [];
    this.turns.delete(conversationId);
    kept.push({ role: 'user', text }, ...results.map((r) => ({ role: 'bot' as const, text: summaryOf(r) })));
    this.turns.set(conversationId, kept.slice(-turnsKept));
    if (this.turns.size > conversationsKept) this.turns.delete(this.turns.keys().next().value!);
  }
}

/** "showed status.endpoint of fraud-detection", "asked which cluster", "proposed CHG-00012 (endpoint.scale)". */
export function summaryOf(result: SkillResult): string {
  switch (result.view) {
    case 'status.endpoint':
      return `showed the status of endpoint ${result.endpoint}`;
    case 'status.compute':
      return `showed the status of compute ${result.compute}`;
    case 'change-request':
      return `proposed ${result.change.id} (${result.change.skill} ${Object.values(result.change.args).join(' ')})`;
    case 'incident':
      return `showed incident ${result.incident.id}`;
    case 'clarify':
      return 'asked a clarifying question';
    case 'message':
      return result.title ? `said: ${result.title}` : 'answered with a message';
    default:
      return `showed ${result.view}`;
  }
}
