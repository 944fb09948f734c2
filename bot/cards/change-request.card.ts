import type { ChangeRequest, ChangeState } from '../../core/changes/change-request';
import type { RoleId } from '../../core/config/landing-zone.schema';
import { checkApprover, type ApprovalSlot, type PolicyDecision } from '../../core/policy/change-policy';
import type { ChangeListResult, ChangePreviewResult, ChangeRequestResult } from '../../skills/results';
import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** Who the card is drawn for: a person (their buttons only) or a shared copy (every button the state offers). */
export interface ChangeCardViewer {
  aadObjectId: string;
  roles: RoleId[];
}

/** What a change card needs besides the change. */
export interface ChangeCardOptions {
  simulated: boolean;
  viewer?: ChangeCardViewer;
  /** Teams user ids (MRIs) whose clients refresh the card by themselves to their own view; at most 60. */
  refreshUserIds?: string[];
}

/** The data an opsbot change button carries: ids only. The arguments come from the server, the actor from the invoke. */
export interface ChangeActionData {
  changeId: string;
  version: number;
}

const states: Record<ChangeState, { word: string; color: string }> = {
  pending: { word: 'Waiting for a decision', color: 'Warning' },
  scheduled: { word: 'Scheduled', color: 'Accent' },
  running: { word: 'Running', color: 'Accent' },
  succeeded: { word: 'Done', color: 'Good' },
  failed: { word: 'Failed', color: 'Attention' },
  rejected: { word: 'Rejected', color: 'Attention' },
  cancelled: { word: 'Cancelled', color: 'Default' },
  expired: { word: 'Expired', color: 'Default' },
};

const typeWords = { standard: 'Standard (pre-approved)', normal: 'Normal', emergency: 'Emergency' } as const;

/** Most users Teams refreshes a card for automatically; beyond that the card offers a manual refresh. */
export const maxRefreshUsers = 60;

/**
 * A change request's card: what will change (before → after), the policy's decision in its own
 * sentence, the approvals given and still needed, the change-request fields, progress and result.
 * Buttons are `Action.Execute` verbs carrying the change id and version only. An open change refreshes
 * itself for the listed users, so each sees their own buttons.
 */
export function changeRequestCard(result: ChangeRequestResult, options: ChangeCardOptions): AdaptiveCard {
  const { change } = result;
  const state = states[change.state];
  const body: CardElement[] = [
    k.header(
      `${change.id} · ${change.plan.summary}`,
      `Requested by ${change.requester.name} · ${k.formatTime(change.createdAt.toISOString())}`,
      state,
    ),
  ];
  if (options.simulated) body.push(k.simulatedLabel());
  if (result.notice) {
    body.push({
      type: 'Container',
      style: result.notice.tone === 'warning' ? 'warning' : 'emphasis',
      items: [k.text(result.notice.text)],
    });
  }
  if (change.emergencyReason) {
    body.push({
      type: 'Container',
      style: 'attention',
      items: [
        k.text(
          `**Emergency**: ${change.emergencyReason}. Window and blackout waived; listed for CAB review afterwards.`,
        ),
      ],
    });
  }
  body.push(k.text(change.decision.reason));
  body.push(
    k.facts([
      ['Change type', typeWords[change.changeType]],
      ['Environment', change.decision.environment],
      ['Before', change.plan.before],
      ['After', change.plan.after],
      ...windowFacts(change),
      ['Impact', change.plan.impact],
      ['Risk', change.plan.risk],
      ['Rollback', change.plan.rollback],
      ['Testing', change.plan.testing],
    ]),
  );
  for (const warning of change.plan.warnings)
    body.push(k.text(`⚠ ${warning}`, { color: 'Warning', size: 'Small' }));
  if (change.decision.approvals.length) body.push(approvalsBlock(change));
  if (change.outcome?.steps.length) {
    body.push(k.text('**Steps**', { spacing: 'Medium' }));
    for (const step of change.outcome.steps) {
      const mark = step.state === 'done' ? '✓' : step.state === 'failed' ? '✗' : '…';
      body.push(
        k.text(`${mark} ${step.step}${step.detail ? ` — ${step.detail}` : ''}`, {
          size: 'Small',
          spacing: 'None',
        }),
      );
    }
  }
  if (change.outcome && change.state !== 'running') {
    body.push(
      k.text(
        `**Result**: ${change.outcome.summary}${change.outcome.operationId ? ` (operation ${change.outcome.operationId})` : ''}`,
      ),
    );
  }
  if (change.closure)
    body.push(
      k.text(
        `${change.closure.reason} (${change.closure.by.name}, ${k.formatTime(change.closure.at.toISOString())})`,
        { isSubtle: true },
      ),
    );

  const actions = actionsFor(change, options.viewer);
  const open = change.state === 'pending' || change.state === 'scheduled' || change.state === 'running';
  const card = k.card(body, actions);
  if (open) {
    const userIds = (options.refreshUserIds ?? []).slice(0, maxRefreshUsers);
    card.refresh = {
      action: execute('proposal.refresh', 'Show my options', change),
      ...(userIds.length ? { userIds } : {}),
    };
    if (!options.viewer && (options.refreshUserIds?.length ?? 0) > maxRefreshUsers) {
      card.actions = [...(card.actions ?? []), execute('proposal.refresh', 'Show my options', change)];
    }
  }
  return card;
}

/** A dry run: the decision and the change, marked as not created. */
export function changePreviewCard(
  result: ChangePreviewResult,
  options: { simulated: boolean },
): AdaptiveCard {
  const body: CardElement[] = [
    k.header(
      `Dry run · ${result.plan.summary}`,
      'Nothing was created or changed.',
      verdictBadge(result.decision),
    ),
  ];
  if (options.simulated) body.push(k.simulatedLabel());
  body.push(k.text(result.decision.reason));
  body.push(
    k.facts([
      ['Change type', typeWords[result.decision.changeType]],
      ['Environment', result.decision.environment],
      ['Before', result.plan.before],
      ['After', result.plan.after],
      ...(result.decision.approvals.length
        ? [
            ['Approvals needed', result.decision.approvals.map((s) => s.label).join(' and ')] as [
              string,
              string,
            ],
          ]
        : []),
      ...(result.decision.notBefore
        ? [['Earliest run', k.formatTime(result.decision.notBefore.toISOString())] as [string, string]]
        : []),
      ['Impact', result.plan.impact],
      ['Rollback', result.plan.rollback],
    ]),
  );
  for (const warning of result.plan.warnings)
    body.push(k.text(`⚠ ${warning}`, { color: 'Warning', size: 'Small' }));
  return k.card(body);
}

/** A list of change requests, one line each, with a button to open each. */
export function changeListCard(result: ChangeListResult): AdaptiveCard {
  const body: CardElement[] = [k.header(result.title)];
  if (!result.changes.length) body.push(k.text(result.empty));
  for (const change of result.changes) {
    body.push(
      k.text(
        `**${change.id}** · ${states[change.state].word} · ${change.plan.summary} · ${change.requester.name}, ${k.formatTime(change.createdAt.toISOString())}${change.cabReview ? ' · for CAB review' : ''}`,
        { spacing: 'Small' },
      ),
    );
  }
  return k.card(
    body,
    k.commandActions(
      result.changes.slice(0, 5).map((c) => ({ label: `Show ${c.id}`, command: `show ${c.id}` })),
    ),
  );
}

function windowFacts(change: ChangeRequest): [string, string][] {
  const rows: [string, string][] = [];
  if (change.state === 'pending') rows.push(['Decide by', k.formatTime(change.expiresAt.toISOString())]);
  if (change.runAt) rows.push(['Runs at', k.formatTime(change.runAt.toISOString())]);
  else if (change.decision.notBefore)
    rows.push(['Earliest run', k.formatTime(change.decision.notBefore.toISOString())]);
  return rows;
}

function approvalsBlock(change: ChangeRequest): CardElement {
  const lines = change.decision.approvals.map((slot: ApprovalSlot, i) => {
    const given = change.approvals.find((a) => a.slot === i);
    return given
      ? `✓ ${slot.label}: ${given.name}, ${k.formatTime(given.at.toISOString())}`
      : `○ ${slot.label}: waiting`;
  });
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [k.text('**Approvals**'), ...lines.map((line) => k.text(line, { spacing: 'None' }))],
  };
}

function actionsFor(change: ChangeRequest, viewer: ChangeCardViewer | undefined): CardAction[] {
  if (change.state === 'scheduled') {
    return !viewer || isRequester(change, viewer) ? [execute('proposal.cancel', 'Cancel', change)] : [];
  }
  if (change.state !== 'pending') return [];
  const actions: CardAction[] = [];
  const requester = viewer ? isRequester(change, viewer) : true;
  if (change.decision.approvals.length === 0) {
    if (requester) actions.push(execute('proposal.confirm', 'Confirm', change, 'positive'));
  } else if (!viewer || mayApprove(change, viewer)) {
    actions.push(
      execute('proposal.approve', 'Approve', change, 'positive'),
      execute('proposal.reject', 'Reject', change, 'destructive'),
    );
  }
  if (requester) actions.push(execute('proposal.cancel', 'Cancel', change));
  return actions;
}

/** Whether `viewer` may approve the change now: the policy's own approver check. */
export function mayApprove(change: ChangeRequest, viewer: ChangeCardViewer): boolean {
  return checkApprover({
    decision: change.decision,
    requesterId: change.requester.aadObjectId,
    given: change.approvals,
    actor: viewer,
  }).ok;
}

function isRequester(change: ChangeRequest, viewer: ChangeCardViewer): boolean {
  return change.requester.aadObjectId.toLowerCase() === viewer.aadObjectId.toLowerCase();
}

function execute(
  verb: string,
  title: string,
  change: ChangeRequest,
  style?: 'positive' | 'destructive',
): CardAction {
  const data: ChangeActionData = { changeId: change.id, version: change.version };
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

function verdictBadge(decision: PolicyDecision): { word: string; color: string } {
  switch (decision.verdict) {
    case 'deny':
      return { word: 'Would be refused', color: 'Attention' };
    case 'schedule':
      return { word: 'Would be scheduled', color: 'Warning' };
    case 'approve':
      return { word: 'Needs approval', color: 'Warning' };
    default:
      return { word: 'Requester confirms', color: 'Good' };
  }
}
