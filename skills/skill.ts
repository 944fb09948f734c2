import type { z } from 'zod/v4';
import { roleIds, type LandingZoneConfig, type RoleId } from '../core/config/landing-zone.schema';
import type { ChangeStore } from '../core/changes/change-request';
import type { KnowledgeBase } from '../core/knowledge/knowledge-base';
import type { IncidentStore } from '../core/incidents/incident-store';
import type { Notifier } from '../core/incidents/notifier';
import type { AuditLog, Clock, LandingZoneReader } from '../core/ports';
import type { JobStore } from '../core/scheduling/job-store';
import type { Logger } from '../core/logger';
import type { IncidentChat } from './incident/incident-chat';
import type { SkillResult } from './results';

/** Stable skill ids (DESIGN.md): they key the audit log, card data, LLM tools and the routing CLI. */
export const skillIds = [
  'help',
  'status.overview',
  'status.endpoint',
  'status.compute',
  'status.jobs',
  'status.quota',
  'status.alerts',
  'troubleshoot.ask',
  'compute.start',
  'compute.stop',
  'endpoint.scale',
  'secret.rotate',
  'incident.declare',
  'incident.list',
  'incident.ack',
  'incident.escalate',
  'incident.resolve',
  'none',
] as const;
export type SkillId = (typeof skillIds)[number];

/** What a skill does to the world: reads, changes the landing zone, or changes an incident. */
export type SkillKind = 'read' | 'change' | 'incident' | 'none';

/** Change types of the written change policy. */
export type ChangeType = 'standard' | 'normal' | 'emergency';

/** The person behind a request, with the roles the roster gives them. */
export interface Caller {
  aadObjectId: string;
  name: string;
  roles: RoleId[];
}

/** Everything a skill may use while it runs. Built by the composition root, one per request. */
export interface SkillContext {
  caller: Caller;
  conversationId: string;
  correlationId: string;
  config: LandingZoneConfig;
  /** Read operations only: a skill never changes the landing zone while it runs. */
  landingZone: LandingZoneReader;
  clock: Clock;
  audit: AuditLog;
  logger: Logger;
  /** Local mode (no Bot Framework credentials): demo-only features such as simulator scenarios. */
  localMode: boolean;
  /** How long `propose()` waits for a skill before answering without it; 12 s when absent. */
  turnBudgetInMs?: number;
  /** The catalog, for skills that describe other skills (help). */
  catalog: { list(): SkillDeclaration[] };
  /** Where proposals are kept; without it, change skills answer that they are not enabled. */
  changes?: ChangeStore;
  /** Durable jobs (approval expiry, escalation timers, notification retries); required with `changes` and `incidents`. */
  jobs?: JobStore;
  /** The runbook knowledge base `troubleshoot.ask` answers from; absent when none is loaded. */
  knowledge?: KnowledgeBase;
  /** Incidents and their timelines; the incident skills say they are not enabled without it. */
  incidents?: IncidentStore;
  /** Where incident notifications go (PagerDuty, ServiceNow, e-mail, or recorded only). */
  notifier?: Notifier;
  /** Proactive posts and card updates in incident conversations. */
  incidentChat?: IncidentChat;
}

/**
 * A skill declaration: data plus one function. Whether a request needs confirmation or approval
 * follows from `kind` and `changeType`, never from the skill's own judgment.
 */
export interface SkillDeclaration<P extends z.ZodType = z.ZodType> {
  id: SkillId;
  title: string;
  /** The strict command form (power-user path), e.g. `status <endpoint>`; empty when there is none. */
  usage: string;
  /** One sentence for help and for the LLM tool description. */
  description: string;
  /** Varied phrasings; the offline router learns from them. At least 8. */
  examples: string[];
  /** Arguments, using the catalog's parameter names. */
  params: P;
  kind: SkillKind;
  /** For `change` skills: the change type before any facts are known (the policy may raise it). */
  changeType?: ChangeType;
  /** Roles allowed to ask for it. */
  roles: readonly RoleId[];
  /** Absent while the skill is recognised but not enabled yet. */
  run?: (args: z.infer<P>, ctx: SkillContext) => Promise<SkillResult>;
  /**
   * For `incident` skills: what `run` would do, without doing it, and the strict command that does
   * it. `propose()` calls it instead of `run` when the request came from the router (plain language).
   */
  preview?: (args: z.infer<P>, ctx: SkillContext) => Promise<SkillResult>;
}

/** Identity helper that keeps `args` typed by the params schema. */
export function defineSkill<P extends z.ZodType>(declaration: SkillDeclaration<P>): SkillDeclaration<P> {
  return declaration;
}

/** All roles; for skills anyone may use. */
export const everyone: readonly RoleId[] = roleIds;

/** Roles that operate the landing zone. */
export const operators: readonly RoleId[] = ['l2', 'l3', 'platform-architect'];

/** Roles that work incidents. */
export const responders: readonly RoleId[] = [
  'l1',
  'l2',
  'l3',
  'security',
  'platform-architect',
  'it-director',
];
