import type { Logger } from '../core/logger';
import type { Clock } from '../core/ports';
import { cachedIntentModels } from '../adapters/nlu/cached-intent-models';
import { nlpjsIntentModels } from '../adapters/nlu/nlpjs-intent-model';
import { createOfflineRouter } from '../core/routing/offline-router';
import type { Router } from '../core/routing/router';
import type { ParsedArgs } from '../core/routing/tool-spec';
import { toolSpecs } from '../core/contract/tool-specs';
import type { SkillDeclaration } from '../skills/skill';
import type { AzureOpenAiDeployment } from '../adapters/llm/create-llm-router';
import type { BotConfig } from './config';

/** The router of this configuration, and which one it is. */
export interface BuiltRouter {
  router: Router;
  /** `llm` when Azure OpenAI is configured (the offline router is then its fallback). */
  kind: 'llm' | 'offline';
}

/** What `buildRouter` needs besides the config. */
export interface BuildRouterOptions {
  skills: readonly SkillDeclaration[];
  logger: Logger;
  clock: Clock;
  /** The Azure OpenAI deployment's client and breaker, shared with the answer writer; a connection of its own when absent. */
  deployment?: AzureOpenAiDeployment;
}

/**
 * Builds the natural-language router: the offline router, and over it the Azure OpenAI router when
 * `AZURE_OPENAI_ENDPOINT` and `AZURE_OPENAI_DEPLOYMENT` are set. The `openai` package is loaded only then.
 */
export async function buildRouter(config: BotConfig, options: BuildRouterOptions): Promise<BuiltRouter> {
  const offline = await createOfflineRouter({
    config: config.landingZone,
    skills: options.skills,
    intentModels: config.routerCacheDir
      ? cachedIntentModels({ directory: config.routerCacheDir, logger: options.logger })
      : nlpjsIntentModels,
  });
  if (!config.llm) return { router: offline, kind: 'offline' };
  const { createLlmRouter } =
    require('../adapters/llm/create-llm-router') as typeof import('../adapters/llm/create-llm-router');
  const router = createLlmRouter(config.llm, {
    // One tool per skill the caller's roles allow, generated from the declarations' typed parameters.
    tools: (context) => (context ? toolSpecs(options.skills, context.caller.roles, config.landingZone) : []),
    parseArgs: (skill, args) => parseSkillArgs(options.skills, skill, args),
    fallback: offline,
    logger: options.logger,
    clock: options.clock,
    ...(options.deployment ? { deployment: options.deployment } : {}),
  });
  options.logger.info(
    {
      router: 'llm',
      deployment: config.llm.deployment,
      apiVersion: config.llm.apiVersion,
      auth: config.llm.auth.kind,
      timeoutMs: config.llm.timeoutInMs,
    },
    'Azure OpenAI router on, the offline router as its fallback',
  );
  return { router, kind: 'llm' };
}

/** The arguments a model proposed, through the skill's own parameter schema. */
function parseSkillArgs(skills: readonly SkillDeclaration[], skill: string, args: unknown): ParsedArgs {
  const declared = skills.find((s) => s.id === skill);
  if (!declared) return { ok: false, error: `${skill} is not in the catalog` };
  const parsed = declared.schema.safeParse(args);
  if (parsed.success) return { ok: true, args: parsed.data as Record<string, unknown> };
  return {
    ok: false,
    error: parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
      .join('; '),
  };
}
