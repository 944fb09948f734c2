import type { Intent } from './intent';

/** One earlier turn of the conversation, as the router may read it for context. */
export interface RecentTurn {
  role: 'user' | 'bot';
  text: string;
}

/**
 * What a router may know about a message besides its text: who sent it (to offer only the skills
 * their roles allow), in which conversation, and the turns just before it ("scale it to 6" right
 * after a status check of fraud-detection).
 */
export interface RouteContext {
  caller: { aadObjectId: string; roles: readonly string[] };
  conversationId: string;
  /** Oldest first. */
  recentTurns: readonly RecentTurn[];
}

/**
 * A router turns one message into a proposed intent. Implemented by the offline NLU router (the
 * embedded default) and by the Azure OpenAI function-calling router, which falls back to the
 * offline one. It never runs anything.
 */
export interface Router {
  route(text: string, context?: RouteContext): Promise<Intent>;
}
