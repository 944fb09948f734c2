import { z } from 'zod/v4';
import { defineSkill, operators } from '../skill';

/**
 * State-changing skills on the landing zone. Declared here so that routing, help and the audit log
 * know them; they have no `run` until the approval flow exists, so `runSkill()` answers that they
 * are not enabled yet.
 */
export const computeStart = defineSkill({
  id: 'compute.start',
  usage: 'start <cluster>',
  title: 'Start or pre-warm a compute',
  description: 'Start a compute instance, or pre-warm a cluster by raising its minimum nodes.',
  examples: [
    'start cpu-cluster-01',
    'pre-warm the gpu cluster before the big training run',
    'spin up the GPU nodes please',
    'warm up cpu cluster',
    'can you start the gpu cluster',
    'bring gpu-cluster-01 online',
    'prewarm gpu cluster, a large job is coming',
    'power on the cpu compute',
    'wake the gpu cluster up',
  ],
  params: z.object({ cluster: z.string().min(1).describe('Compute name from the landing-zone config') }),
  kind: 'change',
  changeType: 'standard',
  roles: operators,
});

export const computeStop = defineSkill({
  id: 'compute.stop',
  usage: 'stop <cluster>',
  title: 'Stop a compute or scale it to zero',
  description: 'Stop a compute instance, or scale a cluster down to zero nodes to save cost.',
  examples: [
    'stop gpu-cluster-01',
    'scale the gpu cluster down to zero',
    'shut down the cpu cluster',
    'turn off the gpu nodes to save money',
    'stop the cpu compute for the night',
    'power down gpu cluster',
    'scale cpu-cluster-01 to zero nodes',
    'we are done with training, stop the gpu cluster',
    'release the idle gpu nodes',
  ],
  params: z.object({ cluster: z.string().min(1).describe('Compute name from the landing-zone config') }),
  kind: 'change',
  changeType: 'standard',
  roles: operators,
});

export const endpointScale = defineSkill({
  id: 'endpoint.scale',
  usage: 'scale <endpoint> [deployment] <instances>',
  title: 'Scale an endpoint deployment',
  description: "Set an online deployment's instance count; outside the autoscale bounds it is a normal change.",
  examples: [
    'scale fraud-detection to 6 instances',
    'bump the fraud endpoint up to 8 nodes',
    'set blue deployment of fraud-detection to 5 instances',
    'increase fraud detection instances to ten',
    'scale the fraud model down to 3 instances',
    'give fraud-detection green 4 instances',
    'resize the fraud endpoint to 7 replicas',
    'run fraud-detection on 12 instances',
    'reduce the fraud detection deployment to four instances',
  ],
  params: z.object({
    endpoint: z.string().min(1).describe('Online endpoint name'),
    deployment: z.string().min(1).optional().describe('Deployment name; the one taking traffic when absent'),
    instances: z.number().int().min(0).max(50).describe('Instance count to set'),
  }),
  kind: 'change',
  changeType: 'standard',
  roles: operators,
});

export const secretRotate = defineSkill({
  id: 'secret.rotate',
  usage: 'rotate <secret>',
  title: 'Rotate an API key',
  description:
    'Regenerate the standby key, store it in Key Vault, verify it, then regenerate the other key (a normal change).',
  examples: [
    'rotate the azure openai key',
    'rotate aoai-api-key',
    'the openai api key leaked, rotate it',
    'time to rotate the aoai key',
    'regenerate the openai keys and update key vault',
    'do the key rotation for azure openai',
    'cycle the api key for openai',
    'please rotate the openai secret in the vault',
  ],
  params: z.object({ secret: z.string().min(1).describe('Secret name from the landing-zone config') }),
  kind: 'change',
  changeType: 'normal',
  roles: [...operators, 'security'],
});

export const changeSkills = [computeStart, computeStop, endpointScale, secretRotate];
