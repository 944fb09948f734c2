import type { LandingZoneConfig } from '../config/landing-zone.schema';
import { resolveExactName } from '../config/resource-names';
import { findIncidentId, incidentSummary, withoutIncidentId } from './incident-text';
import type { Intent } from './intent';
import { resolveSeverity } from './severity';

/** The window `jobs N` accepts, in hours: the catalog's `status.jobs` bounds (1–720). */
export const jobsWindowHours = { min: 1, max: 720 } as const;

/**
 * Strict commands, the power-user path (like StackStorm aliases): `status fraud-detection`,
 * `jobs 6`, `scale fraud-detection blue 6`. Returns undefined when the text is not a command, so
 * the natural-language router can take it. A change command (start, stop, scale, rotate) is a
 * command only when it names its resource exactly (name or alias) and, for scale, an absolute
 * count; anything looser goes to the router, which asks or declines.
 */
export function parseCommand(text: string, config: LandingZoneConfig): Intent | undefined {
  const words = text.trim().replace(/\s+/g, ' ').split(' ');
  const verb = (words[0] ?? '').toLowerCase();
  const rest = words.slice(1);
  const restText = rest.join(' ');
  const intent = (skill: string, args: Record<string, unknown> = {}): Intent => ({
    skill,
    args,
    confidence: 1,
    source: 'command',
  });

  switch (verb) {
    case 'help':
    case '?':
      return rest.length === 0 ? intent('help') : undefined;
    case 'status':
      return statusCommand(rest, config, intent);
    case 'jobs':
      return jobsCommand(rest, intent);
    case 'quota':
      return rest.length === 0 ? intent('status.quota') : undefined;
    case 'alerts':
      return rest.length === 0 ? intent('status.alerts') : undefined;
    case 'incidents':
      return rest.length === 0 ? intent('incident.list') : undefined;
    case 'ask':
      return rest.length ? intent('troubleshoot.ask', { question: restText }) : undefined;
    case 'start':
    case 'stop': {
      const cluster = rest.length ? resolveExactName(config, 'compute', restText) : undefined;
      return cluster ? intent(`compute.${verb}`, { cluster }) : undefined;
    }
    case 'rotate': {
      const secret = rest.length ? resolveExactName(config, 'secret', restText) : undefined;
      return secret ? intent('secret.rotate', { secret }) : undefined;
    }
    case 'scale':
      return scaleCommand(rest, config, intent);
    case 'declare': {
      const leading = /^p[1-4]$/i.test(rest[0] ?? '') ? rest[0].toUpperCase() : undefined;
      const summary = leading ? rest.slice(1).join(' ') : incidentSummary(text.trim());
      if (!summary || (!leading && rest.length === 0)) return undefined;
      const severity = leading ?? resolveSeverity(restText);
      return intent('incident.declare', severity ? { summary, severity } : { summary });
    }
    case 'ack':
    case 'escalate':
    case 'resolve':
      return incidentCommand(verb, rest, intent);
    default:
      return undefined;
  }
}

type MakeIntent = (skill: string, args?: Record<string, unknown>) => Intent;

function statusCommand(rest: string[], config: LandingZoneConfig, intent: MakeIntent): Intent | undefined {
  if (rest.length === 0) return intent('status.overview');
  const first = rest[0].toLowerCase();
  if (first === 'jobs') return jobsCommand(rest.slice(1), intent);
  if (first === 'quota' && rest.length === 1) return intent('status.quota');
  if (first === 'alerts' && rest.length === 1) return intent('status.alerts');
  if ((first === 'endpoint' || first === 'compute') && rest.length === 2) {
    const kind = first;
    const name = resolveExactName(config, kind, rest[1]) ?? rest[1];
    return kind === 'endpoint'
      ? intent('status.endpoint', { endpoint: name })
      : intent('status.compute', { cluster: name });
  }
  const name = rest.join(' ');
  const endpoint = resolveExactName(config, 'endpoint', name);
  if (endpoint) return intent('status.endpoint', { endpoint });
  const compute = resolveExactName(config, 'compute', name);
  if (compute) return intent('status.compute', { cluster: compute });
  if (rest.length > 1) return undefined;
  // A single unknown name: let the skill say which resources exist.
  return /cluster|compute|cpu|gpu|ci-/i.test(name)
    ? intent('status.compute', { cluster: name })
    : intent('status.endpoint', { endpoint: name });
}

/** `jobs [N[h]]`: a window outside the catalog's bounds is not a command (the router reads it). */
function jobsCommand(rest: string[], intent: MakeIntent): Intent | undefined {
  if (rest.length === 0) return intent('status.jobs');
  const match = rest.length === 1 ? /^0*(\d{1,3})h?$/i.exec(rest[0]) : null;
  const hours = match ? Number(match[1]) : NaN;
  return hours >= jobsWindowHours.min && hours <= jobsWindowHours.max
    ? intent('status.jobs', { hours })
    : undefined;
}

/**
 * `scale <endpoint> [deployment] [to] <n>`: the endpoint named exactly, the deployment one of its
 * own, n at most three digits. "by 2" is relative, so not a command (the router asks for a count).
 */
function scaleCommand(rest: string[], config: LandingZoneConfig, intent: MakeIntent): Intent | undefined {
  const count = /^\d{1,3}$/.test(rest[rest.length - 1] ?? '') ? Number(rest[rest.length - 1]) : undefined;
  if (count === undefined) return undefined;
  let target = rest.slice(0, -1);
  if (target[target.length - 1]?.toLowerCase() === 'to') target = target.slice(0, -1);
  if (target.length === 0 || target.some((word) => /^(to|by)$/i.test(word))) return undefined;
  const endpoint = resolveExactName(config, 'endpoint', target.join(' '));
  if (endpoint) return intent('endpoint.scale', { endpoint, instances: count });
  const named = resolveExactName(config, 'endpoint', target.slice(0, -1).join(' '));
  const deployment = config.endpoints
    .find((e) => e.name === named)
    ?.deployments.find((d) => d.name.toLowerCase() === target[target.length - 1].toLowerCase())?.name;
  return named && deployment
    ? intent('endpoint.scale', { endpoint: named, deployment, instances: count })
    : undefined;
}

function incidentCommand(verb: string, rest: string[], intent: MakeIntent): Intent {
  const restText = rest.join(' ');
  const id = findIncidentId(restText);
  const text = withoutIncidentId(restText).replace(/^[\s,:;-]+/, '');
  const args: Record<string, unknown> = id ? { incident: id } : {};
  if (text && verb === 'escalate') args.reason = text;
  if (text && verb === 'resolve') args.resolution = text;
  return intent(`incident.${verb}`, args);
}
