import type {} from '@azure/openai/types';
import { APIConnectionTimeoutError, APIError, AzureOpenAI, BadRequestError, RateLimitError } from 'openai';
import type { ChatCompletion } from 'openai/resources/index';
import type { Logger } from '../../core/logger';
import type { Clock } from '../../core/ports';
import { systemClock } from '../../core/clock';
import { ChatCallError, type ChatAnswer, type ChatClient, type ChatRequest } from './chat-client';

/** How the client authenticates: the resource's API key, or a Microsoft Entra bearer-token provider. */
export type AzureOpenAiAuth =
  | { kind: 'key'; apiKey: string }
  | { kind: 'token'; getToken: () => Promise<string> };

/** Options of `AzureOpenAiChatClient`. */
export interface AzureOpenAiChatClientOptions {
  /** The resource endpoint, e.g. `https://contoso-aoai.openai.azure.com` (a loopback http URL in tests). */
  endpoint: string;
  deployment: string;
  /** The data-plane API version, e.g. `2024-10-21`. */
  apiVersion: string;
  auth: AzureOpenAiAuth;
  /** One call's deadline, ms. Default 4000. */
  timeoutInMs?: number;
  /** Sampling temperature; `omit` sends none. Default 0. */
  temperature?: number | 'omit';
  logger: Logger;
  /** Measures each call's latency. Default the system clock. */
  clock?: Clock;
}

/**
 * A chat client over Azure OpenAI chat completions (the `openai` package's `AzureOpenAI`). One
 * attempt per call, no SDK retries: on the hot path a 429 or a slow answer means "fall back now".
 * Every call logs its latency and token counts; no prompt text, key or token reaches the log.
 */
export class AzureOpenAiChatClient implements ChatClient {
  private readonly client: AzureOpenAI;
  private readonly deployment: string;
  private readonly timeoutInMs: number;
  private readonly temperature: number | 'omit';
  private readonly logger: Logger;
  private readonly clock: Clock;

  constructor(options: AzureOpenAiChatClientOptions) {
    this.deployment = options.deployment;
    this.timeoutInMs = options.timeoutInMs ?? 4000;
    this.temperature = options.temperature ?? 0;
    this.logger = options.logger.child({ component: 'llm' });
    this.clock = options.clock ?? systemClock;
    // Every option is explicit, so that no OPENAI_* variable of the process changes where or how it calls.
    this.client = new AzureOpenAI({
      baseURL: `${options.endpoint.replace(/\/+$/, '')}/openai`,
      deployment: options.deployment,
      apiVersion: options.apiVersion,
      ...(options.auth.kind === 'key'
        ? { apiKey: options.auth.apiKey }
        : { azureADTokenProvider: options.auth.getToken }),
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: this.timeoutInMs,
    });
  }

  async complete(request: ChatRequest): Promise<ChatAnswer> {
    const startedAt = this.clock.now().getTime();
    const elapsed = () => this.clock.now().getTime() - startedAt;
    let completion: ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(
        {
          model: this.deployment,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.user },
          ],
          // Without tools the request carries neither `tools` nor `tool_choice`: the model can only write text.
          ...(request.tools.length
            ? {
                tools: request.tools.map((tool) => ({
                  type: 'function' as const,
                  function: { name: tool.name, description: tool.description, parameters: tool.parameters },
                })),
                tool_choice: 'auto' as const,
              }
            : {}),
          ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
          ...(this.temperature === 'omit' ? {} : { temperature: this.temperature }),
        },
        { timeout: this.timeoutInMs, maxRetries: 0 },
      );
    } catch (error) {
      const failure = toChatCallError(error, this.timeoutInMs, startedAt);
      this.logger.warn(
        {
          deployment: this.deployment,
          latencyMs: elapsed(),
          outcome: failure.reason,
          status: failure.details.status,
          retryAfterMs: failure.details.retryAfterInMs,
        },
        'chat completion failed',
      );
      throw failure;
    }
    const choice = completion.choices[0];
    const usage = completion.usage;
    this.logger.info(
      {
        deployment: this.deployment,
        latencyMs: elapsed(),
        promptTokens: usage?.prompt_tokens,
        completionTokens: usage?.completion_tokens,
        totalTokens: usage?.total_tokens,
        finishReason: choice?.finish_reason,
        toolCalls: choice?.message?.tool_calls?.length ?? 0,
      },
      'chat completion',
    );
    if (!choice) throw new ChatCallError('error', 'the completion has no choice');
    if (choice.finish_reason === 'content_filter') {
      throw new ChatCallError(
        'content-filter',
        `the answer was filtered (${filteredCategories(choice.content_filter_results).join(', ') || 'no category named'})`,
      );
    }
    const calls = (choice.message.tool_calls ?? [])
      .filter((call) => call.type === 'function')
      .map((call) => ({ name: call.function.name, arguments: call.function.arguments }));
    if (calls.length) return { kind: 'tool-calls', calls };
    return { kind: 'text', text: choice.message.content ?? choice.message.refusal ?? '' };
  }
}

/** The categories of a choice's content-filter results that were filtered. */
function filteredCategories(results: ChatCompletion.Choice['content_filter_results']): string[] {
  if (!results) return [];
  return Object.entries(results)
    .filter(([, result]) => (result as { filtered?: boolean } | undefined)?.filtered === true)
    .map(([category]) => category);
}

function toChatCallError(error: unknown, timeoutInMs: number, nowInMs: number): ChatCallError {
  if (error instanceof APIConnectionTimeoutError)
    return new ChatCallError('timeout', `no answer within ${timeoutInMs} ms`);
  if (error instanceof RateLimitError) {
    const retryAfterInMs = retryAfter(error.headers, nowInMs);
    return new ChatCallError('rate-limited', 'the deployment is throttling (429)', {
      status: 429,
      ...(retryAfterInMs !== undefined ? { retryAfterInMs } : {}),
    });
  }
  if (error instanceof BadRequestError && error.code === 'content_filter')
    return new ChatCallError('content-filter', 'the prompt was filtered (400 content_filter)', {
      status: 400,
    });
  if (error instanceof APIError)
    return new ChatCallError('error', error.message, error.status ? { status: error.status } : {});
  return new ChatCallError('error', error instanceof Error ? error.message : String(error));
}

/** A 429's wait, ms: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
function retryAfter(
  headers: Record<string, string | null | undefined> | undefined,
  nowInMs: number,
): number | undefined {
  const ms = Number(headers?.['retry-after-ms']);
  if (headers?.['retry-after-ms'] && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowInMs);
}
