import { z } from 'zod/v4';
import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { ResourceKind } from '../config/resource-names';
import { listResourceNames, namesOf, resolveExactName } from '../config/resource-names';
import { tokenize } from '../routing/entity-resolver';
import { findNumbers } from '../routing/number-words';
import type { MessageReading, ParamBehaviour } from './param-kind';
import { ParamKind } from './param-kind';

/** The resources a parameter can name. A deployment belongs to the endpoint of another parameter. */
export type ResourceParamKind = 'endpoint' | 'cluster' | 'secret' | 'deployment';

const configKinds: Record<Exclude<ResourceParamKind, 'deployment'>, ResourceKind> = {
  endpoint: 'endpoint',
  cluster: 'compute',
  secret: 'secret',
};

/** Words that say which kind of resource the next word names ("status compute cpu"). */
const kindWords: Record<Exclude<ResourceParamKind, 'deployment'>, readonly string[]> = {
  endpoint: ['endpoint'],
  cluster: ['compute', 'cluster'],
  secret: ['secret', 'key'],
};

const questions: Record<Exclude<ResourceParamKind, 'deployment'>, string> = {
  endpoint: 'Which endpoint?',
  cluster: 'Which compute?',
  secret: 'Which secret?',
};

/**
 * A landing-zone resource by its configured name or an alias; in a message also misspelt ("fraud
 * detecton"), in a strict command only exact. `deployment` is one of the endpoint named by the
 * parameter `of` (default `endpoint`).
 */
export function resource(kind: ResourceParamKind, options: { of?: string } = {}): ParamKind<z.ZodString> {
  return new ParamKind(
    kind === 'deployment' ? deployment(options.of ?? 'endpoint') : named(kind),
    z.string().min(1),
  );
}

function named(kind: Exclude<ResourceParamKind, 'deployment'>): ParamBehaviour {
  const configKind = configKinds[kind];
  const isKindWord = (word: string | undefined) => kindWords[kind].includes((word ?? '').toLowerCase());
  return {
    kind: 'resource',
    resourceKind: configKind,
    maxWords: 5,
    fromCommand: (words, ctx) => {
      const exact =
        resolveExactName(ctx.config, configKind, words.join(' ')) ??
        (words.length > 1 && isKindWord(words[0])
          ? resolveExactName(ctx.config, configKind, words.slice(1).join(' '))
          : undefined);
      if (exact || !ctx.loose) return exact;
      // A read skill passes one unknown name on, so that its answer says which resources exist.
      const loose =
        words.length === 2 && isKindWord(words[0]) ? words[1] : words.length === 1 ? words[0] : undefined;
      return loose && !isKindWord(loose) ? loose : undefined;
    },
    affinity: (words, config) => {
      if (isKindWord(words[0]) && words.length > 1) return 100;
      const known = new Set([
        ...kindWords[kind],
        ...listResourceNames(config)
          .filter((r) => r.kind === configKind)
          .flatMap((r) => r.names.flatMap(tokenize)),
      ]);
      return tokenize(words.join(' ')).filter((t) => known.has(t) && !/^\d+$/.test(t)).length;
    },
    find: (message, ctx) => {
      const mention = message.mentions.find((m) => m.kind === configKind);
      if (mention) return mention.canonical;
      if (configKind !== 'secret') return undefined;
      // "rotate the openai key": the account's secret.
      const account = message.mentions.find((m) => m.kind === 'component');
      return account && ctx.config.secrets.find((s) => s.account === account.canonical)?.name;
    },
    resolve: (answer, ctx) => ctx.resolver.resolve(configKind, answer),
    ask: (_name, ctx) => ({ question: questions[kind], choices: namesOf(ctx.config, configKind) }),
    choices: (config) => namesOf(config, configKind),
  };
}

function deployment(of: string): ParamBehaviour {
  const deploymentsOf = (config: LandingZoneConfig, endpoint: unknown) =>
    config.endpoints
      .filter((e) => endpoint === undefined || e.name === endpoint)
      .flatMap((e) => e.deployments);
  return {
    kind: 'resource',
    maxWords: 1,
    fromCommand: (words, ctx) =>
      ctx.args[of] === undefined
        ? undefined
        : deploymentsOf(ctx.config, ctx.args[of]).find((d) => d.name.toLowerCase() === words[0].toLowerCase())
            ?.name,
    find: (message, ctx) =>
      ctx.resolver.findDeployment([...message.tokens], ctx.args[of] as string | undefined) ??
      namedDeployment(message),
    resolve: (answer, ctx) =>
      ctx.resolver.findDeployment(tokenize(answer), ctx.args[of] as string | undefined),
    ask: (_name, ctx) => ({
      question: 'Which deployment?',
      choices: [...new Set(deploymentsOf(ctx.config, ctx.args[of]).map((d) => d.name))],
    }),
    choices: (config) => [...new Set(deploymentsOf(config, undefined).map((d) => d.name))],
  };
}

/** Words that stand next to "deployment" or between an endpoint and a count without naming a deployment. */
const notDeploymentNames = new Set(
  'the a an this that which its it current live active new old default main endpoint of to on for in at by with up down from instances instance replicas nodes and or please'.split(
    ' ',
  ),
);

/**
 * A deployment the message names that the config does not know ("the purple deployment", "scale
 * fraud purple 4"): passed on as written so the answer shows it, never dropped in favour of the
 * deployment that takes traffic.
 */
function namedDeployment(a: MessageReading): string | undefined {
  const t = a.tokens;
  const insideMention = (i: number) => a.mentions.some((m) => i >= m.start && i < m.end);
  const candidate = (i: number) => {
    const word = t[i];
    return word && !insideMention(i) && /^[a-z][a-z0-9-]{1,31}$/.test(word) && !notDeploymentNames.has(word)
      ? word
      : undefined;
  };
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== 'deployment' && t[i] !== 'slot') continue;
    const found = candidate(i - 1) ?? candidate(i + 1);
    if (found) return found;
  }
  const endpoint = a.mentions.find((m) => m.kind === 'endpoint');
  if (endpoint && findNumbers([t[endpoint.end + 1] ?? '']).length) return candidate(endpoint.end);
  return undefined;
}
