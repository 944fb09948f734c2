import type { Intent } from './intent';

/**
 * A router turns one message into a proposed intent. Implemented by the offline NLU router (the
 * embedded default) and, later, by the Azure OpenAI function-calling router with the offline one
 * as fallback. It never runs anything.
 */
export interface Router {
  route(text: string): Promise<Intent>;
}
