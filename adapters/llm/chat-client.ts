/** A function tool as the model sees it: a wire-safe name, a description and a JSON schema. */
export interface ChatTool {
  /** `^[A-Za-z0-9_-]{1,64}$`, the chat completions API's rule for function names. */
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** One chat completion request: its instructions, the fenced untrusted text, the tools (none: plain text only). */
export interface ChatRequest {
  system: string;
  user: string;
  tools: readonly ChatTool[];
  /** Most tokens of the answer; the deployment's default when absent. */
  maxTokens?: number;
}

/** A function call the model answered with; `arguments` is the raw JSON text it wrote. */
export interface ChatToolCall {
  name: string;
  arguments: string;
}

/** What the model answered: one or more tool calls, or plain text. */
export type ChatAnswer = { kind: 'tool-calls'; calls: ChatToolCall[] } | { kind: 'text'; text: string };

/** Why a chat call gave no usable answer. */
export type ChatFailure = 'timeout' | 'rate-limited' | 'content-filter' | 'error';

/**
 * A chat call that gave no answer to use: it timed out, was throttled (`retryAfterInMs` from the
 * service's header), was stopped by the content filter (the 400 or the `content_filter` finish
 * reason), or failed otherwise (`status` when the service answered).
 */
export class ChatCallError extends Error {
  constructor(
    readonly reason: ChatFailure,
    message: string,
    readonly details: { status?: number; retryAfterInMs?: number } = {},
  ) {
    super(message);
    this.name = 'ChatCallError';
  }
}

/**
 * A chat client sends one request to a chat model and returns its answer, or throws
 * `ChatCallError`. Implemented over Azure OpenAI; the LLM router depends only on this.
 */
export interface ChatClient {
  complete(request: ChatRequest): Promise<ChatAnswer>;
}
