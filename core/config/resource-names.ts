import type { LandingZoneConfig } from './landing-zone.schema';

/** Kinds of named things a request can point at. */
export type ResourceKind = 'endpoint' | 'compute' | 'secret' | 'component';

/** One name a request may use, and the canonical resource it means. */
export interface ResourceName {
  kind: ResourceKind;
  canonical: string;
  /** The canonical name and its aliases, lower-case. */
  names: string[];
}

const namesByConfig = new WeakMap<LandingZoneConfig, ResourceName[]>();

/** Every nameable resource of the config with its aliases; worked out once per config (it is read every turn). */
export function listResourceNames(config: LandingZoneConfig): ResourceName[] {
  let names = namesByConfig.get(config);
  if (!names) {
    names = buildResourceNames(config);
    namesByConfig.set(config, names);
  }
  return names;
}

function buildResourceNames(config: LandingZoneConfig): ResourceName[] {
  const entry = (kind: ResourceKind, r: { name: string; aliases: string[] }): ResourceName => ({
    kind,
    canonical: r.name,
    names: [r.name, ...r.aliases].map((n) => n.toLowerCase()),
  });
  return [
    ...config.endpoints.map((r) => entry('endpoint', r)),
    ...config.computes.map((r) => entry('compute', r)),
    ...config.secrets.map((r) => entry('secret', r)),
    ...config.components.map((r) => entry('component', r)),
  ];
}

/** Resolves a name or alias exactly (case-insensitive); undefined when nothing matches. */
export function resolveExactName(
  config: LandingZoneConfig,
  kind: ResourceKind,
  text: string,
): string | undefined {
  const wanted = text.trim().toLowerCase();
  return listResourceNames(config).find((r) => r.kind === kind && r.names.includes(wanted))?.canonical;
}

/** Canonical names of one kind, for "known X are …" answers and choice lists. */
export function namesOf(config: LandingZoneConfig, kind: ResourceKind): string[] {
  return listResourceNames(config)
    .filter((r) => r.kind === kind)
    .map((r) => r.canonical);
}
