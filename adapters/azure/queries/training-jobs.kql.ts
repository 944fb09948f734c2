import type { KqlQuery } from './kql-query';

/**
 * Answers "which training jobs ran in the window, in what state, and why did the failed ones fail".
 * Needs the workspace's AmlComputeJobEvent table (diagnostic setting "AmlComputeJobEvent" on the
 * ML workspace). The window is the query's timespan.
 *
 * The table reference describes no column values. Its published sample queries compare EventType
 * with "JobFailed" and OperationName with "JobSubmitted" and "JobSucceeded", so each event name is
 * looked for in both columns. No published source names an event for a job that has started
 * running: "JobRunning" is an assumption (a job without it reads as queued until it ends), and the
 * reference documents no event for a cancellation, so a job counts as canceled when its last
 * execution state says so. The table has no column for the submitting user, so the query returns none.
 */
export const trainingJobsQuery: KqlQuery = {
  name: 'training-jobs',
  table: 'AmlComputeJobEvent',
  text: `// opsbot-query: training-jobs
AmlComputeJobEvent
| where isnotempty(JobId)
| summarize StartedAt = min(TimeGenerated), LastSeen = max(TimeGenerated),
    Failed = countif(EventType == "JobFailed" or OperationName == "JobFailed"),
    Succeeded = countif(EventType == "JobSucceeded" or OperationName == "JobSucceeded"),
    Running = countif(EventType == "JobRunning" or OperationName == "JobRunning"),
    ErrorMessage = take_anyif(JobErrorMessage, isnotempty(JobErrorMessage)),
    arg_max(TimeGenerated, ExecutionState, JobName, ClusterName) by JobId
| extend Status = case(ExecutionState contains "cancel", "canceled", Failed > 0, "failed",
    Succeeded > 0, "completed", Running > 0, "running", "queued")
| project JobId, DisplayName = JobName, Compute = ClusterName, Status, StartedAt,
    EndedAt = iff(Status in ("completed", "failed", "canceled"), LastSeen, datetime(null)),
    FailureReason = iff(Status == "failed", coalesce(ErrorMessage, ""), "")
| order by StartedAt desc`,
};
