import { buildActivity, sendActivity, type ConnectorReply, type LocalConnector } from './local-connector';

/** The kinds of turn the realistic mix sends, as people send them in Teams. */
export const turnKinds = [
  'plain-status',
  'strict-command',
  'clarify-question',
  'clarify-answer',
  'change-request',
  'change-confirm',
  'incident-list',
] as const;
export type TurnKind = (typeof turnKinds)[number];

/** One turn of a conversation's script. */
interface Step {
  kind: TurnKind;
  /** A message's text, or undefined for the Confirm press on the last proposal card. */
  text?: string;
}

const plainStatus = [
  'how is the fraud endpoint doing?',
  'did any training jobs fail overnight',
  'any alerts firing right now?',
  'how much gpu quota do we have left',
  'is the gpu cluster up?',
  'morning health check please',
];
const strictCommands = ['status fraud-detection', 'jobs 24', 'quota', 'status gpu-cluster-01', 'alerts'];
const incidentLists = ['any open incidents?', 'incidents'];

/**
 * One conversation's ten turns: plain-language status questions through the classifier, strict
 * commands, a clarify round trip (a question that names no cluster, then the answer), a Standard
 * change request followed by Confirm on its card, and the incident list. Conversations start at
 * different points of the script so that each kind runs throughout the run.
 */
export function conversationScript(conversation: number, turns: number, onlyText?: string): Step[] {
  if (onlyText !== undefined)
    return Array.from({ length: turns }, () => ({ kind: 'strict-command', text: onlyText }));
  const cycle = (i: number): Step[] => [
    { kind: 'plain-status', text: plainStatus[(conversation + i) % plainStatus.length] },
    { kind: 'strict-command', text: strictCommands[(conversation + i) % strictCommands.length] },
    { kind: 'clarify-question', text: 'how is the cluster doing?' },
    { kind: 'clarify-answer', text: (conversation + i) % 2 ? 'gpu' : 'cpu' },
    { kind: 'plain-status', text: plainStatus[(conversation + i + 3) % plainStatus.length] },
    { kind: 'change-request', text: `scale fraud-detection blue ${(conversation + i) % 2 ? 5 : 4}` },
    { kind: 'change-confirm' },
    { kind: 'incident-list', text: incidentLists[(conversation + i) % incidentLists.length] },
    { kind: 'strict-command', text: strictCommands[(conversation + i + 2) % strictCommands.length] },
    { kind: 'plain-status', text: plainStatus[(conversation + i + 1) % plainStatus.length] },
  ];
  const steps: Step[] = [];
  for (let i = 0; steps.length < turns; i++) steps.push(...cycle(i));
  // A script cut short never ends on a change request without its Confirm.
  const cut = steps.slice(0, turns);
  if (cut.at(-1)?.kind === 'change-request')
    cut[cut.length - 1] = { kind: 'plain-status', text: plainStatus[0] };
  return cut;
}

/** What the mix measured for one kind of turn. */
export interface KindReport {
  turns: number;
  errors: number;
  lostReplies: number;
  latenciesMs: number[];
}

/** What one run of the mix measured. */
export interface MixReport {
  turns: number;
  elapsedMs: number;
  byKind: Record<TurnKind, KindReport>;
  /** Confirm press → the posted proposal card updated with the result (opsbot only). */
  changeResultMs: number[];
  /**
   * Change requests answered "nothing to change" (another conversation had just scaled the deployment
   * to the same count): a right answer with no Confirm to press, so that turn is not sent.
   */
  changeNoOps: number;
  errorSamples: string[];
}

/** Options of `runMix`. */
export interface MixOptions {
  botUrl: string;
  connector: LocalConnector;
  conversations: number;
  turnsPerConversation: number;
  from: (conversation: number) => { aadObjectId: string; name: string };
  runId: string;
  /** Wait for the card update after each Confirm (opsbot); the echo bot never sends one. */
  awaitChangeResult: boolean;
  /** Send only this text (reported as strict commands) instead of the mix, to profile one kind of turn. */
  onlyText?: string;
  replyTimeoutInMs?: number;
}

const confirmButton = /"verb":"proposal\.confirm","data":\{"changeId":"(CHG-\d+)","version":(\d+)\}/;

/**
 * The realistic mix: conversations run concurrently, each turn waits for its answer before the next
 * (a person reads before typing again). A message's latency runs to its first reply reaching the
 * connector; a Confirm press's to the invoke's HTTP answer.
 */
export async function runMix(options: MixOptions): Promise<MixReport> {
  const byKind = Object.fromEntries(
    turnKinds.map((k) => [k, { turns: 0, errors: 0, lostReplies: 0, latenciesMs: [] }]),
  ) as unknown as Record<TurnKind, KindReport>;
  const report: MixReport = {
    turns: 0,
    elapsedMs: 0,
    byKind,
    changeResultMs: [],
    changeNoOps: 0,
    errorSamples: [],
  };
  const timeout = options.replyTimeoutInMs ?? 10_000;
  const fail = (kind: TurnKind, message: string) => {
    byKind[kind].errors += 1;
    if (report.errorSamples.length < 8) report.errorSamples.push(`${kind}: ${message}`);
  };
  const pending = new Map<string, (reply: ConnectorReply) => void>();
  const updates = new Map<string, () => void>();
  const previous = options.connector.onReply;
  options.connector.onReply = (reply) => {
    previous?.(reply);
    const resolve = reply.replyToId ? pending.get(reply.replyToId) : undefined;
    if (resolve) {
      pending.delete(reply.replyToId!);
      resolve(reply);
    }
    if (reply.method === 'PUT') {
      const body = JSON.stringify(reply.activity);
      for (const [changeId, done] of updates)
        if (body.includes(`${changeId} ·`) && body.includes('"text":"Done"')) {
          updates.delete(changeId);
          done();
        }
    }
  };

  const conversation = async (c: number) => {
    const conversationId = `a:${options.runId}-${c}`;
    let lastCard = '';
    for (const step of conversationScript(c, options.turnsPerConversation, options.onlyText)) {
      const kind = byKind[step.kind];
      kind.turns += 1;
      report.turns += 1;
      if (step.text !== undefined) {
        const activity = buildActivity({
          serviceUrl: options.connector.url,
          conversationId,
          from: options.from(c),
          text: step.text,
        });
        let timer: NodeJS.Timeout | undefined;
        const replied = new Promise<ConnectorReply | undefined>((resolve) => {
          pending.set(activity.id as string, resolve);
          timer = setTimeout(() => resolve(undefined), timeout);
        });
        const sentAt = performance.now();
        const response = await sendActivity(options.botUrl, activity).catch((error: Error) => ({
          status: 0,
          body: error.message,
        }));
        if (response.status !== 200)
          fail(step.kind, `HTTP ${response.status}: ${JSON.stringify(response.body)}`);
        const reply = await replied;
        clearTimeout(timer);
        pending.delete(activity.id as string);
        if (!reply) {
          kind.lostReplies += 1;
          continue;
        }
        kind.latenciesMs.push(reply.receivedAt - sentAt);
        lastCard = JSON.stringify(reply.activity);
        continue;
      }
      // Confirm on the proposal card of the previous turn.
      const match = confirmButton.exec(lastCard);
      if (options.awaitChangeResult && !match && /nothing to change/i.test(lastCard)) {
        kind.turns -= 1;
        report.turns -= 1;
        report.changeNoOps += 1;
        continue;
      }
      if (options.awaitChangeResult && !match) {
        const said = [...lastCard.matchAll(/"text":"([^"]{3,})"/g)].map((m) => m[1]).join(' / ');
        fail(step.kind, `the change request was answered without a Confirm button: ${said.slice(0, 240)}`);
        continue;
      }
      const [, changeId, version] = match ?? ['', 'CHG-00000', '1'];
      const result = options.awaitChangeResult
        ? new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), timeout);
            updates.set(changeId, () => {
              clearTimeout(timer);
              resolve(true);
            });
          })
        : Promise.resolve(true);
      const sentAt = performance.now();
      const pressed = await sendActivity(
        options.botUrl,
        buildActivity({
          serviceUrl: options.connector.url,
          type: 'invoke',
          name: 'adaptiveCard/action',
          from: options.from(c),
          conversationId,
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'proposal.confirm',
              data: { changeId, version: Number(version) },
            },
          },
        }),
      ).catch((error: Error) => ({ status: 0, body: error.message }));
      if (pressed.status !== 200) {
        updates.delete(changeId);
        fail(step.kind, `confirm of ${changeId} answered HTTP ${pressed.status}`);
        continue;
      }
      kind.latenciesMs.push(performance.now() - sentAt);
      if (!(await result)) {
        fail(step.kind, `the card of ${changeId} did not show the result within ${timeout} ms`);
        continue;
      }
      if (options.awaitChangeResult) report.changeResultMs.push(performance.now() - sentAt);
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: options.conversations }, (_, c) => conversation(c)));
  report.elapsedMs = performance.now() - started;
  options.connector.onReply = previous;
  return report;
}
