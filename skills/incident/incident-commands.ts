import { ErrorCodes, UserFacingError } from '../../core/errors';
import { planDeclaration } from '../../core/incidents/escalation';
import type { IncidentPerson, Severity } from '../../core/incidents/incident';
import { incidentTypeOf } from '../../core/incidents/incident-type';
import { incidentTypeLabels } from '../../core/incidents/security-response';
import {
  suggestSeverity,
  type LiveSignals,
  type SeveritySuggestion,
} from '../../core/incidents/severity-suggestion';
import type { MessageResult, SkillResult } from '../results';
import type { IncidentListResult } from './incident-results';
import type { SkillContext } from '../skill';
import { IncidentDesk } from './incident-desk';
import { incidentView } from './incident-view';

/** The desk for one request; incidents need the state store and the job store. */
function deskOf(ctx: SkillContext): IncidentDesk {
  if (!ctx.incidents || !ctx.jobs) {
    throw new UserFacingError(
      ErrorCodes.notEnabled,
      'Incidents are not enabled on this instance: it runs without their store.',
    );
  }
  return new IncidentDesk({
    store: ctx.incidents,
    jobs: ctx.jobs,
    config: ctx.config,
    clock: ctx.clock,
    audit: ctx.audit,
    logger: ctx.logger,
    chat: ctx.incidentChat,
    ...(ctx.alertCards ? { alerts: ctx.alertCards } : {}),
    ...(ctx.changes ? { changes: ctx.changes } : {}),
  });
}

function personOf(ctx: SkillContext): IncidentPerson {
  return { id: ctx.caller.aadObjectId, name: ctx.caller.name };
}

/** What the live status says for the severity suggestion; nothing when the landing zone does not answer. */
async function liveSignals(ctx: SkillContext): Promise<LiveSignals> {
  try {
    const alerts = await ctx.landingZone.listFiringAlerts();
    return {
      productionDown: alerts.some((a) => a.rule === 'endpoint-down'),
      degraded: alerts.some((a) => a.severity === 'critical' || a.severity === 'error'),
    };
  } catch (error) {
    ctx.logger.warn({ err: error }, 'no live status for the severity suggestion');
    return {};
  }
}

async function severityFor(summary: string, stated: Severity | undefined, ctx: SkillContext) {
  const type = incidentTypeOf(summary);
  const suggestion: SeveritySuggestion = stated
    ? { severity: stated, source: 'stated', reason: 'stated in the request' }
    : suggestSeverity(summary, type, await liveSignals(ctx));
  return { type, suggestion };
}

/** `declare [P1-P4] <summary>`: opens the incident at once. */
export async function runDeclare(
  args: { summary: string; severity?: Severity },
  ctx: SkillContext,
): Promise<SkillResult> {
  const desk = deskOf(ctx);
  const { type, suggestion } = await severityFor(args.summary, args.severity, ctx);
  const { incident, headline } = await desk.declare({
    summary: args.summary,
    severity: suggestion.severity,
    type,
    by: personOf(ctx),
    conversationId: ctx.conversationId,
  });
  const note =
    suggestion.source === 'stated' ? '' : ` (${suggestion.severity} suggested: ${suggestion.reason})`;
  return desk.result(incident, `${headline}${note}`);
}

/** A declaration read from plain language: what it would start, and the command that starts it. */
export async function previewDeclare(
  args: { summary: string; severity?: Severity },
  ctx: SkillContext,
): Promise<SkillResult> {
  const { type, suggestion } = await severityFor(args.summary, args.severity, ctx);
  const plan = planDeclaration(deskOf(ctx).policy, { severity: suggestion.severity, type }, ctx.clock.now());
  const told = plan.arrival.notifications.map(
    (n) => `${n.audienceName} (${n.contact}${n.urgent ? ', paged' : ''})`,
  );
  const next = plan.arrival.nextEscalationAt;
  const command = `declare ${suggestion.severity} ${args.summary}`;
  return {
    view: 'message',
    title: 'Declare an incident?',
    text:
      `Nothing is declared yet. This would open a ${suggestion.severity} incident (${incidentTypeLabels[type]}; ` +
      `${suggestion.source === 'stated' ? 'as you said' : `suggested from ${suggestion.reason}`}): "${args.summary}". ` +
      `It would start at ${plan.arrival.tier.name} and notify ${told.join(' and ')}` +
      `${next ? `, then move to the next tier at ${next.toISOString().slice(11, 16)} UTC unless someone acknowledges` : ''}. ` +
      `To declare it, press the button or send \`${command}\`.`,
    suggestions: [{ label: `Declare ${suggestion.severity}`, command, confirms: true }],
  };
}

export async function runList(_args: Record<string, never>, ctx: SkillContext): Promise<IncidentListResult> {
  if (!ctx.incidents) return { view: 'incident.list', incidents: [] };
  const now = ctx.clock.now();
  const open = await ctx.incidents.list({ open: true });
  const incidents = [];
  for (const incident of open.slice(0, 20)) {
    incidents.push(incidentView(incident, await ctx.incidents.timeline(incident.id), ctx.config, now));
  }
  return { view: 'incident.list', incidents };
}

type Action = 'ack' | 'escalate' | 'resolve' | 'note' | 'severity';

/** `ack`, `escalate`, `resolve` as strict commands: act at once on the named incident, or this conversation's. */
export function runAction(action: Action) {
  return async (
    args: { incident?: string; reason?: string; resolution?: string; note?: string; severity?: Severity },
    ctx: SkillContext,
  ) => {
    const desk = deskOf(ctx);
    const target = await desk.find(args.incident, ctx.conversationId);
    const by = personOf(ctx);
    const { incident, headline } =
      action === 'ack'
        ? await desk.acknowledge(target, by)
        : action === 'escalate'
          ? await desk.escalate(target, by, args.reason)
          : action === 'note'
            ? await desk.note(target, by, args.note ?? '')
            : action === 'severity'
              ? await desk.changeSeverity(target, by, args.severity!, args.reason)
              : await desk.resolve(target, by, args.resolution);
    return desk.result(incident, headline, action === 'resolve');
  };
}

/** The same actions read from plain language: what would happen, and the strict command that does it. */
export function previewAction(action: Action) {
  return async (
    args: { incident?: string; reason?: string; resolution?: string; note?: string; severity?: Severity },
    ctx: SkillContext,
  ): Promise<MessageResult> => {
    const desk = deskOf(ctx);
    let target;
    try {
      target = await desk.find(args.incident, ctx.conversationId);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      return {
        view: 'message',
        tone: 'warning',
        title: 'Which incident?',
        text: `${error.message} Nothing was changed.`,
        suggestions: [{ label: 'Open incidents', command: 'incidents' }],
      };
    }
    const detail = {
      ack: undefined,
      escalate: args.reason,
      resolve: args.resolution,
      note: args.note,
      severity: [args.severity, args.reason].filter(Boolean).join(' '),
    }[action];
    const command = `${action} ${target.id}${detail ? ` ${detail}` : ''}`;
    const what = {
      ack: `acknowledge ${target.id} as ${ctx.caller.name} and stop its escalation`,
      escalate: `move ${target.id} from ${target.tier} to the next tier now`,
      resolve: `resolve ${target.id}, stop its timers and post its timeline`,
      note: `add your note to the timeline of ${target.id}`,
      severity: `change ${target.id} from ${target.severity} to ${args.severity}, with that severity's response target and first tier`,
    }[action];
    const label = {
      ack: 'Acknowledge',
      escalate: 'Escalate',
      resolve: 'Resolve',
      note: 'Add note',
      severity: `Make it ${args.severity}`,
    }[action];
    return {
      view: 'message',
      title: `${target.id}: ${target.summary}`,
      text: `Nothing is changed yet. This would ${what}. To do it, press the button or send \`${command}\`.`,
      suggestions: [{ label, command, confirms: true }],
    };
  };
}
