import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod/v4';
import type { AzureLandingZoneEnv } from '../adapters/azure/create-azure-landing-zone';
import type { LlmRouterSettings } from '../adapters/llm/create-llm-router';
import type { NotifySettings } from '../adapters/notify/create-notifier';
import { LandingZoneConfig } from '../core/config/landing-zone.schema';
import { ConfigError } from '../core/errors';
import { loopbackHosts, readAlertSettings, readLlmSettings, readNotifySettings } from './config-integrations';
import { projectRoot } from './project-root';

/** The configuration file used when `OPSBOT_CONFIG` is not set, relative to the project root. */
export const defaultConfigPath = 'config/landing-zone.yaml';

/** The trained router's cache when `ROUTER_CACHE_DIR` is not set, relative to the current directory (beside `data/opsbot.db`). */
export const defaultRouterCacheDir = 'data/cache';

/** The runbook folder used when `KNOWLEDGE_DIR` is not set, relative to the project root. */
export const defaultKnowledgeDir = 'knowledge';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() ? value.trim() : undefined));

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = value?.trim() || String(fallback);
      const number = /^\d+$/.test(text) ? Number(text) : NaN;
      if (Number.isNaN(number) || number < min || number > max) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a whole number from ${min} to ${max}, got "${text}"`,
        });
        return z.NEVER;
      }
      return number;
    });

const choice = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() ? value.trim() : fallback),
    z.enum(values),
  );

/** The environment variables opsbot reads; `.env.sample` documents each one. */
/** The environment as parsed. */
export type Env = z.infer<typeof EnvSchema>;

const EnvSchema = z.object({
  OPSBOT_CONFIG: optionalText,
  PORT: integer(3978, 0, 65535),
  HOST: optionalText,
  DATABASE_URL: optionalText,
  LOG_LEVEL: choice(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TYPE: choice(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], 'MultiTenant'),
  MICROSOFT_APP_TENANT_ID: optionalText,
  LANDING_ZONE: choice(['simulator', 'azure'], 'simulator'),
  SIM_SCENARIOS: optionalText,
  SIM_SEED: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = value?.trim();
      if (!text) return undefined;
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number, got "${text}"` });
        return z.NEVER;
      }
      return Number(text);
    }),
  SHUTDOWN_GRACE_MS: integer(10_000, 0, 600_000),
  JOB_POLL_INTERVAL_MS: integer(5_000, 0, 3_600_000),
  SIM_CLOCK_START: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = value?.trim();
      if (!text) return undefined;
      const at = new Date(text);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime())) {
        ctx.addIssue({
          code: 'custom',
          message: `expected an ISO-8601 instant such as 2026-12-05T06:59:00Z, got "${text}"`,
        });
        return z.NEVER;
      }
      return at;
    }),
  CHANGE_CHANNEL_ID: optionalText,
  ACTIVITY_DEDUP_WINDOW_MS: integer(86_400_000, 1_000, 2_592_000_000),
  TURN_DEADLINE_MS: integer(14_000, 100, 120_000),
  OUTBOUND_TIMEOUT_MS: integer(5_000, 50, 60_000),
  BOT_OPENID_METADATA_URL: optionalText,
  AZURE_SUBSCRIPTION_ID: optionalText,
  AZURE_RESOURCE_GROUP: optionalText,
  AZURE_ML_WORKSPACE: optionalText,
  AZURE_LOCATION: optionalText,
  AZURE_LOG_ANALYTICS_WORKSPACE_ID: optionalText,
  AZURE_CLIENT_ID: optionalText,
  AZURE_STORAGE_CAPACITY_TB: optionalText,
  KNOWLEDGE_DIR: optionalText,
  ROUTER_CACHE_DIR: optionalText,
  AZURE_ENDPOINT_REQUESTS_TABLE: optionalText,
  PAGERDUTY_ROUTING_KEY: optionalText,
  PAGERDUTY_SECURITY_ROUTING_KEY: optionalText,
  PAGERDUTY_EVENTS_URL: optionalText,
  SERVICENOW_INSTANCE_URL: optionalText,
  SERVICENOW_USER: optionalText,
  SERVICENOW_PASSWORD: optionalText,
  SMTP_HOST: optionalText,
  SMTP_PORT: integer(587, 1, 65535),
  SMTP_SECURE: choice(['false', 'true'], 'false'),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  SMTP_FROM: optionalText,
  ALERTS_SHARED_SECRET: optionalText,
  ALERTS_CONVERSATION_ID: optionalText,
  AZURE_OPENAI_ENDPOINT: optionalText,
  AZURE_OPENAI_DEPLOYMENT: optionalText,
  AZURE_OPENAI_API_KEY: optionalText,
  AZURE_OPENAI_API_VERSION: optionalText,
  AZURE_OPENAI_TIMEOUT_MS: integer(4_000, 100, 60_000),
  AZURE_OPENAI_BREAKER_FAILURES: integer(3, 1, 100),
  AZURE_OPENAI_BREAKER_COOLDOWN_MS: integer(30_000, 1_000, 3_600_000),
});

/** Bot Framework credentials; present only in production mode. */
export interface BotCredentials {
  appId: string;
  /** Absent for a user-assigned managed identity. */
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
}

/** Everything the bot is configured with, read once at start from the environment and the YAML file. */
export interface BotConfig {
  /** The YAML file as named to the user (relative when it was given relative). */
  configPath: string;
  landingZone: LandingZoneConfig;
  /** No Bot Framework app id: no authentication, loopback only, demo features on. */
  localMode: boolean;
  credentials?: BotCredentials;
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: string;
  landingZoneKind: 'simulator' | 'azure';
  /** Live-mode settings for `LANDING_ZONE=azure`; each overrides the matching YAML field. */
  azure: AzureLandingZoneEnv;
  simScenarios: string[];
  simSeed?: number;
  shutdownGraceMs: number;
  /** The simulator's clock starts here and runs at real speed (simulator only). */
  simClockStart?: Date;
  /** How often this instance looks for due durable jobs; 0 switches the loop off (tests tick it themselves). */
  jobPollIntervalMs: number;
  /** Conversation id of the Teams channel where every change request is also posted for approvers. */
  changeChannelId?: string;
  /** How long a delivered activity id is remembered, so that its redeliveries run no second turn. */
  deliveryWindowMs: number;
  /** `/api/messages` answers by then even when the turn is still running. */
  turnDeadlineMs: number;
  /** One attempt of a reply, update or proactive post; all attempts of one call get twice this. */
  outboundTimeoutMs: number;
  /** The Bot Framework channel's OpenID metadata, when not the public cloud's (sovereign clouds, tests). */
  openIdMetadataUrl?: string;
  /** The runbook folder as named to the user (`knowledge` by default) and its absolute path. */
  knowledge: { directory: string; path: string };
  /** Where the trained router model is kept between starts (absolute); absent with `ROUTER_CACHE_DIR=off`. */
  routerCacheDir?: string;
  /** Real notifiers; each absent one falls back to the embedded notifier (audit log + chat). */
  notify: NotifySettings;
  /** `POST /api/alerts`: on when a shared secret is set; cards go to the ops conversation. */
  alerts?: { secret: string; conversationId?: string };
  /** The Azure OpenAI router; absent unless `AZURE_OPENAI_ENDPOINT` and `AZURE_OPENAI_DEPLOYMENT` are set. */
  llm?: LlmRouterSettings;
}

/** Where to look for relative paths; tests point it elsewhere. */
export interface LoadBotConfigOptions {
  /** Directory a relative `OPSBOT_CONFIG` is resolved against; the current directory by default. */
  cwd?: string;
}

/**
 * Reads the bot's configuration from the given environment and the landing-zone YAML file.
 * Throws `ConfigError` whose message names the variable or the file, the path inside it and what is wrong.
 */
export function loadBotConfig(
  env: Record<string, string | undefined>,
  options: LoadBotConfigOptions = {},
): BotConfig {
  const parsedEnv = EnvSchema.safeParse(env);
  if (!parsedEnv.success) {
    const lines = parsedEnv.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`environment: invalid settings:\n${lines.join('\n')}`);
  }
  const e = parsedEnv.data;

  const credentials = readCredentials(e);
  const localMode = credentials === undefined;
  const host = e.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0');
  if (localMode && !loopbackHosts.has(host)) {
    throw new ConfigError(
      `environment: HOST=${host}: local mode (no MICROSOFT_APP_ID) listens on 127.0.0.1 only, without authentication; ` +
        'set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to listen on other interfaces.',
    );
  }

  if (localMode && e.LANDING_ZONE === 'azure') {
    // Local mode has no authentication: anyone on this machine could act as anyone in the roster.
    // It never gets a real subscription, and never builds DefaultAzureCredential.
    throw new ConfigError(
      'environment: LANDING_ZONE=azure needs production mode (MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD, ' +
        'or a managed identity): local mode has no authentication, so it runs on the simulator only.',
    );
  }

  if (e.SIM_CLOCK_START && e.LANDING_ZONE !== 'simulator') {
    throw new ConfigError(
      'environment: SIM_CLOCK_START only works with the simulator (LANDING_ZONE=simulator).',
    );
  }
  const configPath = e.OPSBOT_CONFIG ?? defaultConfigPath;
  const absolutePath = isAbsolute(configPath)
    ? configPath
    : e.OPSBOT_CONFIG
      ? resolve(options.cwd ?? process.cwd(), configPath)
      : join(projectRoot, configPath);

  const landingZone = readLandingZoneConfig(configPath, absolutePath);
  return {
    configPath,
    landingZone,
    localMode,
    credentials,
    port: e.PORT,
    host,
    databaseUrl: e.DATABASE_URL ?? 'sqlite:data/opsbot.db',
    logLevel: e.LOG_LEVEL,
    landingZoneKind: e.LANDING_ZONE,
    azure: {
      AZURE_SUBSCRIPTION_ID: e.AZURE_SUBSCRIPTION_ID,
      AZURE_RESOURCE_GROUP: e.AZURE_RESOURCE_GROUP,
      AZURE_ML_WORKSPACE: e.AZURE_ML_WORKSPACE,
      AZURE_LOCATION: e.AZURE_LOCATION,
      AZURE_LOG_ANALYTICS_WORKSPACE_ID: e.AZURE_LOG_ANALYTICS_WORKSPACE_ID,
      AZURE_CLIENT_ID: e.AZURE_CLIENT_ID,
      AZURE_STORAGE_CAPACITY_TB: e.AZURE_STORAGE_CAPACITY_TB,
      AZURE_ENDPOINT_REQUESTS_TABLE: e.AZURE_ENDPOINT_REQUESTS_TABLE,
    },
    simScenarios: (e.SIM_SCENARIOS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    simSeed: e.SIM_SEED,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    jobPollIntervalMs: e.JOB_POLL_INTERVAL_MS,
    ...(e.SIM_CLOCK_START ? { simClockStart: e.SIM_CLOCK_START } : {}),
    ...(e.CHANGE_CHANNEL_ID ? { changeChannelId: e.CHANGE_CHANNEL_ID } : {}),
    deliveryWindowMs: e.ACTIVITY_DEDUP_WINDOW_MS,
    turnDeadlineMs: e.TURN_DEADLINE_MS,
    outboundTimeoutMs: e.OUTBOUND_TIMEOUT_MS,
    ...(e.BOT_OPENID_METADATA_URL ? { openIdMetadataUrl: e.BOT_OPENID_METADATA_URL } : {}),
    knowledge: {
      directory: e.KNOWLEDGE_DIR ?? defaultKnowledgeDir,
      path: e.KNOWLEDGE_DIR
        ? resolve(options.cwd ?? process.cwd(), e.KNOWLEDGE_DIR)
        : join(projectRoot, defaultKnowledgeDir),
    },
    ...(e.ROUTER_CACHE_DIR?.toLowerCase() === 'off'
      ? {}
      : {
          routerCacheDir: resolve(options.cwd ?? process.cwd(), e.ROUTER_CACHE_DIR ?? defaultRouterCacheDir),
        }),
    notify: readNotifySettings(e, landingZone.landingZone.name),
    ...readAlertSettings(e),
    ...readLlmSettings(e),
  };
}

function readCredentials(e: z.infer<typeof EnvSchema>): BotCredentials | undefined {
  if (!e.MICROSOFT_APP_ID) {
    if (e.MICROSOFT_APP_PASSWORD) {
      throw new ConfigError(
        'environment: MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is not; set both or neither.',
      );
    }
    return undefined;
  }
  if (e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) {
    throw new ConfigError(
      `environment: MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is not; a ${e.MICROSOFT_APP_TYPE} app needs its password ` +
        '(or set MICROSOFT_APP_TYPE=UserAssignedMSI for a managed identity).',
    );
  }
  if (e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) {
    throw new ConfigError(
      `environment: MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE} needs MICROSOFT_APP_TENANT_ID.`,
    );
  }
  return {
    appId: e.MICROSOFT_APP_ID,
    appPassword: e.MICROSOFT_APP_TYPE === 'UserAssignedMSI' ? undefined : e.MICROSOFT_APP_PASSWORD,
    appType: e.MICROSOFT_APP_TYPE,
    tenantId: e.MICROSOFT_APP_TENANT_ID,
  };
}

/** Parses and validates a landing-zone YAML file; errors name `shownPath`, the path inside it and the problem. */
export function readLandingZoneConfig(shownPath: string, absolutePath: string): LandingZoneConfig {
  if (!existsSync(absolutePath)) {
    throw new ConfigError(
      `${shownPath}: file not found (looked at ${absolutePath}); set OPSBOT_CONFIG to the landing-zone file.`,
    );
  }
  const document = parseDocument(readFileSync(absolutePath, 'utf8'));
  if (document.errors.length) {
    const lines = document.errors.map((error) => {
      const at = error.linePos?.[0];
      return `${shownPath}:${at ? `${at.line}:${at.col}` : ''} YAML syntax: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const parsed = LandingZoneConfig.safeParse(document.toJS());
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${shownPath}: ${formatPath(issue.path)}: ${issue.message}`,
    );
    throw new ConfigError(lines.join('\n'));
  }
  return parsed.data;
}

/** `['people', 2, 'roles', 0]` → `people[2].roles[0]`. */
function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
