import type { ChangeOutcome, ChangeRequest, ChangeStepProgress } from '../../core/changes/change-request';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { UserFacingError } from '../../core/errors';
import type { LandingZoneOperator, OperationResult } from '../../core/ports';

/** Least time between two progress updates of the card while an operation runs. */
const progressIntervalInMs = 2_000;

/** Told about every step as it starts, finishes or fails, so the card can show it. */
export type StepListener = (steps: ChangeStepProgress[]) => Promise<void> | void;

/**
 * Carries out an approved change on the landing zone with the arguments stored on the change (never
 * anything from a card). Steps already done in an earlier, interrupted run (`change.outcome.steps`)
 * are skipped, so a failed key rotation resumes where it stopped. Never throws for a failed step: the
 * outcome says which step failed and why. No key value is returned, logged or stored.
 */
export async function applyChange(
  change: ChangeRequest,
  operator: LandingZoneOperator,
  config: LandingZoneConfig,
  onSteps: StepListener = () => undefined,
  waitBudgetInMs?: number,
): Promise<ChangeOutcome> {
  const titles = change.plan.steps;
  const steps: ChangeStepProgress[] = titles.map((step) => {
    const earlier = change.outcome?.steps.find((s) => s.step === step);
    return earlier?.state === 'done' ? earlier : { step, state: 'running' as const };
  });
  const actions = operationsOf(change, operator, config);
  let last: OperationResult | undefined;
  // The latest progress line of a long-running operation shows on its step, at most every 2 s.
  let lastShown = 0;
  const showProgress = (i: number, message: string) => {
    steps[i] = { step: titles[i], state: 'running', detail: message.slice(0, 200) };
    if (Date.now() - lastShown < progressIntervalInMs) return;
    lastShown = Date.now();
    void Promise.resolve(onSteps(steps.slice(0, i + 1))).catch(() => undefined);
  };
  for (let i = 0; i < titles.length; i++) {
    if (steps[i].state === 'done') continue;
    steps[i] = { step: titles[i], state: 'running' };
    await onSteps(steps.slice(0, i + 1));
    try {
      last = await actions[i]({
        onProgress: (message) => showProgress(i, message),
        ...(waitBudgetInMs ? { waitBudgetInMs } : {}),
      });
      if (last.status === 'failed') throw new UserFacingError('OPS-405', last.summary);
      steps[i] = {
        step: titles[i],
        state: 'done',
        detail: last.status === 'in-progress' ? `${last.summary} (still in progress)` : last.summary,
      };
    } catch (error) {
      steps[i] = { step: titles[i], state: 'failed', detail: describe(error) };
      await onSteps(steps);
      return {
        status: 'failed',
        summary:
          titles.length > 1
            ? `Step ${i + 1} of ${titles.length} failed: ${describe(error)} Steps before it are done; running the change again resumes at this step.`
            : `The change failed: ${describe(error)}`,
        ...(last?.operationId ? { operationId: last.operationId } : {}),
        steps,
      };
    }
    await onSteps(steps.slice(0, i + 1));
  }
  return {
    status: last?.status === 'in-progress' ? 'in-progress' : 'succeeded',
    summary: steps.map((s) => s.detail ?? s.step).join('; '),
    ...(last?.operationId ? { operationId: last.operationId } : {}),
    steps,
  };
}

type Operation = (options: {
  onProgress: (message: string) => void;
  waitBudgetInMs?: number;
}) => Promise<OperationResult>;

function operationsOf(
  change: ChangeRequest,
  operator: LandingZoneOperator,
  config: LandingZoneConfig,
): Operation[] {
  const args = change.args;
  switch (change.skill) {
    case 'compute.start':
    case 'compute.stop': {
      const name = String(args.cluster);
      const compute = config.computes.find((c) => c.name === name);
      if (compute?.kind === 'computeinstance') {
        return [
          (options) =>
            change.skill === 'compute.start'
              ? operator.startComputeInstance(name, options)
              : operator.stopComputeInstance(name, options),
        ];
      }
      const minNodes = Number(args.minNodes);
      const maxNodes = Number(args.maxNodes);
      return [(options) => operator.setComputeScale(name, { minNodes, maxNodes }, options)];
    }
    case 'endpoint.scale':
      return [
        (options) =>
          operator.setDeploymentInstances(
            String(args.endpoint),
            String(args.deployment),
            Number(args.instances),
            options,
          ),
      ];
    case 'secret.rotate': {
      const secret = config.secrets.find((s) => s.name === args.secret);
      if (!secret) {
        return [
          () =>
            Promise.reject(
              new UserFacingError('OPS-401', `The secret ${String(args.secret)} is not configured.`),
            ),
        ];
      }
      // The new standby key is held in this closure only between steps 1 and 2, and never logged or stored
      // elsewhere. A run resumed at step 2 has lost it, so it regenerates key2 again first.
      let standbyKey: string | undefined;
      const regenerateStandby = () =>
        operator.regenerateAccountKey(secret.account, 'key2', (value) => {
          standbyKey = value;
          return Promise.resolve();
        });
      return [
        regenerateStandby,
        async () => {
          if (standbyKey === undefined) await regenerateStandby();
          const stored = await operator.setSecret(secret.vault, secret.name, standbyKey!);
          standbyKey = undefined;
          return stored;
        },
        () => operator.verifyAccountKey(secret.account, secret.vault, secret.name),
        () => operator.regenerateAccountKey(secret.account, 'key1', () => Promise.resolve()),
      ];
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
