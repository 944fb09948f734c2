import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';

/**
 * The CloudAdapter with its authenticate and run steps exposed separately, so that `bot/server.ts`
 * reads the request itself (size limit, JSON, activity checks), answers authentication failures with
 * its own JSON and log line, and records a delivery only once its token has been checked.
 */
export class OpsbotCloudAdapter extends CloudAdapter {
  /** Validates the Bot Framework token (skipped in local mode); throws when it does not validate. */
  authenticate(authHeader: string, activity: Activity): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs `logic` for an activity whose request has been authenticated. */
  runAuthenticated(
    authentication: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}
