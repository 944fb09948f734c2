import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

/**
 * The CloudAdapter with its authenticate-and-run step exposed, so that `bot/server.ts` reads the
 * request itself (size limit, JSON, activity checks) and answers authentication failures with its
 * own JSON and log line instead of the adapter's console output.
 */
export class OpsbotCloudAdapter extends CloudAdapter {
  /** Validates the Bot Framework token (skipped in local mode) and runs `logic` for the activity. */
  runActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
