import type { CloudAdapter } from 'botbuilder';
import { SqlAlertCardStore } from '../adapters/storage/sql-alert-card-store';
import { SqlIncidentStore } from '../adapters/storage/sql-incident-store';
import type { Database } from '../adapters/storage/database';
import { createNotifier } from '../adapters/notify/create-notifier';
import type { ChangeStore } from '../core/changes/change-request';
import type { Logger } from '../core/logger';
import type { AuditLog, Clock, ConversationDirectory, KeyValueStore } from '../core/ports';
import type { JobStore } from '../core/scheduling/job-store';
import { AlertChannel } from '../skills/incident/alert-channel';
import { IncidentDesk, type IncidentDeskDeps } from '../skills/incident/incident-desk';
import { renderResult } from './cards/render-result';
import type { BotConfig } from './config';
import { ProactiveIncidentChat } from './proactive-incident-chat';

/** What the composition root gives the incident desk. */
export interface IncidentCompositionInput {
  config: BotConfig;
  database: Database;
  adapter: CloudAdapter;
  directory: ConversationDirectory;
  state: KeyValueStore;
  changes: ChangeStore;
  jobs: JobStore;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  simulated: boolean;
}

/**
 * The incident desk and what it stands on (issue 10): the incident and alert card stores, the ops
 * channel alert cards go to, proactive posts and card updates, and the notifiers.
 */
export function composeIncidents(input: IncidentCompositionInput) {
  const { config, database, adapter, directory, state, changes, jobs, audit, clock, logger } = input;
  const incidents = new SqlIncidentStore(database);
  const alertCards = new SqlAlertCardStore(database);
  const alertChannel = config.alerts ? new AlertChannel(state, config.alerts.conversationId) : undefined;
  const chat = new ProactiveIncidentChat({
    adapter,
    appId: config.credentials?.appId ?? '',
    directory,
    render: (result) => renderResult(result, { simulated: input.simulated }),
    logger,
  });
  const notifications = createNotifier(config.notify, {
    audit,
    clock,
    post: async (conversationId, text) => void (await chat.post(conversationId, { text })),
  });
  const deskDeps: IncidentDeskDeps = {
    store: incidents,
    jobs,
    config: config.landingZone,
    clock,
    audit,
    logger,
    chat,
    alerts: alertCards,
    changes,
  };
  const desk = new IncidentDesk(deskDeps);
  return {
    incidents,
    alertCards,
    alertChannel,
    chat,
    notifications,
    deskDeps,
    desk,
    /** Redraws the card of every open incident (a change request raised or moved shows on them). */
    refreshOpenCards: async () => {
      for (const open of await incidents.list({ open: true })) await desk.refreshCard(open.id);
    },
  };
}
