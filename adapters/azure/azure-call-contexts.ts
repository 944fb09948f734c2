import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { AzureCallContext } from './azure-error-mapper';

/** The context of a call on an online endpoint: a not-found answer lists the configured ones. */
export function endpointContext(
  config: LandingZoneConfig,
  name: string,
  doing: string,
  requiredAction: string,
): AzureCallContext {
  const known = config.endpoints.map((e) => e.name);
  return { doing, resourceKind: 'endpoint', resourceName: name, known, requiredAction };
}

/** The context of a call on a compute: a not-found answer lists the configured ones. */
export function computeContext(
  config: LandingZoneConfig,
  name: string,
  doing: string,
  requiredAction: string,
): AzureCallContext {
  const known = config.computes.map((c) => c.name);
  return { doing, resourceKind: 'compute', resourceName: name, known, requiredAction };
}

/** The context of a call on an Azure OpenAI account: a not-found answer lists the configured ones. */
export function accountContext(
  config: LandingZoneConfig,
  name: string,
  doing: string,
  requiredAction: string,
): AzureCallContext {
  const known = config.components.filter((c) => c.kind === 'openai').map((c) => c.name);
  return { doing, resourceKind: 'Azure OpenAI account', resourceName: name, known, requiredAction };
}

/** The context of a call on a vault's secret: a not-found answer lists the vault's configured secrets. */
export function vaultContext(
  config: LandingZoneConfig,
  vault: string,
  secret: string,
  doing: string,
  requiredAction: string,
): AzureCallContext {
  const known = config.secrets.filter((s) => s.vault === vault).map((s) => s.name);
  return { doing, resourceKind: `secret in ${vault}`, resourceName: secret, known, requiredAction };
}
