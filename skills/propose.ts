import { z } from 'zod/v4';
import { UserFacingError } from '../core/errors';
import type { AuditEvent } from '../core/ports';
import type { SkillCatalog } from './catalog';
import { proposeChange, type ProposeOutcome } from './change/propose-change';
import type { SkillResult } from './results';
import type { SkillContext, SkillDeclaration } from './skill';

/** A proposal to run one skill: from a strict command, the router or a card button. */
export interface SkillRequest {
  skill: string;
  args: Record<string, unknown>;
  /** Where the proposal came from, for the audit log. */
  source: 'command' | 'router' | 'card';
  confidence?: number;
  /** Show what a change would do and create nothing (`--dry-run`, "what would happen if …"). */
  dryRun?: boolean;
  /** The requester marked the change an emergency ("emergency: …"). */
  emergency?: { reason: string };
}

/**
 * The one choke point every request passes: look up → role check → validate arguments → policy →
 * execute → audit. The router only proposes; the declaration and this function decide.
 */
export async function propose(
  request: SkillRequest,
  ctx: SkillContext,
  catalog: SkillCatalog,
): Promise<SkillResult> {
  const skill = catalog.get(request.skill) ?? catalog.get('none')!;
  const audit = (decision: string, outcome: string, args: Record<string, unknown>, detail?: string) =>
    appendAudit(ctx, {
      skill: skill.id,
      args: clipArgs(skill, args),
      decision,
      outcome,
      detail:
        detail ??
        `source=${request.source}${request.confidence !== undefined ? ` confidence=${request.confidence.toFixed(2)}` : ''}`,
    });

  if (!skill.roles.some((role) => ctx.caller.roles.includes(role))) {
    await audit('denied:role', 'refused', request.args);
    return {
      view: 'message',
      tone: 'warning',
      title: 'Not allowed',
      text: `${skill.title} needs one of these roles: ${skill.roles.join(', ')}. You have: ${ctx.caller.roles.join(', ')}.`,
      suggestions: [{ label: 'What can I do?', command: 'help' }],
    };
  }

  const parsed = skill.schema.safeParse(request.args);
  if (!parsed.success) {
    await audit('invalid-args', 'refused', request.args, describeIssues(parsed.error));
    return {
      view: 'message',
      tone: 'warning',
      title: `${skill.title}: I need different arguments`,
      text: `${describeIssues(parsed.error)}${skill.usage ? ` Usage: \`${skill.usage}\`.` : ''}`,
    };
  }
  const args = parsed.data as Record<string, unknown>;

  const changes = ctx.changes;
  const jobs = ctx.jobs;
  // An incident action read from plain language pages people or stops an escalation, so it is never
  // taken in the turn: the skill shows what would happen and the strict command that does it.
  // Plain language only previews an incident action; so does a card's "Declare incident" button
  // (an alert or a status card suggests it: the severity and who is paged are confirmed first).
  const suggestOnly =
    skill.kind === 'incident' &&
    (request.source === 'router' || (request.source === 'card' && skill.id === 'incident.declare'));
  const run = suggestOnly ? undefined : skill.run;
  const preview = suggestOnly ? skill.preview : undefined;
  let work: Promise<Omit<ProposeOutcome, 'result'> & { result: SkillResult }>;
  if (skill.kind === 'change' && changes && jobs) {
    // A change is only ever proposed here: the landing zone's change operations are not in `ctx`.
    work = proposeChange(
      skill,
      args,
      {
        ...(request.dryRun ? { dryRun: true } : {}),
        ...(request.emergency ? { emergency: request.emergency } : {}),
      },
      { ...ctx, changes, jobs },
    );
  } else if (preview) {
    work = preview(args, ctx).then((result) => ({ result, decision: 'suggested', outcome: 'ok' }));
  } else if (run && skill.kind !== 'change') {
    work = run(args, ctx).then((result) => ({ result, decision: 'allowed', outcome: 'ok' }));
  } else {
    await audit('not-enabled', 'refused', args);
    return { view: 'not-enabled', skill: skill.id, title: skill.title, args };
  }

  const budgetInMs = ctx.turnBudgetInMs ?? defaultTurnBudgetInMs;
  try {
    const done = await withinBudget(work, budgetInMs);
    if (done === timedOut) {
      await audit('allowed', 'timeout', args);
      return {
        view: 'message',
        tone: 'warning',
        title: `${skill.title}: no answer in time`,
        text:
          `The landing zone did not answer within ${budgetInMs >= 1000 ? `${Math.round(budgetInMs / 1000)} s` : `${budgetInMs} ms`}, ` +
          'so I stopped waiting; nothing was changed. Try again in a minute. ' +
          `Reference: ${ctx.correlationId.slice(0, 8)}.`,
      };
    }
    await audit(done.decision, done.outcome, args, done.detail);
    return done.result;
  } catch (error) {
    if (error instanceof UserFacingError) {
      await audit('allowed', `error:${error.code}`, args, error.message);
      return { view: 'message', tone: 'warning', title: skill.title, text: error.message };
    }
    ctx.logger.error({ err: error, correlationId: ctx.correlationId, skill: skill.id }, 'skill failed');
    await audit('allowed', 'error:internal', args, error instanceof Error ? error.message : String(error));
    return {
      view: 'message',
      tone: 'error',
      title: `${skill.title} failed`,
      text: `Something went wrong on my side. Reference: ${ctx.correlationId.slice(0, 8)} (the log has the details).`,
    };
  }
}

function appendAudit(
  ctx: SkillContext,
  event: Pick<AuditEvent, 'skill' | 'args' | 'decision' | 'outcome' | 'detail'>,
): Promise<void> {
  return ctx.audit.append({
    at: ctx.clock.now(),
    correlationId: ctx.correlationId,
    actorId: ctx.caller.aadObjectId,
    actorName: ctx.caller.name,
    conversationId: ctx.conversationId,
    ...event,
  });
}

/** Keeps only declared parameter names, and cuts long text, so that stray or oversized input does not reach the audit log. */
function clipArgs(skill: SkillDeclaration, args: Record<string, unknown>): Record<string, unknown> {
  const shape = skill.schema.shape;
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const value = args[key];
    if (value === undefined) continue;
    kept[key] = typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
  return kept;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `\`${issue.path.join('.')}\`: ${issue.message}.` : `${issue.message}.`,
    )
    .join(' ');
}

/**
 * How long a skill may take before the turn answers without it. Teams gives a bot about 15 s to
 * answer; the rest is left for routing, the card and the reply.
 */
export const defaultTurnBudgetInMs = 12_000;

const timedOut = Symbol('timed out');

/** Resolves to the work's result, or to `timedOut` when the budget passes first (the work's late failure is swallowed). */
async function withinBudget<T>(work: Promise<T>, budgetInMs: number): Promise<T | typeof timedOut> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), budgetInMs);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
