import { lazyDefaultCredential } from '../azure/create-azure-landing-zone';
import { CircuitBreaker } from '../../core/circuit-breaker';
import type { Logger } from '../../core/logger';
import type { Clock } from '../../core/ports';
import type { Router } from '../../core/routing/router';
import { AzureOpenAiChatClient, type AzureOpenAiAuth } from './azure-openai-chat.client';
import { LlmRouter, type LlmRouterOptions } from './llm-router';

/** The scope of a Microsoft Entra token for Azure OpenAI data-plane calls. */
const cognitiveServicesScope = 'https://cognitiveservices.azure.com/.default';

/** Where and how to call Azure OpenAI, as `bot/config.ts` read it. */
export interface LlmRouterSettings {
  endpoint: string;
  deployment: string;
  apiVersion: string;
  auth: { kind: 'key'; apiKey: string } | { kind: 'entra'; managedIdentityClientId?: string };
  timeoutInMs: number;
  breaker: { failureThreshold: number; coolDownInMs: number };
}

/**
 * One Azure OpenAI deployment as the bot uses it: its chat client and the one circuit breaker that
 * counts its failures, shared by the router and the answer writer, so that a failing deployment is
 * left alone by both at once.
 */
export interface AzureOpenAiDeployment {
  chat: AzureOpenAiChatClient;
  breaker: CircuitBreaker;
}

/** The configured deployment's client and breaker. With Microsoft Entra auth the credential is created on the first call, never before. */
export function connectAzureOpenAi(
  settings: LlmRouterSettings,
  options: { logger: Logger; clock: Clock },
): AzureOpenAiDeployment {
  return {
    chat: createAzureOpenAiChatClient(settings, options),
    breaker: new CircuitBreaker({ clock: options.clock, ...settings.breaker }),
  };
}

/** What `createLlmRouter` needs besides the settings. */
export interface CreateLlmRouterOptions extends Pick<LlmRouterOptions, 'tools' | 'parseArgs'> {
  fallback: Router;
  logger: Logger;
  clock: Clock;
  /** The deployment to call; a connection of its own when absent. */
  deployment?: AzureOpenAiDeployment;
}

/** Builds the Azure OpenAI router over the offline one. */
export function createLlmRouter(settings: LlmRouterSettings, options: CreateLlmRouterOptions): LlmRouter {
  const deployment = options.deployment ?? connectAzureOpenAi(settings, options);
  return new LlmRouter({
    chat: deployment.chat,
    tools: options.tools,
    parseArgs: options.parseArgs,
    fallback: options.fallback,
    breaker: deployment.breaker,
    logger: options.logger,
  });
}

/** The chat client of the configured deployment, with its key or its Microsoft Entra token provider. */
export function createAzureOpenAiChatClient(
  settings: LlmRouterSettings,
  options: { logger: Logger; clock: Clock },
): AzureOpenAiChatClient {
  const auth: AzureOpenAiAuth =
    settings.auth.kind === 'key'
      ? { kind: 'key', apiKey: settings.auth.apiKey }
      : { kind: 'token', getToken: entraTokenProvider(settings.auth.managedIdentityClientId) };
  return new AzureOpenAiChatClient({
    endpoint: settings.endpoint,
    deployment: settings.deployment,
    apiVersion: settings.apiVersion,
    auth,
    timeoutInMs: settings.timeoutInMs,
    logger: options.logger,
    clock: options.clock,
  });
}

/** A bearer-token provider over the bot's identity, loaded and built on the first token request. */
function entraTokenProvider(managedIdentityClientId: string | undefined): () => Promise<string> {
  let provider: Promise<() => Promise<string>> | undefined;
  return async () => {
    provider ??= import('@azure/identity').then(({ getBearerTokenProvider }) =>
      getBearerTokenProvider(lazyDefaultCredential(managedIdentityClientId), cognitiveServicesScope),
    );
    return (await provider)();
  };
}
