import type { ChangeFacts, PolicyChangeType, PolicyRequest } from './change-policy';
import { insideInstanceBounds } from '../instance-count';

/** Why a change has the type it has, in words a sentence can be built from. */
export interface ChangeClassification {
  type: PolicyChangeType;
  /** The type before the emergency flag: an emergency is a normal change marked as one. */
  baseType: 'standard' | 'normal';
  /** "Scaling fraud-detection from 3 to 12". */
  subject: string;
  /** "is outside the autoscale bounds (3–10)". */
  because: string;
}

const jobs = (n: number) => `${n} running job${n === 1 ? '' : 's'}`;

function scaleSubject(facts: ChangeFacts): string {
  const name = facts.deployment ? `${facts.resource} (${facts.deployment})` : facts.resource;
  const from = facts.currentInstances !== undefined ? ` from ${facts.currentInstances}` : '';
  const to = facts.targetInstances !== undefined ? ` to ${facts.targetInstances}` : '';
  return `Scaling ${name}${from}${to}`;
}

function baseOf(facts: ChangeFacts): Omit<ChangeClassification, 'type'> {
  switch (facts.skill) {
    case 'compute.start':
      return { baseType: 'standard', subject: `Starting ${facts.resource}`, because: 'is pre-approved' };
    case 'compute.stop': {
      const subject = `Stopping ${facts.resource}`;
      if (facts.runningJobs === undefined)
        return { baseType: 'normal', subject, because: 'may interrupt jobs (they could not be read)' };
      return facts.runningJobs > 0
        ? { baseType: 'normal', subject, because: `would interrupt ${jobs(facts.runningJobs)}` }
        : { baseType: 'standard', subject, because: 'interrupts no running job' };
    }
    case 'endpoint.scale': {
      const subject = scaleSubject(facts);
      const bounds = facts.autoscale;
      const target = facts.targetInstances;
      if (!bounds) return { baseType: 'normal', subject, because: 'has no autoscale bounds to stay inside' };
      const range = `(${bounds.minInstances}–${bounds.maxInstances})`;
      const inside = target !== undefined && insideInstanceBounds(target, bounds);
      return inside
        ? { baseType: 'standard', subject, because: `stays inside the autoscale bounds ${range}` }
        : { baseType: 'normal', subject, because: `is outside the autoscale bounds ${range}` };
    }
    case 'secret.rotate':
      return { baseType: 'normal', subject: `Rotating ${facts.resource}`, because: 'is a key rotation' };
  }
}

/**
 * The change type of a request: starting a compute, stopping one that runs no job and scaling inside
 * the autoscale bounds are standard; the rest is normal, and a normal change the requester marked as
 * an emergency is an emergency. The flag does not make a standard change an emergency.
 */
export function classifyChange(request: PolicyRequest): ChangeClassification {
  const base = baseOf(request.facts);
  const type = base.baseType === 'normal' && request.emergency ? 'emergency' : base.baseType;
  return { type, ...base };
}

/** A normal (not emergency) change in production: the one kind bound to the window and the blackouts. */
export function isNormalProductionChange(request: PolicyRequest): boolean {
  return classifyChange(request).type === 'normal' && request.facts.environment === 'production';
}
