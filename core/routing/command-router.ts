import type { LandingZoneConfig } from '../config/landing-zone.schema';
import { resolveExactName } from '../config/resource-names';
import { findIncidentId, incidentSummary, withoutIncidentId } from './incident-text';
import type { Intent } from './intent';
import { resolveSeverity } from './severity';

/**
 * Strict commands, the power-user path (like StackStorm aliases): `status fraud-detection`,
 * `jobs 6`, `scale fraud-detection blue 6`. Returns undefined when the text is not a command, so
 * the natural-language router can take it.
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
    case 'stop':
      if (rest.length !== 1) return undefined;
      return intent(`compute.${verb}`, { cluster: resolveExactName(config, 'compute', rest[0]) ?? rest[0] });
    case 'rotate':
      if (rest.length !== 1) return undefined;
      return intent('secret.rotate', { secret: resolveExactName(config, 'secret', rest[0]) ?? rest[0] });
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

function jobsCommand(rest: string[], intent: MakeIntent): Intent | undefined {
  if (rest.length === 0) return intent('status.jobs');
  const match = rest.length === 1 ? /^(\d+)h?$/i.exec(rest[0]) : null;
  return match ? intent('status.jobs', { hours: Number(match[1]) }) : undefined;
}

function scaleCommand(rest: string[], config: LandingZoneConfig, intent: MakeIntent): Intent | undefined {
  if (rest.length < 2 || rest.length > 3) return undefined;
  const count = rest[rest.length - 1];
  if (!/^\d+$/.test(count)) return undefined;
  const args: Record<string, unknown> = {
    endpoint: resolveExactName(config, 'endpoint', rest[0]) ?? rest[0],
    instances: Number(count),
  };
  if (rest.length === 3) args.deployment = rest[1];
  return intent('endpoint.scale', args);
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
