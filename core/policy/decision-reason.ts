import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { PolicyDecision, PolicyRequest } from './change-policy';
import type { ChangeClassification } from './change-type';
import { describeOpening, describeWindow, skippedOpenings } from './change-window';
import { distinctPeople, joinWords, roleLabel } from './role-labels';

const stop = (sentence: string) => sentence.replace(/\.$/, '');

/**
 * The one sentence on the card that explains a decision: what the change is and why it has its type,
 * who must approve, and when it may run.
 */
export function explainDecision(
  decision: Omit<PolicyDecision, 'reason'>,
  change: ChangeClassification,
  request: PolicyRequest,
  config: LandingZoneConfig,
): string {
  const policy = config.changePolicy;
  const what = `${change.subject} ${change.because}`;
  const denied = decision.rules.find((f) => f.verdict === 'deny');
  if (denied) return `${stop(denied.reason)}; no approval can lift this limit.`;
  if (change.type === 'standard') {
    const flag = request.emergency ? ' and needs no emergency handling' : '';
    return `${what}, so it is a standard change${flag}: the requester confirms it on the card, and it can run at any time.`;
  }
  if (change.type === 'emergency') {
    const who = joinWords(policy.emergencyApproverRoles.map(roleLabel), 'or');
    return (
      `${what}, and the requester marked it as an emergency ("${request.emergency?.reason ?? ''}"): ` +
      `one emergency approver (${who}) other than the requester must approve, the change window and the ` +
      `blackouts are waived, and it will be listed for CAB review afterwards.`
    );
  }
  const who = joinWords(
    decision.approvals.map((a) => a.label),
    'and',
  );
  if (decision.environment === 'development') {
    return `${what}, so it is a normal change on a development resource: a ${who} other than the requester must approve, and it can run at any time.`;
  }
  const approvers = `${who} must approve (${distinctPeople(decision.approvals.length)})`;
  const window = describeWindow(policy);
  if (decision.verdict !== 'schedule' || !decision.notBefore || !decision.windowEnd) {
    return `${what}, so it is a normal change: ${approvers}, and it runs in the ${window} window, which is open now until ${policy.productionWindow.end}.`;
  }
  const skipped = skippedOpenings(request.at, policy);
  const blackout = skipped.length
    ? ` (${joinWords(
        skipped.map(
          (o) =>
            `${describeOpening(o, policy).replace(/, \d\d:\d\d–.*$/, '')} is in the ${o.blackout} blackout`,
        ),
        'and',
      )})`
    : '';
  const next = describeOpening({ start: decision.notBefore, end: decision.windowEnd }, policy);
  return `${what}, so it is a normal change: ${approvers}, and it runs in the ${window} window, next open ${next}${blackout}.`;
}
