import { ConfigError } from '../core/errors';
import type { NotifySettings } from '../adapters/notify/create-notifier';
import type { LlmRouterSettings } from '../adapters/llm/create-llm-router';
import type { BotConfig, Env } from './config';

/* The settings of the integrations read from the environment: Azure OpenAI, alert intake, notifiers. */

/** Hosts that are this machine: local mode binds only to them, and plain http is allowed only to them. */
export const loopbackHosts: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

/** The data-plane API version used when `AZURE_OPENAI_API_VERSION` is not set (GA, with tool calling). */
export const defaultAzureOpenAiApiVersion = '2024-10-21';

export function readLlmSettings(e: Env): Pick<BotConfig, 'llm'> {
  const endpoint = e.AZURE_OPENAI_ENDPOINT;
  const deployment = e.AZURE_OPENAI_DEPLOYMENT;
  if (!endpoint && !deployment) {
    if (e.AZURE_OPENAI_API_KEY || e.AZURE_OPENAI_API_VERSION) {
      throw new ConfigError(
        'environment: AZURE_OPENAI_API_KEY or AZURE_OPENAI_API_VERSION is set, but the LLM router also needs ' +
          'AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT.',
      );
    }
    return {};
  }
  if (!endpoint || !deployment) {
    throw new ConfigError(
      `environment: the LLM router needs both AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT; ${endpoint ? 'AZURE_OPENAI_DEPLOYMENT' : 'AZURE_OPENAI_ENDPOINT'} is not set.`,
    );
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigError(
      `environment: AZURE_OPENAI_ENDPOINT is not a URL (expected e.g. https://contoso-aoai.openai.azure.com).`,
    );
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && loopbackHosts.has(url.hostname.replace(/^\[|\]$/g, '')))
  ) {
    throw new ConfigError(
      'environment: AZURE_OPENAI_ENDPOINT must be an https URL (plain http only to 127.0.0.1).',
    );
  }
  if (url.pathname !== '/' || url.search) {
    throw new ConfigError(
      'environment: AZURE_OPENAI_ENDPOINT is the resource endpoint only, without a path (e.g. https://contoso-aoai.openai.azure.com).',
    );
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(deployment)) {
    throw new ConfigError(
      `environment: AZURE_OPENAI_DEPLOYMENT "${deployment}" is not a deployment name (letters, digits, ".", "_", "-").`,
    );
  }
  const apiVersion = e.AZURE_OPENAI_API_VERSION ?? defaultAzureOpenAiApiVersion;
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) {
    throw new ConfigError(
      `environment: AZURE_OPENAI_API_VERSION "${apiVersion}" is not an API version such as ${defaultAzureOpenAiApiVersion} or 2025-01-01-preview.`,
    );
  }
  let auth: LlmRouterSettings['auth'];
  if (e.AZURE_OPENAI_API_KEY) auth = { kind: 'key', apiKey: e.AZURE_OPENAI_API_KEY };
  else if (e.LANDING_ZONE === 'azure')
    auth = { kind: 'entra', ...(e.AZURE_CLIENT_ID ? { managedIdentityClientId: e.AZURE_CLIENT_ID } : {}) };
  else {
    throw new ConfigError(
      'environment: AZURE_OPENAI_API_KEY is not set; without a key the LLM router uses Microsoft Entra, which only ' +
        'live mode (LANDING_ZONE=azure) has.',
    );
  }
  return {
    llm: {
      endpoint: url.origin,
      deployment,
      apiVersion,
      auth,
      timeoutInMs: e.AZURE_OPENAI_TIMEOUT_MS,
      breaker: {
        failureThreshold: e.AZURE_OPENAI_BREAKER_FAILURES,
        coolDownInMs: e.AZURE_OPENAI_BREAKER_COOLDOWN_MS,
      },
    },
  };
}

export function readAlertSettings(e: Env): Pick<BotConfig, 'alerts'> {
  if (!e.ALERTS_SHARED_SECRET) {
    if (e.ALERTS_CONVERSATION_ID) {
      throw new ConfigError('environment: ALERTS_CONVERSATION_ID is set but ALERTS_SHARED_SECRET is not.');
    }
    return {};
  }
  if (e.ALERTS_SHARED_SECRET.length < 24) {
    throw new ConfigError('environment: ALERTS_SHARED_SECRET must be at least 24 characters long.');
  }
  return {
    alerts: {
      secret: e.ALERTS_SHARED_SECRET,
      ...(e.ALERTS_CONVERSATION_ID ? { conversationId: e.ALERTS_CONVERSATION_ID } : {}),
    },
  };
}

/** The real notifiers the environment configures; `source` names the landing zone in PagerDuty events. */
export function readNotifySettings(e: Env, source: string): NotifySettings {
  const settings: NotifySettings = {};
  if (e.PAGERDUTY_ROUTING_KEY) {
    settings.pagerDuty = {
      routingKey: e.PAGERDUTY_ROUTING_KEY,
      securityRoutingKey: e.PAGERDUTY_SECURITY_ROUTING_KEY,
      eventsUrl: httpUrl('PAGERDUTY_EVENTS_URL', e.PAGERDUTY_EVENTS_URL),
      source,
    };
  } else if (e.PAGERDUTY_SECURITY_ROUTING_KEY || e.PAGERDUTY_EVENTS_URL) {
    throw new ConfigError(
      'environment: PAGERDUTY_SECURITY_ROUTING_KEY and PAGERDUTY_EVENTS_URL need PAGERDUTY_ROUTING_KEY.',
    );
  }
  if (e.SERVICENOW_INSTANCE_URL || e.SERVICENOW_USER || e.SERVICENOW_PASSWORD) {
    if (!e.SERVICENOW_INSTANCE_URL || !e.SERVICENOW_USER || !e.SERVICENOW_PASSWORD) {
      throw new ConfigError(
        'environment: ServiceNow needs all of SERVICENOW_INSTANCE_URL, SERVICENOW_USER and SERVICENOW_PASSWORD.',
      );
    }
    settings.serviceNow = {
      instanceUrl: httpUrl('SERVICENOW_INSTANCE_URL', e.SERVICENOW_INSTANCE_URL)!,
      user: e.SERVICENOW_USER,
      password: e.SERVICENOW_PASSWORD,
    };
  }
  if (e.SMTP_HOST) {
    if (!e.SMTP_FROM)
      throw new ConfigError('environment: SMTP_HOST is set but SMTP_FROM (the sender address) is not.');
    if (e.SMTP_PASSWORD && !e.SMTP_USER)
      throw new ConfigError('environment: SMTP_PASSWORD is set but SMTP_USER is not.');
    settings.smtp = {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE === 'true',
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.SMTP_FROM,
    };
  }
  return settings;
}

function httpUrl(variable: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`environment: ${variable} is not a URL.`);
  }
  if (!/^https?:$/.test(url.protocol))
    throw new ConfigError(`environment: ${variable} must be an http(s) URL.`);
  return value;
}
