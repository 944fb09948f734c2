import { ActivityTypes } from 'botbuilder';
import { z } from 'zod/v4';

/** Longest message text accepted at all; texts over the router's own limit get a polite card instead. */
export const maxTextLength = 40_000;
/** Longest display name accepted; the audit log keeps a shorter, clipped copy for people not in the roster. */
export const maxNameLength = 1_024;

const loopbackHostnames = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const knownActivityTypes = Object.values(ActivityTypes) as [string, ...string[]];

/** An error map that says `missing` for an absent required field, so the message can list them together. */
const missingOr =
  (expected: string) =>
  (issue: { input?: unknown }): string | undefined =>
    issue.input === undefined ? 'missing' : `must be ${expected}`;

const text = (max: number) =>
  z.string({ error: missingOr('a string') }).max(max, { message: `longer than ${max} characters` });
const required = (schema: z.ZodString) => schema.min(1, { message: 'missing' });
const identifier = required(text(1_024));
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();
const object = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.looseObject(shape, { error: missingOr('an object') });

const account = object({
  id: identifier,
  name: optional(text(maxNameLength)),
  aadObjectId: optional(
    text(128)
      .min(1, { message: 'empty' })
      .regex(/^[^\s\p{C}]*$/u, { message: 'not an object id (it has spaces or control characters)' }),
  ),
});

/** An Action.Execute press; only the verb and the data's ids are read, and the handler checks those. */
const cardAction = object({
  action: object({
    type: optional(text(64)),
    verb: optional(text(256)),
    data: z.unknown().optional(),
  }),
});

/**
 * The shape of an incoming activity, for the fields opsbot reads: their types and sizes. Anything else
 * is passed through untouched for the Bot Framework SDK.
 */
export const IncomingActivity = z
  .looseObject({
    type: z.enum(knownActivityTypes, { error: missingOr('an activity type') }),
    id: optional(identifier),
    channelId: required(text(64)),
    serviceUrl: required(text(2_048)),
    from: account,
    recipient: account,
    conversation: object({
      id: identifier,
      conversationType: optional(text(64)),
      isGroup: optional(z.boolean()),
      tenantId: optional(text(128)),
      name: optional(text(maxNameLength)),
    }),
    text: optional(text(maxTextLength)),
    name: optional(text(256)),
    value: z.unknown().optional(),
    replyToId: optional(identifier),
    locale: optional(text(64)),
    timestamp: optional(text(64)),
    localTimestamp: optional(text(64)),
    membersAdded: optional(z.array(account).max(500)),
    membersRemoved: optional(z.array(account).max(500)),
    entities: optional(z.array(object({ type: optional(text(256)) })).max(100)),
    attachments: optional(z.array(object({ contentType: optional(text(256)) })).max(50)),
    channelData: optional(object({})),
  })
  .superRefine((activity, ctx) => {
    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
      const parsed = cardAction.safeParse(activity.value);
      for (const issue of parsed.error?.issues ?? [])
        ctx.addIssue({ ...issue, path: ['value', ...issue.path] } as never);
    }
  });

/** What the edge found: an activity to process, or one sentence saying what is wrong with it. */
export type ActivityCheck = { ok: true; activity: Record<string, unknown> } | { ok: false; problem: string };

/**
 * Checks an incoming body against the activity schema and the service URL rules: in local mode the
 * bot replies only to this machine; in production only to `https://`.
 */
export function checkActivity(body: unknown, options: { localMode: boolean }): ActivityCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, problem: 'The body must be a JSON object (an activity).' };
  const parsed = IncomingActivity.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error.issues, body) };
  const problem = serviceUrlProblem(parsed.data.serviceUrl, options.localMode);
  return problem ? { ok: false, problem } : { ok: true, activity: parsed.data };
}

function serviceUrlProblem(value: string, localMode: boolean): string | undefined {
  let serviceUrl: URL;
  try {
    serviceUrl = new URL(value);
  } catch {
    return 'The activity serviceUrl is not a URL.';
  }
  if (localMode) {
    if (!/^https?:$/.test(serviceUrl.protocol)) return 'The activity serviceUrl must be http or https.';
    if (!loopbackHostnames.has(serviceUrl.hostname))
      return 'In local mode the bot only replies to a serviceUrl on this machine (localhost or 127.0.0.1).';
    return undefined;
  }
  if (serviceUrl.protocol !== 'https:') return 'The activity serviceUrl must be an https:// URL.';
  return undefined;
}

function describeIssues(issues: z.core.$ZodIssue[], body: object): string {
  const missing = issues.filter((i) => i.message === 'missing').map((i) => pathOf(i.path, true));
  if (missing.length) return `The activity is missing ${[...new Set(missing)].join(', ')}.`;
  const first = issues[0];
  if (first.path.length === 1 && first.path[0] === 'type' && typeof valueAt(body, ['type']) === 'string') {
    return `Unknown activity type "${String((body as { type?: unknown }).type).slice(0, 40)}".`;
  }
  const shown = issues.slice(0, 3).map((issue) => `${pathOf(issue.path)} ${explain(issue, body)}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `The activity is malformed: ${shown.join('; ')}${more}.`;
}

function explain(issue: z.core.$ZodIssue, body: object): string {
  const got = describeValue(valueAt(body, issue.path));
  if (issue.message.startsWith('must be')) return `${issue.message}, not ${got}`;
  if (issue.code === 'invalid_type') return `must be ${article(issue.expected)}, not ${got}`;
  return `is ${issue.message}`;
}

function valueAt(body: object, path: PropertyKey[]): unknown {
  let value: unknown = body;
  for (const part of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[part];
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.slice(0, 40)}"`;
  return article(typeof value);
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

function pathOf(path: PropertyKey[], missingId = false): string {
  const shown = path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
  return missingId && ['from', 'recipient', 'conversation'].includes(shown) ? `${shown}.id` : shown;
}
