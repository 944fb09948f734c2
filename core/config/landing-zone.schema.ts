import { z } from 'zod/v4';

/**
 * The schema of `config/landing-zone.yaml`: the landing zone's resources, baselines, alert rules,
 * severity matrix, escalation path, change policy and the people → roles roster. Validated at start;
 * `bot/config.ts` turns a failure into an error naming the file, the path and the problem.
 */

const name = z.string().min(1);
const aliases = z.array(z.string().min(1)).default([]);
/** The environment a resource belongs to; unset means the landing zone's own environment. */
const Environment = z.enum(['production', 'development']);
const environment = Environment.optional();

/** Roles a person can hold. Skill declarations and the policy name them. */
export const roleIds = [
  'viewer',
  'l1',
  'l2',
  'l3',
  'security',
  'platform-architect',
  'cab',
  'it-director',
  'team-lead',
] as const;
export const RoleId = z.enum(roleIds);
export type RoleId = z.infer<typeof RoleId>;

const ComputeConfig = z.object({
  name,
  kind: z.enum(['amlcompute', 'computeinstance']),
  vmSize: name,
  vmFamily: name,
  minNodes: z.number().int().min(0),
  maxNodes: z.number().int().min(1),
  /** Nodes a pre-warm sets as the minimum. */
  prewarmNodes: z.number().int().min(1).optional(),
  environment,
  aliases,
});

const DeploymentConfig = z.object({
  name,
  vmSize: name,
  instances: z.number().int().min(1),
  trafficPercent: z.number().min(0).max(100),
});

const EndpointConfig = z.object({
  name,
  environment,
  aliases,
  deployments: z.array(DeploymentConfig).min(1),
  autoscale: z.object({
    minInstances: z.number().int().min(1),
    maxInstances: z.number().int().min(1),
    cpuThresholdPercent: z.number().min(1).max(100),
    scaleOutStep: z.number().int().min(1),
    scaleInStep: z.number().int().min(1),
  }),
});

const ComponentConfig = z.object({
  name,
  kind: z.enum(['ml-workspace', 'openai', 'data-lake', 'key-vault', 'aks', 'container-registry']),
  purpose: z.string(),
  aliases,
});

const SecretConfig = z.object({
  name,
  /** The account whose keys the secret holds. */
  account: name,
  vault: name,
  environment,
  aliases,
});

const Band = z.object({ target: z.number(), acceptable: z.number(), critical: z.number() });

const AlertRuleConfig = z.object({
  id: name,
  name,
  condition: name,
  action: name,
  owner: name,
});

const SeverityConfig = z.object({
  id: z.enum(['P1', 'P2', 'P3', 'P4']),
  name,
  meaning: name,
  /** Minutes to first response; 0 = immediate. */
  responseMinutes: z.number().int().min(0),
  /** Response counted in business hours (P4: one business day). */
  businessHours: z.boolean().default(false),
  /** Tier an incident of this severity starts at. */
  startTier: name,
  page: z.boolean(),
});

const TierConfig = z.object({
  id: name,
  name,
  contact: name,
  channel: z.enum(['servicenow', 'pagerduty', 'email', 'on-call']),
  availability: name,
  /** Minutes without acknowledgement before the next tier is called. */
  escalateAfterMinutes: z.number().int().min(1),
  /** Roster role whose people are @mentioned when the incident reaches this tier. */
  role: RoleId.optional(),
});

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const WindowConfig = z.object({
  days: z
    .array(z.enum(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']))
    .min(1),
  start: z.string().regex(clockTime, 'expected HH:MM (00:00–23:59)'),
  end: z.string().regex(clockTime, 'expected HH:MM (00:00–23:59)'),
  timeZone: name.refine(isTimeZone, {
    error: (issue) =>
      `unknown time zone "${String(issue.input)}"; expected an IANA name such as America/New_York`,
  }),
});

const PersonConfig = z.object({
  aadObjectId: z.string().regex(/^[0-9a-fA-F-]{36,37}$/, 'expected an Entra object id (GUID)'),
  name,
  email: z.string().optional(),
  roles: z.array(RoleId).min(1),
});

// Strict at the top level: a misspelt section (or one this version does not support yet, such as
// Entra group → role mapping) is an error, not silently ignored.
export const LandingZoneConfig = z
  .strictObject({
    landingZone: z.object({
      name,
      environment: Environment,
      subscriptionId: name,
      resourceGroup: name,
      location: name,
      workspace: name,
      logAnalyticsWorkspaceId: name,
    }),
    components: z.array(ComponentConfig).min(1),
    computes: z.array(ComputeConfig).min(1),
    endpoints: z.array(EndpointConfig).min(1),
    secrets: z.array(SecretConfig).default([]),
    baselines: z.object({
      inferenceLatencyP95Ms: Band,
      trainingSuccessPercent: Band,
      endpointAvailabilityPercent: Band,
      dataPipelineSuccessPercent: Band,
    }),
    thresholds: z.object({
      trainingFailuresPerHour: z.number().int().min(1),
      costAnomalyPercent: z.number().min(100),
      storageNearCapacityPercent: z.number().min(1).max(100),
      cpuSustainedPercent: z.number().min(1).max(100),
      gpuSustainedPercent: z.number().min(1).max(100),
      quotaNearLimitPercent: z.number().min(1).max(100).default(80),
    }),
    alertRules: z.array(AlertRuleConfig).min(1),
    severities: z.array(SeverityConfig).length(4),
    escalationPath: z.array(TierConfig).min(1),
    securityTeam: z.object({
      contact: name,
      channel: z.enum(['pagerduty', 'email']),
      role: RoleId.optional(),
    }),
    /** When 8/5 tiers work and business-hour response targets (P4) run. */
    businessHours: WindowConfig.default({
      days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
      start: '09:00',
      end: '17:00',
      timeZone: 'America/New_York',
    }),
    changePolicy: z.object({
      productionWindow: WindowConfig,
      blackouts: z.array(z.enum(['month-end', 'quarter-end', 'year-end'])),
      /** Days at the end of a month that count as month-end. */
      monthEndDays: z.number().int().min(1).max(7),
      approvalExpiryMinutes: z.number().int().min(1),
      normalApproverRoles: z.array(RoleId).min(1),
      emergencyApproverRoles: z.array(RoleId).min(1),
      /** Who approves a normal change on a development resource (one of them). */
      developmentApproverRoles: z.array(RoleId).min(1).default(['team-lead']),
      /** Limits no approval lifts. */
      hardLimits: z
        .object({
          /** Fewest instances a deployment may be scaled to. */
          minInstances: z.number().int().min(0).default(1),
        })
        .default({ minInstances: 1 }),
    }),
    people: z.array(PersonConfig).default([]),
  })
  .superRefine((config, ctx) => {
    const tiers = new Set(config.escalationPath.map((t) => t.id));
    config.severities.forEach((s, i) => {
      if (!tiers.has(s.startTier)) {
        ctx.addIssue({
          code: 'custom',
          path: ['severities', i, 'startTier'],
          message: `unknown tier "${s.startTier}"; the escalation path has ${[...tiers].join(', ')}`,
        });
      }
    });
    config.computes.forEach((c, i) => {
      if (c.minNodes > c.maxNodes) {
        ctx.addIssue({
          code: 'custom',
          path: ['computes', i, 'minNodes'],
          message: 'minNodes is above maxNodes',
        });
      }
    });
    config.endpoints.forEach((e, i) => {
      if (e.autoscale.minInstances > e.autoscale.maxInstances) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoints', i, 'autoscale', 'minInstances'],
          message: 'minInstances is above maxInstances',
        });
      }
    });
    const seen = new Map<string, string>();
    const claim = (alias: string, owner: string, path: (string | number)[]) => {
      const key = alias.toLowerCase();
      const other = seen.get(key);
      if (other && other !== owner) {
        ctx.addIssue({ code: 'custom', path, message: `"${alias}" names both ${other} and ${owner}` });
      }
      seen.set(key, owner);
    };
    const lists = [
      ['components', config.components],
      ['computes', config.computes],
      ['endpoints', config.endpoints],
      ['secrets', config.secrets],
    ] as const;
    for (const [listName, list] of lists) {
      list.forEach((r, i) => {
        claim(r.name, r.name, [listName, i, 'name']);
        r.aliases.forEach((a, j) => claim(a, r.name, [listName, i, 'aliases', j]));
      });
    }
    const approverLists = [
      'normalApproverRoles',
      'emergencyApproverRoles',
      'developmentApproverRoles',
    ] as const;
    for (const list of approverLists) {
      config.changePolicy[list].forEach((role, i) => {
        if (config.changePolicy[list].indexOf(role) !== i) {
          ctx.addIssue({
            code: 'custom',
            path: ['changePolicy', list, i],
            message: `"${role}" is listed twice; each role names one approval`,
          });
        }
      });
    }
    const ids = new Set<string>();
    config.people.forEach((p, i) => {
      const id = p.aadObjectId.toLowerCase();
      if (ids.has(id))
        ctx.addIssue({ code: 'custom', path: ['people', i, 'aadObjectId'], message: 'listed twice' });
      ids.add(id);
    });
  });

export type LandingZoneConfig = z.infer<typeof LandingZoneConfig>;
export type ComputeConfig = z.infer<typeof ComputeConfig>;
export type EndpointConfig = z.infer<typeof EndpointConfig>;
export type ComponentConfig = z.infer<typeof ComponentConfig>;
export type SecretConfig = z.infer<typeof SecretConfig>;
export type SeverityConfig = z.infer<typeof SeverityConfig>;
export type TierConfig = z.infer<typeof TierConfig>;
export type WindowConfig = z.infer<typeof WindowConfig>;
export type Band = z.infer<typeof Band>;
