import { listResourceNames } from '../../core/config/resource-names';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { UserFacingError } from '../../core/errors';
import type { RunbookCheckResult } from '../results';
import type { SkillContext, SkillDeclaration } from '../skill';
import { summarizeCheck } from './check-summary';
import { readOnlyLandingZone } from '../../core/read-only-landing-zone';

/** Most checks one answer runs; a page naming more gets its first ones. */
export const maxChecksPerAnswer = 3;

/**
 * Runs the read-only checks a runbook page names (`status.quota`, or `status.compute gpu-cluster-01`
 * with the resource the page means) for the caller, on a landing zone that refuses every change.
 * A resource named in the question wins over the page's. Each check is audited; a failing check
 * shows as unknown with its reason and never fails the answer.
 */
export async function runRunbookChecks(
  checks: string[],
  question: string,
  source: string,
  ctx: SkillContext,
): Promise<RunbookCheckResult[]> {
  const readOnly: SkillContext = { ...ctx, landingZone: readOnlyLandingZone(ctx.landingZone) };
  return Promise.all(
    checks.slice(0, maxChecksPerAnswer).map((entry) => runCheck(entry, question, source, readOnly)),
  );
}

async function runCheck(
  entry: string,
  question: string,
  source: string,
  ctx: SkillContext,
): Promise<RunbookCheckResult> {
  const [id, pageResource] = entry.trim().split(/\s+/);
  const skill = ctx.catalog.list().find((s) => s.id === id);
  if (!skill || skill.kind !== 'read' || !skill.run || skill.id === 'troubleshoot.ask') {
    return { skill: 'none', title: id, status: 'unknown', summary: 'not a read-only check', command: 'help' };
  }
  const args = checkArguments(skill, question, pageResource, ctx.config);
  const base = { skill: skill.id, title: skill.title, command: commandOf(skill, args) };
  if (!skill.roles.some((role) => ctx.caller.roles.includes(role))) {
    return { ...base, status: 'unknown', summary: `needs one of the roles ${skill.roles.join(', ')}` };
  }
  const parsed = skill.schema.safeParse(args);
  if (!parsed.success) {
    return { ...base, status: 'unknown', summary: 'could not tell which resource to check' };
  }
  const audit = (outcome: string, detail: string) =>
    ctx.audit.append({
      at: ctx.clock.now(),
      correlationId: ctx.correlationId,
      actorId: ctx.caller.aadObjectId,
      actorName: ctx.caller.name,
      conversationId: ctx.conversationId,
      skill: skill.id,
      args,
      decision: 'allowed:runbook-check',
      outcome,
      detail,
    });
  try {
    const summary = summarizeCheck(await skill.run(parsed.data, ctx));
    await audit('ok', `named by ${source}`);
    return { ...base, ...summary };
  } catch (error) {
    const reason = error instanceof UserFacingError ? error.message : 'the check failed on my side';
    if (!(error instanceof UserFacingError)) {
      ctx.logger.error(
        { err: error, correlationId: ctx.correlationId, check: skill.id },
        'runbook check failed',
      );
    }
    await audit(error instanceof UserFacingError ? `error:${error.code}` : 'error:internal', reason);
    return { ...base, status: 'unknown', summary: reason };
  }
}

/** Fills the check's resource parameters: from the question, else the page, else the first configured. */
function checkArguments(
  skill: SkillDeclaration,
  question: string,
  pageResource: string | undefined,
  config: LandingZoneConfig,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  // A check fills its resource parameters by itself.
  for (const [param, spec] of Object.entries(skill.params)) {
    const kind = spec.behaviour.resourceKind;
    if (!kind) continue;
    const names = listResourceNames(config).filter((r) => r.kind === kind);
    const named = namedIn(question, names) ?? (pageResource && namedIn(pageResource, names));
    const value = named || names[0]?.canonical;
    if (value) args[param] = value;
  }
  return args;
}

function namedIn(text: string, names: { canonical: string; names: string[] }[]): string | undefined {
  const lower = ` ${text.toLowerCase().replace(/[^a-z0-9-]+/g, ' ')} `;
  const found = names
    .flatMap((r) => r.names.map((name) => ({ canonical: r.canonical, name })))
    .filter((n) => lower.includes(` ${n.name} `))
    .sort((a, b) => b.name.length - a.name.length)[0];
  return found?.canonical;
}

/** The skill's strict command with its arguments filled in and optional parts left out: `status fraud-detection`. */
function commandOf(skill: SkillDeclaration, args: Record<string, unknown>): string {
  return skill.usage
    .replace(/<(\w+)>/g, (_, name: string) => String(args[name] ?? name))
    .replace(/\s*\[[^\]]*\]/g, '')
    .trim();
}
