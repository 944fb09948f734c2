import type pino from 'pino';
import { openDatabase, type Database } from '../adapters/storage/database';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { SqlAuditLog } from '../adapters/storage/sql-audit-log';
import { SqlChangeStore } from '../adapters/storage/sql-change-store';
import { SqlConversationDirectory } from '../adapters/storage/sql-conversation-directory';
import { SqlDeliveryLedger } from '../adapters/storage/sql-delivery-ledger';
import { SqlJobStore } from '../adapters/storage/sql-job-store';
import { SqlKeyValueStore } from '../adapters/storage/sql-key-value-store';
import { SimulatedLandingZone } from '../adapters/simulator/simulated-landing-zone';
import { clockStartingAt, systemClock } from '../core/clock';
import { ConfigError, UserFacingError } from '../core/errors';
import { createLogger, type Logger } from '../core/logger';
import type { KnowledgeBase } from '../core/knowledge/knowledge-base';
import type { SkillContext } from '../skills/skill';
import type { IncidentStore } from '../core/incidents/incident-store';
import type { AuditLog, Clock, LandingZone, ScenarioControl } from '../core/ports';
import type { JobStore } from '../core/scheduling/job-store';
import type { Router } from '../core/routing/router';
import { ClarifyDialog } from '../dialogs/clarify.dialog';
import { ConversationDialog } from '../dialogs/conversation.dialog';
import type { ChangeStore } from '../core/changes/change-request';
import { JobRunner, type TickResult } from '../core/scheduling/job-runner';
import { createCatalog } from '../skills/catalog';
import { changeJobHandlers } from '../skills/change/change-jobs';
import { expireChange, markInterrupted, runScheduledChange } from '../skills/change/change-runs';
import type { ExecuteDeps } from '../skills/execute';
import { receiveAlert } from '../skills/incident/alert-intake';
import { incidentJobHandlers } from '../skills/incident/incident-jobs';
import { ChangeCards } from './change-cards';
import { createOpsbotApp } from './app';
import { buildRouter } from './build-router';
import { renderResult } from './cards/render-result';
import { welcomeCard } from './cards/welcome.card';
import { loadBotConfig, type BotConfig } from './config';
import { RedeliveryGuard } from './edge/redelivery-guard';
import { createKnowledgeBase } from './knowledge-base';
import { buildAdapter } from './build-adapter';
import { composeIncidents } from './compose-incidents';
import { BotServer } from './server';
import { SqlStorage } from './sql-storage';

/** How a caller starts the bot: in-process for tests, the bench and the playground; from `opsbot serve` otherwise. */
export interface StartBotOptions {
  /** The environment to read settings from; `process.env` when absent. Never written to. */
  env?: Record<string, string | undefined>;
  clock?: Clock;
  /** Overrides `PORT` (0 picks a free port). */
  port?: number;
  /** Where log lines go; standard output when absent. */
  logDestination?: pino.DestinationStream;
  /** The natural-language router; without one, only strict commands are understood. */
  router?: Router;
}

/** A started bot: where it listens and the pieces tests look at. */
export interface RunningBot {
  /** Base URL, e.g. `http://127.0.0.1:3978`; the messaging endpoint is `${url}/api/messages`. */
  url: string;
  port: number;
  config: BotConfig;
  landingZone: LandingZone;
  /** The simulator's scenario switches; absent for a real landing zone. */
  scenarios?: ScenarioControl;
  audit: AuditLog;
  changes: ChangeStore;
  /** Runs the durable jobs due by the bot's clock now (tests drive time with it). */
  runDueJobs(): Promise<TickResult>;
  /** Settles when every change run started by a button press has finished. */
  settled(): Promise<void>;
  logger: Logger;
  /** The runbook knowledge base built from `KNOWLEDGE_DIR` at start. */
  knowledge: KnowledgeBase;
  incidents: IncidentStore;
  /** The durable jobs every instance on the database shares (escalation timers, approval expiry, …). */
  jobs: JobStore;
  /** Stops accepting, lets in-flight turns finish (bounded by SHUTDOWN_GRACE_MS), closes the database. Idempotent. */
  close(): Promise<void>;
}

/**
 * The composition root: load config → open the database (migrations) → build adapters → build
 * services → build the app → listen. Throws `ConfigError` for bad settings before anything listens.
 */
export async function startBot(options: StartBotOptions = {}): Promise<RunningBot> {
  const config = loadBotConfig(options.env ?? process.env);
  const clock = options.clock ?? (config.simClockStart ? clockStartingAt(config.simClockStart) : systemClock);
  const logger = createLogger({ level: config.logLevel, destination: options.logDestination });

  const { landingZone, scenarios } = await buildLandingZone(config, clock, logger);
  const database = await openDatabase(config.databaseUrl, { logger });
  try {
    const audit = new SqlAuditLog(database);
    const state = new SqlKeyValueStore(database, { clock });
    const catalog = createCatalog();
    const changes = new SqlChangeStore(database);
    const jobs = new SqlJobStore(database);
    const directory = new SqlConversationDirectory(database);
    const adapter = buildAdapter(config, logger, audit, clock);
    const changeCards = new ChangeCards({
      adapter,
      appId: config.credentials?.appId ?? '',
      changes,
      directory,
      config: config.landingZone,
      simulated: landingZone.simulated,
      ...(config.changeChannelId ? { changeChannelId: config.changeChannelId } : {}),
      logger,
    });
    const executeDeps: ExecuteDeps = {
      changes,
      jobs,
      landingZone,
      config: config.landingZone,
      catalog,
      clock,
      audit,
      logger,
      // A change's card, and the cards of the incidents open while it was raised (they list it).
      onChanged: async (change) => {
        await changeCards.update(change);
        await incidentParts.refreshOpenCards();
      },
    };
    const inFlight = new Set<Promise<unknown>>();
    const incidentParts = composeIncidents({
      config,
      database,
      adapter,
      directory,
      state,
      changes,
      jobs,
      audit,
      clock,
      logger,
      simulated: landingZone.simulated,
    });
    const { incidents, alertCards, alertChannel, notifications } = incidentParts;
    const incidentChat = incidentParts.chat;
    const runner = new JobRunner({
      store: jobs,
      clock,
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      handlers: {
        ...changeJobHandlers({
          expire: async (changeId) => {
            const change = await changes.get(changeId);
            if (change) await expireChange(change, executeDeps);
          },
          run: (changeId, correlationId) => runScheduledChange(changeId, executeDeps, correlationId),
          interrupted: (changeId) => markInterrupted(changeId, executeDeps),
        }),
        ...incidentJobHandlers({ ...incidentParts.deskDeps, notifier: notifications.notifier }),
      },
      logger,
    });
    const knowledge = createKnowledgeBase(config.knowledge, catalog.list(), clock);
    logKnowledgeLoad(logger, knowledge);
    // Azure OpenAI only when configured (the `openai` package is loaded only then): one client and one
    // breaker for the deployment, which routes messages and writes grounded runbook answers.
    const deployment = config.llm
      ? (
          require('../adapters/llm/create-llm-router') as typeof import('../adapters/llm/create-llm-router')
        ).connectAzureOpenAi(config.llm, { logger, clock })
      : undefined;
    const answerWriter =
      config.llm && deployment
        ? (
            require('../adapters/llm/create-llm-answer-writer') as typeof import('../adapters/llm/create-llm-answer-writer')
          ).createLlmAnswerWriter(config.llm, { logger, clock, deployment })
        : undefined;
    // Every service is spread into each skill's context; the dialog's option type lists the ones it knows by name.
    const services: Pick<
      SkillContext,
      'incidents' | 'notifier' | 'jobs' | 'incidentChat' | 'alertCards' | 'answerWriter'
    > = {
      incidents,
      notifier: notifications.notifier,
      jobs,
      incidentChat,
      alertCards,
      ...(answerWriter ? { answerWriter } : {}),
    };
    const dialog = new ConversationDialog({
      changes,
      jobs,
      config: config.landingZone,
      catalog,
      landingZone,
      audit,
      clock,
      logger,
      router:
        options.router ??
        (
          await buildRouter(config, {
            skills: catalog.list(),
            logger,
            clock,
            ...(deployment ? { deployment } : {}),
          })
        ).router,
      clarify: new ClarifyDialog({ store: state, config: config.landingZone, catalog, clock }),
      knowledge,
      services,
    });

    const app = createOpsbotApp({
      storage: new SqlStorage(state),
      logger,
      message: {
        dialog,
        config: config.landingZone,
        localMode: config.localMode,
        scenarios,
        knowledge,
        alertChannel,
        audit,
        clock,
        logger,
        render: renderResult,
        changeCards,
        simulated: landingZone.simulated,
        onSent: async (result, activityId) => {
          if (result.view === 'change-request') await incidentParts.refreshOpenCards();
          if (result.view !== 'incident') return;
          // The first incident card sent is the one updated in place from then on.
          const incident = await incidents.get(result.incident.id);
          if (incident && !incident.cardActivityId) {
            await incidents.annotate(incident.id, { cardActivityId: activityId });
          }
        },
      },
      cardActions: {
        config: config.landingZone,
        execute: executeDeps,
        cards: changeCards,
        audit,
        clock,
        logger,
        inFlight,
      },
      welcome: () =>
        welcomeCard({
          landingZoneName: config.landingZone.landingZone.name,
          environment: config.landingZone.landingZone.environment,
          simulated: landingZone.simulated,
          exampleEndpoint: config.landingZone.endpoints[0]?.name,
          exampleCompute:
            config.landingZone.computes.find((c) => c.name.startsWith('gpu'))?.name ??
            config.landingZone.computes[0]?.name,
        }),
    });
    const server = new BotServer({
      adapter,
      app,
      localMode: config.localMode,
      logger,
      health: () => health(config, database, state),
      // The edge (issue 12): each delivery once, an answer within Teams' window.
      redelivery: new RedeliveryGuard({
        ledger: new SqlDeliveryLedger(database, {
          windowInMs: config.deliveryWindowMs,
          leaseInMs: config.turnDeadlineMs + 2 * config.outboundTimeoutMs,
        }),
        clock,
        logger,
        invokeWaitInMs: Math.round(config.turnDeadlineMs / 2),
      }),
      turnDeadlineInMs: config.turnDeadlineMs,
      ...(config.alerts
        ? {
            alerts: {
              secret: config.alerts.secret,
              receive: async (body: unknown) =>
                receiveAlert(body, {
                  chat: incidentChat,
                  conversationId: await alertChannel?.current(),
                  cards: alertCards,
                  onIncidentAlertResolved: (card) => incidentParts.desk.alertResolved(card),
                  audit,
                  clock,
                  logger,
                }),
            },
          }
        : {}),
    });
    const { url, port } = await server.listen(options.port ?? config.port, config.host);
    logStart(logger, config, url, database);
    if (config.jobPollIntervalMs > 0) runner.start(config.jobPollIntervalMs);
    logger.info({ notifiers: notifications.configured }, 'incident notifiers');
    const settled = async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    };

    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      config,
      landingZone,
      scenarios,
      audit,
      changes,
      runDueJobs: () => runner.tick(),
      settled,
      logger,
      knowledge,
      incidents,
      jobs,
      close: () =>
        (closing ??= (async () => {
          await server.close(config.shutdownGraceMs);
          await runner.stop();
          await settled();
          notifications.close();
          await database.close();
          logger.info('stopped');
        })()),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function buildLandingZone(
  config: BotConfig,
  clock: Clock,
  logger: Logger,
): Promise<{ landingZone: LandingZone; scenarios?: ScenarioControl }> {
  if (config.landingZoneKind === 'azure') {
    // Live mode: the credential is created on the first token request, so building probes nothing.
    // Loaded only here so that the simulator's start-up does not pay for the Azure SDKs.
    const { createAzureLandingZone } =
      require('../adapters/azure/create-azure-landing-zone') as typeof import('../adapters/azure/create-azure-landing-zone');
    return { landingZone: createAzureLandingZone(config.landingZone, config.azure, { logger, clock }) };
  }
  const simulator = new SimulatedLandingZone({ config: config.landingZone, clock, seed: config.simSeed });
  for (const name of config.simScenarios) {
    try {
      simulator.setScenario(name, true);
    } catch (error) {
      if (error instanceof UserFacingError)
        throw new ConfigError(`environment: SIM_SCENARIOS: ${error.message}`);
      throw error;
    }
  }
  return { landingZone: simulator, scenarios: simulator };
}

async function health(config: BotConfig, database: Database, state: SqlKeyValueStore) {
  let databaseOk = true;
  try {
    await state.read(['opsbot/healthz']);
  } catch {
    databaseOk = false;
  }
  return {
    status: databaseOk ? ('ok' as const) : ('degraded' as const),
    mode: config.localMode ? ('local' as const) : ('production' as const),
    landingZone: config.landingZoneKind,
    database: databaseOk ? database.dialect : `${database.dialect} (unreachable)`,
  };
}

/** One line for the load, and one warning per skipped page naming the file and the problem. */
function logKnowledgeLoad(logger: Logger, knowledge: KnowledgeBase): void {
  const report = knowledge.lastLoad();
  const log = logger.child({ component: 'knowledge' });
  for (const skipped of report.skipped) log.warn(skipped, 'runbook page skipped');
  log.info(
    {
      directory: report.directory,
      pages: report.pages,
      sections: report.sections,
      skipped: report.skipped.length,
    },
    'runbooks loaded',
  );
}

function logStart(logger: Logger, config: BotConfig, url: string, database: Database): void {
  const base = {
    url,
    landingZone: config.landingZoneKind,
    database: database.location,
    scenarios: config.simScenarios,
  };
  if (config.localMode) {
    logger.warn(
      base,
      'LOCAL MODE: no MICROSOFT_APP_ID, so requests are NOT authenticated; listening on the loopback interface only',
    );
  } else {
    logger.info(
      { ...base, appType: config.credentials?.appType },
      'production mode: Bot Framework authentication on',
    );
  }
}
