import { statusAlerts } from './alerts-status.skill';
import { statusCompute } from './compute-status.skill';
import { statusEndpoint } from './endpoint-status.skill';
import { statusJobs } from './jobs-status.skill';
import { statusQuota } from './quota-status.skill';
import { statusOverview } from './status-overview.skill';

/** Read-only status skills; each is declared beside its `run`, in its own module. */
export const statusSkills = [
  statusOverview,
  statusEndpoint,
  statusCompute,
  statusJobs,
  statusQuota,
  statusAlerts,
];
