import type { SkillResult } from '../../skills/results';
import type { AdaptiveCard } from './adaptive-card';
import { alertsStatusCard } from './alerts-status.card';
import {
  changeListCard,
  changePreviewCard,
  changeRequestCard,
  type ChangeCardViewer,
} from './change-request.card';
import { clarifyCard } from './clarify.card';
import { computeStatusCard } from './compute-status.card';
import { endpointStatusCard } from './endpoint-status.card';
import { helpCard } from './help.card';
import { incidentListCard } from './incident-list.card';
import { incidentCard } from './incident.card';
import { monitorAlertCard } from './monitor-alert.card';
import { jobsStatusCard } from './jobs-status.card';
import { messageCard } from './message.card';
import { notEnabledCard } from './not-enabled.card';
import { quotaStatusCard } from './quota-status.card';
import { runbookAnswerCard } from './runbook-answer.card';
import { statusOverviewCard } from './status-overview.card';

/** Who a card is drawn for and what it shows around the result. */
export interface RenderOptions {
  /** Cards fed by the simulator say so. */
  simulated?: boolean;
  /** The person a change card is drawn for; a shared copy when absent. */
  viewer?: ChangeCardViewer;
  /** Teams user ids whose clients refresh a change card to their own view. */
  refreshUserIds?: string[];
}

/** Turns any skill result into its Adaptive Card; a view without a builder fails the type check. */
export function renderResult(result: SkillResult, options: RenderOptions = {}): AdaptiveCard {
  const card = cardFor(result, options);
  if (!result.routingNote) return card;
  return {
    ...card,
    body: [
      ...(card.body ?? []),
      { type: 'TextBlock', text: result.routingNote, size: 'Small', isSubtle: true, wrap: true },
    ],
  };
}

function cardFor(result: SkillResult, options: RenderOptions): AdaptiveCard {
  switch (result.view) {
    case 'change-request':
      return changeRequestCard(result, {
        simulated: options.simulated ?? false,
        ...(options.viewer ? { viewer: options.viewer } : {}),
        ...(options.refreshUserIds ? { refreshUserIds: options.refreshUserIds } : {}),
      });
    case 'change-preview':
      return changePreviewCard(result, { simulated: options.simulated ?? false });
    case 'change-list':
      return changeListCard(result);
    case 'message':
      return messageCard(result);
    case 'help':
      return helpCard(result);
    case 'not-enabled':
      return notEnabledCard(result);
    case 'status.overview':
      return statusOverviewCard(result);
    case 'status.endpoint':
      return endpointStatusCard(result);
    case 'status.compute':
      return computeStatusCard(result);
    case 'status.jobs':
      return jobsStatusCard(result);
    case 'status.quota':
      return quotaStatusCard(result);
    case 'status.alerts':
      return alertsStatusCard(result);
    case 'clarify':
      return clarifyCard(result);
    case 'runbook-answer':
      return runbookAnswerCard(result);
    case 'incident':
      return incidentCard(result);
    case 'incident.list':
      return incidentListCard(result);
    case 'monitor-alert':
      return monitorAlertCard(result);
    default: {
      const unknown: never = result;
      return messageCard({
        view: 'message',
        tone: 'error',
        title: 'Cannot show this answer',
        text: `There is no card for the answer type "${(unknown as { view?: string }).view}".`,
      });
    }
  }
}
