import type { KqlQuery } from './kql-query';

/**
 * Answers "which training jobs ran in the window, in what state, and why did the failed ones fail".
 * Needs the workspace's AmlComputeJobEvent table (diagnostic setting "AmlComputeJobEvent" on the
 * ML workspace). The window is the query's timespan. The state follows the documented event types
 * (JobSubmitted, JobRunning, JobSucceeded, JobFailed); the reference documents no event for a
 * cancellation, so a job counts as canceled when its last execution state says so. The table has no
 * column for the submitting user, so the query returns none.
 */
export const trainingJobsQuery: KqlQuery = {
  name: 'training-jobs',
  table: 'AmlComputeJobEvent',
  text: `// opsbot-query: training-jobs
AmlComputeJobEvent
| where isnotempty(JobId)
| summarize StartedAt = min(TimeGenerated), LastSeen = max(TimeGenerated),
    arg_max(TimeGenerated, EventType, ExecutionState, JobErrorMessage, JobName, ClusterName) by JobId
| extend Status = case(ExecutionState contains "cancel", "canceled", EventType == "JobSucceeded", "completed",
    EventType == "JobFailed", "failed", EventType == "JobRunning", "running", "queued")
| project JobId, DisplayName = JobName, Compute = ClusterName, Status, StartedAt,
    EndedAt = iff(Status in ("completed", "failed", "canceled"), LastSeen, datetime(null)),
    FailureReason = iff(Status == "failed", JobErrorMessage, "")
| order by StartedAt desc`,
};
