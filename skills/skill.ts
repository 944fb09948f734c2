import { z } from 'zod/v4';
import { roleIds, type LandingZoneConfig, type RoleId } from '../core/config/landing-zone.schema';
import type { ChangeStore } from '../core/changes/change-request';
import type { AnswerWriter } from '../core/knowledge/answer-writer';
import type { KnowledgeBase } from '../core/knowledge/knowledge-base';
import type { IncidentStore } from '../core/incidents/incident-store';
import type { Notifier } from '../core/incidents/notifier';
import type { AuditLog, Clock, LandingZoneReader } from '../core/ports';
import type { JobStore } from '../core/scheduling/job-store';
import type { Logger } from '../core/logger';
import type { AlertCardStore } from '../core/alerts/alert-card';
import type { IncidentChat } from './incident/incident-chat';
import type { SkillResult } from './results';
import type { ParamSpecs, SkillContract } from '../core/contract/skill-contract';

export { skillIds } from '../core/contract/skill-contract';
export type { SkillId, SkillKind, ChangeType } from '../core/contract/skill-contract';

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
  /** Writes `troubleshoot.ask`'s answer from the sections it found (Azure OpenAI); absent: the steps alone. */
  answerWriter?: AnswerWriter;
  /** Incidents and their timelines; the incident skills say they are not enabled without it. */
  incidents?: IncidentStore;
  /** Where incident notifications go (PagerDuty, ServiceNow, e-mail, or recorded only). */
  notifier?: Notifier;
  /** Proactive posts and card updates in incident conversations. */
  incidentChat?: IncidentChat;
  /** The ops channel's alert cards: a declaration confirmed from one is linked to it. */
  alertCards?: AlertCardStore;
}

/** The zod schema a skill's typed parameters derive. */
export type ParamsSchema<P extends ParamSpecs> = z.ZodObject<{ [K in keyof P]: P[K]['schema'] }>;

/** The arguments a skill runs with: what its parameters' schemas give. */
export type ArgsOf<P extends ParamSpecs> = z.infer<ParamsSchema<P>>;

/**
 * A skill declaration: the contract of core plus one function. Whether a request needs
 * confirmation or approval follows from `kind` and `changeType`, never from the skill's own judgment.
 */
export interface SkillDeclaration<P extends ParamSpecs = ParamSpecs> extends SkillContract<P> {
  /** Derived from `params` by `defineSkill`: what `propose()` validates the arguments with. */
  schema: ParamsSchema<P>;
  /** Absent while the skill is recognised but not enabled yet. */
  run?: (args: ArgsOf<P>, ctx: SkillContext) => Promise<SkillResult>;
  /**
   * For `incident` skills: what `run` would do, without doing it, and the strict command that does
   * it. `propose()` calls it instead of `run` when the request came from the router (plain language).
   */
  preview?: (args: ArgsOf<P>, ctx: SkillContext) => Promise<SkillResult>;
}

/** A declaration as written: everything but the schema, which is derived from the typed parameters. */
export type SkillDefinition<P extends ParamSpecs> = Omit<SkillDeclaration<P>, 'schema'>;

/** Derives the declaration's zod schema from its typed parameters, keeping `args` typed. */
export function defineSkill<P extends ParamSpecs>(definition: SkillDefinition<P>): SkillDeclaration<P> {
  const shape = Object.fromEntries(
    Object.entries(definition.params).map(([name, kind]) => [name, kind.schema]),
  );
  return { ...definition, schema: z.object(shape) as ParamsSchema<P> };
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
