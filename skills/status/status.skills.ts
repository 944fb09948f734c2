import { z } from 'zod/v4';
import { defineSkill, everyone } from '../skill';

/** Read-only status skills. `run` implementations are attached in the per-skill modules beside this file. */
export const statusOverview = defineSkill({
  id: 'status.overview',
  usage: 'status',
  title: 'Landing zone overview',
  description:
    'The daily checklist: component health, overnight training jobs, inference vs baselines, cost, security alerts, backups, cluster scale-down.',
  examples: [
    'status',
    'how is everything looking',
    'give me the morning checks',
    'is the landing zone healthy',
    'overall status please',
    'run the daily checklist',
    'anything on fire right now?',
    'health check of the whole platform',
    'quick overview of prod',
  ],
  params: z.object({}),
  kind: 'read',
  roles: everyone,
});

export const statusEndpoint = defineSkill({
  id: 'status.endpoint',
  usage: 'status <endpoint>',
  title: 'Endpoint status',
  description: 'One online endpoint: deployments, instances, traffic split, P95 latency, error rate, availability.',
  examples: [
    'status fraud-detection',
    'how is the fraud endpoint doing',
    'is fraud-detection healthy',
    'latency of the fraud model',
    'show me the fraud detection endpoint',
    'what is the error rate on fraud-detection',
    'how many instances does the fraud endpoint have',
    'check the inference endpoint for fraud',
    'traffic split on fraud-detection',
  ],
  params: z.object({ endpoint: z.string().min(1).describe('Online endpoint name') }),
  kind: 'read',
  roles: everyone,
});

export const statusCompute = defineSkill({
  id: 'status.compute',
  usage: 'status <cluster>',
  title: 'Compute status',
  description: 'One compute: state, nodes (current/min/max), VM size, running jobs.',
  examples: [
    'status gpu-cluster-01',
    'how is the gpu cluster doing',
    'is the cpu cluster running',
    'how many nodes does gpu-cluster-01 have',
    'state of the cpu cluster',
    'is anything running on the gpu nodes',
    'check cpu-cluster-01',
    'did the gpu cluster scale down',
    'gpu cluster utilisation',
  ],
  params: z.object({ cluster: z.string().min(1).describe('Compute name') }),
  kind: 'read',
  roles: everyone,
});

export const statusJobs = defineSkill({
  id: 'status.jobs',
  usage: 'jobs [hours]',
  title: 'Training jobs',
  description: 'Training jobs in a window (default 24 hours): counts, failures with reasons.',
  examples: [
    'jobs',
    'did anything fail overnight?',
    'training jobs in the last 6 hours',
    'show failed jobs from the past 48h',
    'how did the overnight training runs go',
    'any failed training jobs today',
    'job status for the last day',
    'list the training runs of the past 12 hours',
    'why are jobs failing this week',
  ],
  params: z.object({
    hours: z.number().int().min(1).max(720).default(24).describe('Window in hours, default 24'),
  }),
  kind: 'read',
  roles: everyone,
});

export const statusQuota = defineSkill({
  id: 'status.quota',
  usage: 'quota',
  title: 'Compute quota',
  description: 'Quota usage per VM family against its limit.',
  examples: [
    'quota',
    'how much gpu quota is left',
    'are we near our core limit',
    'show compute quota usage',
    'check quota for the workspace',
    'vm family usage vs limits',
    'do we have enough quota for another gpu node',
    'quota usage please',
  ],
  params: z.object({}),
  kind: 'read',
  roles: everyone,
});

export const statusAlerts = defineSkill({
  id: 'status.alerts',
  usage: 'alerts',
  title: 'Firing alerts',
  description: 'Alerts firing now, with the rule that fired.',
  examples: [
    'alerts',
    'what alerts are firing',
    'any alerts right now?',
    'show active alerts',
    'is anything alerting',
    'which monitors are red',
    'list the current alarms',
    'did pagerduty fire anything',
  ],
  params: z.object({}),
  kind: 'read',
  roles: everyone,
});

export const statusSkills = [statusOverview, statusEndpoint, statusCompute, statusJobs, statusQuota, statusAlerts];
