import type { IncidentPerson } from '../../core/incidents/incident';
import type { SkillResult } from '../results';

/** A message the incident desk posts on its own (not as the answer to a message): an escalation, a notice. */
export interface ChatPost {
  text: string;
  /** People to @mention in the message. */
  mentions?: IncidentPerson[];
  /** A card to attach. */
  result?: SkillResult;
}

/**
 * Proactive messages in an incident's conversation, implemented by the bot with the conversation
 * reference it keeps per conversation. Both calls are best effort: they resolve undefined / false
 * when the conversation is unknown or the channel refused.
 */
export interface IncidentChat {
  /** Posts a new message; resolves with its activity id. */
  post(conversationId: string, post: ChatPost): Promise<string | undefined>;
  /** Replaces the card of an earlier message in place. */
  update(conversationId: string, activityId: string, result: SkillResult): Promise<boolean>;
}
