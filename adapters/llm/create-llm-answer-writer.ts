import { CircuitBreaker } from '../../core/circuit-breaker';
import type { Logger } from '../../core/logger';
import type { Clock } from '../../core/ports';
import { createAzureOpenAiChatClient, type LlmRouterSettings } from './create-llm-router';
import { LlmAnswerWriter } from './llm-answer-writer';

/**
 * Builds the Azure OpenAI writer of grounded runbook answers over the configured deployment: its
 * own chat client (offered no tools) and circuit breaker, with the router's timeout and breaker settings.
 */
export function createLlmAnswerWriter(
  settings: LlmRouterSettings,
  options: { logger: Logger; clock: Clock },
): LlmAnswerWriter {
  return new LlmAnswerWriter({
    chat: createAzureOpenAiChatClient(settings, options),
    breaker: new CircuitBreaker({ clock: options.clock, ...settings.breaker }),
    logger: options.logger,
    writer: `Azure OpenAI (${settings.deployment})`,
  });
}
