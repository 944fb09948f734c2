import { buildActivity, sendActivity, type LocalConnector } from './local-connector';

/** What one series of Standard change round trips measured, per phase, in milliseconds. */
export interface ChangeRoundTripReport {
  roundTrips: number;
  errors: number;
  /** Request message → proposal card. */
  requestMs: number[];
  /** Confirm press → invoke answered. */
  confirmMs: number[];
  /** Confirm press → the posted card updated to "Done". */
  resultMs: number[];
  errorSamples: string[];
}

/**
 * Runs Standard change round trips the way a person does them: ask for a scale inside the autoscale
 * bounds, press Confirm on the proposal card, wait for the posted card to show the result. Targets
 * alternate between two counts so that every request is a real change.
 */
export async function runChangeRoundTrips(options: {
  botUrl: string;
  connector: LocalConnector;
  roundTrips: number;
  from: { aadObjectId: string; name: string };
  runId: string;
  resultTimeoutInMs?: number;
}): Promise<ChangeRoundTripReport> {
  const report: ChangeRoundTripReport = {
    roundTrips: 0,
    errors: 0,
    requestMs: [],
    confirmMs: [],
    resultMs: [],
    errorSamples: [],
  };
  const conversationId = `${options.runId}-changes`;
  const fail = (message: string) => {
    report.errors += 1;
    if (report.errorSamples.length < 5) report.errorSamples.push(message);
  };
  for (let i = 0; i < options.roundTrips; i++) {
    const target = i % 2 === 0 ? 5 : 4;
    const t0 = performance.now();
    const asked = await sendActivity(
      options.botUrl,
      buildActivity({
        serviceUrl: options.connector.url,
        text: `scale fraud-detection blue ${target}`,
        from: options.from,
        conversationId,
      }),
      { connector: options.connector },
    );
    const t1 = performance.now();
    const card = JSON.stringify(asked.replies[0]?.activity ?? {});
    const match = /"verb":"proposal\.confirm","data":\{"changeId":"(CHG-\d+)","version":(\d+)\}/.exec(card);
    if (!match) {
      fail(`no Confirm button on the answer to "scale fraud-detection blue ${target}"`);
      continue;
    }
    report.requestMs.push(t1 - t0);
    const [, changeId, version] = match;
    const before = options.connector.replies.length;
    const pressed = await sendActivity(
      options.botUrl,
      buildActivity({
        serviceUrl: options.connector.url,
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: options.from,
        conversationId,
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'proposal.confirm',
            data: { changeId, version: Number(version) },
          },
        },
      }),
      { connector: options.connector },
    );
    const t2 = performance.now();
    if (pressed.status !== 200) {
      fail(`confirm of ${changeId} answered HTTP ${pressed.status}`);
      continue;
    }
    report.confirmMs.push(t2 - t1);
    const deadline = t1 + (options.resultTimeoutInMs ?? 10_000);
    let done = false;
    while (!done && performance.now() < deadline) {
      done = options.connector.replies
        .slice(before)
        .some(
          (r) =>
            r.method === 'PUT' &&
            JSON.stringify(r.activity).includes(`${changeId} ·`) &&
            JSON.stringify(r.activity).includes('"text":"Done"'),
        );
      if (!done) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    if (!done) {
      fail(`the card of ${changeId} did not show the result in time`);
      continue;
    }
    report.resultMs.push(performance.now() - t1);
    report.roundTrips += 1;
  }
  return report;
}
