import type { LandingZoneConfig } from '../../config/landing-zone.schema';
import type { ResourceKind } from '../../config/resource-names';
import type { ResourceMention } from '../entity-resolver';
import { tokenize } from '../entity-resolver';
import { editDistance } from '../edit-distance';
import { parseNumberToken } from '../number-words';
import type { Clause, VerbMatch } from './clauses';
import type { Guarded } from './guarded-skill';
import {
  attributes,
  determiners,
  kindNouns,
  pronouns,
  purposeVerbs,
  purposeWords,
  runOnSubject,
  trailingWords,
} from './gate-words';
import type { ChangeGateInput, ChangeGateVerdict } from './verdict';
import { courtesyLead } from '../mood/conditional.mood';

/*
 * What a change acts on: one resource of the skill's kind, read from the resources found in the message.
 */

/**
 * What a change's verb acts on: a resource of the skill's kind named in the message (or the kind
 * itself, "the cluster", for the clarify dialog to ask which), and what may follow it in the request.
 */
export class ResourceObjects {
  private readonly deployments: ReadonlySet<string>;
  private readonly secretComponents: ReadonlySet<string>;
  /** Words of the vaults the secrets live in ("… the key in kv-prod-eus2-ai-01"). */
  private readonly vaults: ReadonlySet<string>;
  private readonly vaultNames: ReadonlySet<string>;

  constructor(config: LandingZoneConfig) {
    this.deployments = new Set(
      config.endpoints.flatMap((e) => e.deployments.map((d) => d.name.toLowerCase())),
    );
    this.secretComponents = new Set(config.secrets.map((s) => s.account));
    this.vaults = new Set(config.secrets.flatMap((s) => tokenize(s.vault)));
    this.vaultNames = new Set(config.secrets.map((s) => s.vault));
  }

  /**
   * Whether a passive request's subject is one resource of the kind and nothing else ("the gpu
   * cluster", "gpu-cluster-01"), not "the jobs on gpu-cluster-01" or "diego thinks gpu-cluster-01".
   */
  subjectIsResource(kind: ResourceKind, input: ChangeGateInput, clause: Clause, subject: string[]): boolean {
    const at = clause.tokens.join(' ').indexOf(subject.join(' '));
    if (at < 0 || subject.length === 0) return false;
    const first = clause.start + tokenize(clause.tokens.join(' ').slice(0, at)).length;
    const last = first + subject.length;
    const mention = input.mentions.find((m) => m.start >= first && m.end <= last && this.fits(kind, m));
    if (!mention) return false;
    for (let i = first; i < last; i += 1) {
      if (i >= mention.start && i < mention.end) continue;
      const token = clause.tokens[i - clause.start];
      if (!determiners.has(token) && !kindNouns[kind].has(token) && token !== 'please') return false;
    }
    return true;
  }

  /**
   * A scale request without a verb, only the endpoint or deployment and its new count: "fraud blue
   * to 5" (the router reads "fraud blue → 5" and "fraud x5" so).
   */
  terseScale(clause: Clause, input: ChangeGateInput): boolean {
    const t = [...clause.tokens];
    while (
      t.length > 2 &&
      /^(?:now|please|pls|plz|asap|thanks|thx|urgently|immediately)$/.test(t[t.length - 1])
    )
      t.pop();
    const to = t.lastIndexOf('to');
    // "fraud endpoint 8 instances": the count right after the endpoint.
    const bare = input.mentions.find((m) => m.start === clause.start && m.kind === 'endpoint');
    if (bare && to < 0) {
      const after = t.slice(bare.end - clause.start);
      return (
        after.length === 2 &&
        parseNumberToken(after[0]) !== undefined &&
        /^(?:instances?|replicas?|nodes?)$/.test(after[1])
      );
    }
    const count = parseNumberToken(t[to + 1] ?? '');
    if (to < 1 || count === undefined || t.length > to + 3) return false;
    if (t.length === to + 3 && !/^(instances?|replicas?|nodes?|copies)$/.test(t[to + 2])) return false;
    let named = false;
    for (let i = 0; i < to; i += 1) {
      const mention = input.mentions.find((m) => m.start === clause.start + i);
      if (mention) {
        if (mention.kind !== 'endpoint') return false;
        named = true;
        i = mention.end - clause.start - 1;
      } else if (this.deployments.has(t[i])) named = true;
      else if (!determiners.has(t[i]) && !kindNouns.endpoint.has(t[i])) return false;
    }
    return named;
  }

  /**
   * A change without a verb, the resource and its new state only: "gpu cluster off pls",
   * "cpu-cluster-01 up", "gpu cluster -> 0 nodes".
   */
  terseState(kind: ResourceKind, state: RegExp, clause: Clause, input: ChangeGateInput): boolean {
    const t = clause.tokens;
    const mention = input.mentions.find((m) => m.start === clause.start && m.kind === kind);
    if (!mention) return false;
    const rest = t
      .slice(mention.end - clause.start)
      .filter((w) => !/^(?:pls|please|plz|now|asap|rn|thanks|thx)$/.test(w))
      .join(' ');
    return state.test(rest);
  }

  /** Checks what the verb acts on: a resource of the skill's kind, the kind itself, or "it" for one named. */
  object(
    kind: ResourceKind,
    { fillers, nominal }: Pick<Guarded, 'fillers' | 'nominal'>,
    input: ChangeGateInput,
    clause: Clause,
    match: VerbMatch,
    previous: Clause | undefined,
  ): ChangeGateVerdict {
    const named = input.mentions.some((m) => this.fits(kind, m));
    for (let i = match.objectFrom; i < match.objectTo; i += 1) {
      const token = clause.tokens[i];
      const global = clause.start + i;
      const mention = input.mentions.find((m) => m.start === global);
      if (mention) {
        if (!this.fits(kind, mention)) return { allowed: false, refusal: 'wrong-resource' };
        // "regenerate my api key", "an api key for me": somebody's own or a new one.
        if (/^(?:my|an|a|another|new|some)$/.test(clause.tokens[i - 1] ?? ''))
          return { allowed: false, refusal: 'wrong-resource' };
        const following = mention.end - clause.start;
        const next = clause.tokens[clause.tokens[following] === 's' ? following + 1 : following];
        const after =
          next !== undefined && kindNouns[kind].has(next)
            ? clause.tokens[mention.end - clause.start + 1]
            : next;
        if (after !== undefined && attributes.has(after))
          return { allowed: false, refusal: 'wrong-resource' };
        return this.rest(kind, fillers, input, clause, match, mention.end - clause.start, {
          allowed: true,
          resource: 'named',
        });
      }
      if (determiners.has(token)) continue;
      // A deployment of the config ("blue") or the kind itself ("the cluster"): the dialog may ask which.
      const deployment = kind === 'endpoint' && this.deployments.has(token);
      if (deployment || kindNouns[kind].has(token)) {
        // "a vm for me", "my api key", "another deployment": a new or personal one, not the landing zone's.
        if (
          !deployment &&
          /^(?:a|an|another|new|my|some|extra)$/.test(clause.tokens[i - 1] ?? '') &&
          !named &&
          clause.tokens[i + 1] !== 'rotation'
        )
          return { allowed: false, refusal: 'wrong-resource' };
        const after = clause.tokens[i + 1];
        if (after !== undefined && attributes.has(after))
          return { allowed: false, refusal: 'wrong-resource' };
        return this.rest(kind, fillers, input, clause, match, i + 1, {
          allowed: true,
          resource: named ? 'named' : 'generic',
        });
      }
      if (pronouns.has(token)) {
        if (named)
          return this.rest(kind, fillers, input, clause, match, i + 1, { allowed: true, resource: 'named' });
        // "the key got pasted in a public channel, rotate it": "it" is the kind an earlier clause named.
        const earlier = tokenize(input.lower).slice(0, clause.start);
        return earlier.some((t) => kindNouns[kind].has(t))
          ? { allowed: true, resource: 'generic' }
          : { allowed: false, refusal: 'no-resource' };
      }
      if (
        (match.nominal && (trailingWords.has(token) || nominal.has(token))) ||
        fillers?.has(token) ||
        (named &&
          /^(?:asap|now|please|pls|immediately|urgently|quickly|again|too|today|tonight)$/.test(token)) ||
        (kind === 'endpoint' && parseNumberToken(token) !== undefined)
      )
        continue;
      // "scale to 2 for the canary": the words after a purpose are not the object.
      const afterPurpose = clause.tokens.slice(match.objectFrom, i).some((t) => purposeWords.has(t));
      if (afterPurpose && !clause.tokens.slice(i).some((t) => attributes.has(t)))
        return named ? { allowed: true, resource: 'named' } : { allowed: false, refusal: 'no-resource' };
      return { allowed: false, refusal: attributes.has(token) ? 'wrong-resource' : 'not-requested' };
    }
    if (!named) return { allowed: false, refusal: 'no-resource' };
    // The verb alone in its clause ("Stop! gpu-cluster-01 is still running jobs") acts only on a
    // resource named alone just before it ("gpu-cluster-01 - stop").
    if (match.objectFrom >= clause.tokens.length && match.end >= clause.tokens.length) {
      return previous && this.onlyResource(kind, input, previous)
        ? { allowed: true, resource: 'named' }
        : { allowed: false, refusal: 'no-resource' };
    }
    return this.rest(kind, fillers, input, clause, match, match.objectTo, {
      allowed: true,
      resource: 'named',
    });
  }

  /**
   * What follows a change's object must belong to the request: counts and instance words for a scale,
   * the verb's own particle ("spin … up"), courtesy and "now". "give fraud 5 minutes to recover",
   * "stop gpu-cluster-01 emails", "the api key in my notebook config", "scale fraud to 10:30" ask for
   * something else. A purpose ("… for the canary") ends what is read.
   */
  rest(
    kind: ResourceKind,
    fillers: ReadonlySet<string> | undefined,
    input: ChangeGateInput,
    clause: Clause,
    match: VerbMatch,
    from: number,
    verdict: ChangeGateVerdict,
  ): ChangeGateVerdict {
    const tokens = clause.tokens;
    let numbers = 0;
    for (let i = from; i < tokens.length; i += 1) {
      if (i >= match.objectTo && i < match.end) continue;
      const token = tokens[i];
      const mention = input.mentions.find((m) => m.start === clause.start + i);
      if (mention) {
        const vault = kind === 'secret' && this.vaultNames.has(mention.canonical);
        if (!this.fits(kind, mention) && !vault) return { allowed: false, refusal: 'wrong-resource' };
        i = mention.end - clause.start - 1;
        continue;
      }
      const polite = courtesyLead.exec(tokens.slice(i).join(' '));
      if (polite) {
        i += tokenize(polite[0]).length - 1;
        continue;
      }
      if (token === 'for' || (token === 'of' && kind === 'secret')) {
        // "… for the aks cluster" names what the action is for: read on; "… for the canary" is a purpose.
        let j = i + 1;
        while (determiners.has(tokens[j] ?? '')) j += 1;
        if (input.mentions.some((m) => m.start === clause.start + j)) {
          i = j - 1;
          continue;
        }
        // "stop the cluster for databricks": a resource given only by its kind, for something unknown.
        if (verdict.resource === 'generic' && !/^(?:me|us|the|a|now|today|tonight)$/.test(tokens[j] ?? ''))
          return { allowed: false, refusal: 'wrong-resource' };
        // "rotate the api key for datadog": a key of something else.
        if (
          kind === 'secret' &&
          !/^(?:me|us|the|a|audit|security|compliance|hygiene|rotation|today|now)$/.test(tokens[j] ?? '')
        )
          return { allowed: false, refusal: 'wrong-resource' };
        break;
      }
      if (purposeWords.has(token)) break;
      // A run-on sentence typed without punctuation: a new subject starts a new sentence ("… it's burning money").
      if (runOnSubject.test(tokens.slice(i, i + 2).join(' '))) break;
      // "… to save cost", "… as part of our hygiene", "… that lives in the vault", "… now that training is done".
      const next = tokens[i + 1] ?? '';
      if (token === 'to' && purposeVerbs.has(next)) break;
      if (token === 'to') {
        // "add capacity to the fraud endpoint": what follows "to" is the resource.
        let j = i + 1;
        while (determiners.has(tokens[j] ?? '')) j += 1;
        const target = input.mentions.find((m) => m.start === clause.start + j);
        if (target && this.fits(kind, target)) {
          i = target.end - clause.start - 1;
          continue;
        }
      }
      if (
        token === 'to' &&
        parseNumberToken(next) === undefined &&
        !(kind !== 'endpoint' && /^(?:a|the)$/.test(next))
      )
        return { allowed: false, refusal: 'not-requested' };
      if (/^(?:as|that|which|who|because|cos|coz|cuz)$/.test(token) || (token === 'now' && next === 'that'))
        break;
      if (token === 'from' && kind === 'endpoint' && parseNumberToken(next) !== undefined) {
        i += 1;
        continue;
      }
      if (parseNumberToken(token) !== undefined) {
        numbers += 1;
        // "to 3.5" is one count the dialog asks about again; "to 10:30" or "5 minutes" is none.
        if (
          kind !== 'endpoint' ||
          (numbers > 1 && !(/\d[.,]\d/.test(clause.text) && /^(?:scale|resize|set)$/.test(tokens[0] ?? '')))
        )
          return { allowed: false, refusal: 'not-requested' };
        continue;
      }
      if (kind === 'endpoint' && /^(?:to|at)$/.test(token) && this.deployments.has(tokens[i + 1] ?? ''))
        return { allowed: false, refusal: 'wrong-resource' };
      // A deployment the config does not know, named as one ("fraud purple 4", "the purple deployment").
      const unknownDeployment =
        kind === 'endpoint' &&
        (parseNumberToken(tokens[i + 1] ?? '') !== undefined ||
          /^(?:deployment|slot)$/.test(tokens[i + 1] ?? '') ||
          /^(?:deployment|slot)$/.test(tokens[i - 1] ?? ''));
      if (unknownDeployment && !attributes.has(token) && /^[a-z][a-z0-9]{1,31}$/.test(token)) continue;
      if (kind === 'secret' && this.vaults.has(token)) continue;
      if (
        trailingWords.has(token) ||
        [...kindNouns[kind]].some(
          (noun) => noun.length >= 7 && token.length >= 4 && editDistance(token, noun) <= 2,
        ) ||
        determiners.has(token) ||
        pronouns.has(token) ||
        kindNouns[kind].has(token) ||
        fillers?.has(token) ||
        (kind === 'endpoint' && this.deployments.has(token))
      )
        continue;
      return { allowed: false, refusal: attributes.has(token) ? 'wrong-resource' : 'not-requested' };
    }
    return verdict;
  }

  /** Whether a clause names one resource of any kind and nothing else ("… and cpu-cluster-01"). */
  onlyAnyResource(input: ChangeGateInput, clause: Clause): boolean {
    let found = false;
    for (let i = 0; i < clause.tokens.length; i += 1) {
      const mention = input.mentions.find((m) => m.start === clause.start + i);
      if (mention) {
        found = true;
        i = mention.end - clause.start - 1;
      } else if (!determiners.has(clause.tokens[i])) return false;
    }
    return found;
  }

  /** Whether a clause names one resource of the kind and nothing else ("gpu-cluster-01", "the fraud endpoint"). */
  onlyResource(kind: ResourceKind, input: ChangeGateInput, clause: Clause): boolean {
    let found = false;
    for (let i = 0; i < clause.tokens.length; i += 1) {
      const mention = input.mentions.find((m) => m.start === clause.start + i);
      if (mention && this.fits(kind, mention)) {
        found = true;
        i = mention.end - clause.start - 1;
      } else if (!determiners.has(clause.tokens[i]) && !kindNouns[kind].has(clause.tokens[i])) return false;
    }
    return found;
  }

  /** Whether a mention is something the skill's kind can act on (a secret's account counts for its keys). */
  fits(kind: ResourceKind, mention: ResourceMention): boolean {
    if (mention.kind === kind) return true;
    return kind === 'secret' && mention.kind === 'component' && this.secretComponents.has(mention.canonical);
  }
}
