import type { KqlQuery } from './kql-query';

/**
 * Answers "did last night's backups run": the latest backup job of every protected item with its
 * status. Needs the Azure Backup resource-specific tables AddonAzureBackupJobs and CoreAzureBackup
 * (Recovery Services vault diagnostic settings sent to the workspace).
 */
export const backupJobsQuery: KqlQuery = {
  name: 'backup-jobs',
  table: 'AddonAzureBackupJobs',
  text: `// opsbot-query: backup-jobs
AddonAzureBackupJobs
| where JobOperation == "Backup"
| summarize arg_max(TimeGenerated, JobStatus, JobStartDateTime) by BackupItemUniqueId
| join kind=leftouter (CoreAzureBackup
    | where OperationName == "BackupItem"
    | summarize arg_max(TimeGenerated, BackupItemFriendlyName) by BackupItemUniqueId) on BackupItemUniqueId
| project Item = coalesce(BackupItemFriendlyName, BackupItemUniqueId), LastRunAt = JobStartDateTime,
    Status = case(JobStatus in ("Completed", "CompletedWithWarnings"), "succeeded", JobStatus == "InProgress", "running", "failed")
| order by Item asc`,
};
