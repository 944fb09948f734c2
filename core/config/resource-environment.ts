import type { LandingZoneConfig } from './landing-zone.schema';
import type { ResourceKind } from './resource-names';

/** The environment a change lands in. */
export type ResourceEnvironment = LandingZoneConfig['landingZone']['environment'];

/**
 * The environment of a compute, endpoint or secret: its own `environment` when set, otherwise the
 * landing zone's. A name the config does not know gets the landing zone's environment too.
 */
export function resourceEnvironment(
  config: LandingZoneConfig,
  kind: Exclude<ResourceKind, 'component'>,
  name: string,
): ResourceEnvironment {
  const list = { compute: config.computes, endpoint: config.endpoints, secret: config.secrets }[kind];
  const wanted = name.toLowerCase();
  const resource = list.find((r) => r.name.toLowerCase() === wanted);
  return resource?.environment ?? config.landingZone.environment;
}
