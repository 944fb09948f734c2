import type { KqlQuery } from './kql-query';

/**
 * Answers "which training jobs ran in the window, in what state, and why did the failed ones fail".
 * Needs the workspace's AmlComputeJobEvent table (diagnostic setting "AmlComputeJobEvent" on the
 * ML workspace). The window is the query's timespan. The table has no column for the submitting
 * user; `SubmittedBy` is the experiment name.
 */
export const trainingJobsQuery: KqlQuery = {
  name: 'training-jobs',
  table: 'AmlComputeJobEvent',
  text: `// opsbot-query: training-jobs
AmlComputeJobEvent
| where isnotempty(JobId)
| summarize StartedAt = min(TimeGenerated), LastSeen = max(TimeGenerated),
    arg_max(TimeGenerated, EventType, JobErrorMessage, JobName, ClusterName, ExperimentName) by JobId
| extend Status = case(EventType == "JobSucceeded", "completed", EventType == "JobFailed", "failed",
    EventType == "JobCanceled", "canceled", EventType == "JobRunning", "running", "queued")
| project JobId, DisplayName = JobName, Compute = ClusterName, Status, SubmittedBy = ExperimentName, StartedAt,
    EndedAt = iff(Status in ("completed", "failed", "canceled"), LastSeen, datetime(null)),
    FailureReason = iff(Status == "failed", JobErrorMessage, "")
| order by StartedAt desc`,
};
