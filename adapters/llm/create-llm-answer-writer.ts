import type { Logger } from '../../core/logger';
import type { Clock } from '../../core/ports';
import { connectAzureOpenAi, type AzureOpenAiDeployment, type LlmRouterSettings } from './create-llm-router';
import { LlmAnswerWriter } from './llm-answer-writer';

/**
 * Builds the Azure OpenAI writer of grounded runbook answers over the configured deployment (offered
 * no tools), with the router's client and breaker when given, so that both count the same failures.
 */
export function createLlmAnswerWriter(
  settings: LlmRouterSettings,
  options: { logger: Logger; clock: Clock; deployment?: AzureOpenAiDeployment },
): LlmAnswerWriter {
  const deployment = options.deployment ?? connectAzureOpenAi(settings, options);
  return new LlmAnswerWriter({
    chat: deployment.chat,
    breaker: deployment.breaker,
    logger: options.logger,
    writer: `Azure OpenAI (${settings.deployment})`,
  });
}
