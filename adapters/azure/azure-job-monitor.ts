import { ErrorCodes, UserFacingError } from '../../core/errors';
import type { BackupReader, BackupStatus, TrainingJob, TrainingJobReader } from '../../core/ports';
import { permissionActions as perm } from './azure-permissions';
import type { AzureSession } from './azure-session';
import { str } from './azure-values';
import { queryLogs, workspaceQueryContext } from './log-analytics-query';
import { backupJobsQuery } from './queries/backup-jobs.kql';
import { trainingJobsQuery } from './queries/training-jobs.kql';

/** How far back the backup jobs are read: one week. */
const backupWindowMinutes = 7 * 24 * 60;

/**
 * The monitoring seam's job tables in Log Analytics: training job events of the workspace, and the
 * backup jobs of the landing zone.
 */
export class AzureJobMonitor implements TrainingJobReader, BackupReader {
  constructor(private readonly session: AzureSession) {}

  listTrainingJobs(options: { sinceHours: number }): Promise<TrainingJob[]> {
    const { session } = this;
    return session.read('read the training jobs', async () => {
      if (!Number.isFinite(options.sinceHours) || options.sinceHours <= 0) {
        throw new UserFacingError(
          ErrorCodes.invalidArguments,
          'The job window must be a positive number of hours.',
        );
      }
      const rows = await queryLogs(
        session,
        trainingJobsQuery,
        options.sinceHours * 60,
        workspaceQueryContext(session, 'read the training job events', perm.jobEventsQuery),
      );
      return rows.map((r) => {
        const failure = str(r.FailureReason);
        const ended = r.EndedAt ? new Date(r.EndedAt as string) : undefined;
        return {
          id: str(r.JobId),
          displayName: str(r.DisplayName) || str(r.JobId),
          compute: str(r.Compute),
          status: str(r.Status) as TrainingJob['status'],
          submittedBy: 'unknown',
          startedAt: new Date(r.StartedAt as string),
          ...(ended && !Number.isNaN(ended.getTime()) ? { endedAt: ended } : {}),
          ...(failure ? { failureReason: failure } : {}),
        };
      });
    });
  }

  listBackups(): Promise<BackupStatus[]> {
    const { session } = this;
    return session.read('read the backup jobs', async () => {
      const rows = await queryLogs(
        session,
        backupJobsQuery,
        backupWindowMinutes,
        workspaceQueryContext(session, 'read the backup jobs', perm.backupJobsQuery),
      );
      return rows.map((r) => ({
        item: str(r.Item),
        lastRunAt: new Date(r.LastRunAt as string),
        status: str(r.Status) as BackupStatus['status'],
      }));
    });
  }
}
