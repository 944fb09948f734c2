import { z } from 'zod/v4';
import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { ResourceKind } from '../config/resource-names';
import type { EntityResolver, ResourceMention } from '../routing/entity-resolver';

/** What the router has read of one message, for a parameter kind to find its value in. */
export interface MessageReading {
  /** The cleaned message as typed (questions and summaries keep the user's words). */
  text: string;
  /** Lower case, spelling-corrected. */
  lower: string;
  /** `tokenize(lower)`; mentions index it. */
  tokens: readonly string[];
  mentions: readonly ResourceMention[];
}

/** What a parameter kind may use to find, resolve or ask for its value. */
export interface ParamContext {
  config: LandingZoneConfig;
  resolver: EntityResolver;
  /** The arguments read so far (the parameters declared before this one). */
  args: Readonly<Record<string, unknown>>;
  /** The words of the skill's strict command ("jobs", "status"): a bare value after them is the strict form. */
  commandWords?: readonly string[];
}

/** What a parameter kind may use to read its words of a strict command. */
export interface CommandContext {
  config: LandingZoneConfig;
  args: Readonly<Record<string, unknown>>;
  /** The command words said before this parameter. */
  lead: readonly string[];
  /** A read skill's second try: an unknown resource name passes on, so that the answer lists the known ones. */
  loose: boolean;
}

/** The clarify dialog's question for one missing parameter. */
export interface ParamQuestion {
  question: string;
  hint?: string;
  /** Answers to offer as buttons, from the config where there are any. */
  choices: string[];
}

/** How one kind of parameter behaves; `ParamKind` adds the schema and the optional flag. */
export interface ParamBehaviour {
  /** The kind's name, for errors and tests: `resource`, `count`, `hours`, … */
  kind: string;
  /** The landing-zone kind a resource parameter names; the router and the change gate look for it. */
  resourceKind?: ResourceKind;
  /** How help prints it (`<placeholder>`); the parameter's name when absent. */
  placeholder?: string;
  /** Most words its value takes in a strict command; text takes all the rest. */
  maxWords: number;
  /** The value of these words of a strict command, or undefined when they are not one. */
  fromCommand(words: readonly string[], ctx: CommandContext): unknown;
  /** How well words given for it on a read skill's second try fit (higher is better). */
  affinity?(words: readonly string[], config: LandingZoneConfig): number;
  /** For optional kinds that may stand anywhere in a strict command: the value found in its free words. */
  anywhere?(text: string): unknown;
  /** Its value in a routed message, or undefined. */
  find(message: MessageReading, ctx: ParamContext): unknown;
  /** Its value in an answer to the clarify dialog's question, or undefined. */
  resolve(answer: string, ctx: ParamContext): unknown;
  ask(name: string, ctx: ParamContext): ParamQuestion;
  /** The names its value must be one of (the LLM tool's `enum`), from the config. */
  choices?(config: LandingZoneConfig): string[];
}

/**
 * A typed parameter: its kind's behaviour plus the zod schema that `params` of a skill is derived
 * from. Immutable; `optional()`, `describe()` and `asking()` return new ones.
 */
export class ParamKind<S extends z.ZodType = z.ZodType> {
  constructor(
    readonly behaviour: ParamBehaviour,
    readonly schema: S,
    /** False when it may be left out (optional, or with a default). */
    readonly required = true,
  ) {}

  optional(): ParamKind<z.ZodOptional<S>> {
    return new ParamKind(this.behaviour, this.schema.optional(), false);
  }

  describe(description: string): ParamKind<S> {
    return new ParamKind(this.behaviour, this.schema.describe(description), this.required);
  }

  /** The same kind with another clarify question (e.g. one that shows the autoscale bounds). */
  asking(ask: ParamBehaviour['ask']): ParamKind<S> {
    return new ParamKind({ ...this.behaviour, ask }, this.schema, this.required);
  }

  placeholder(name: string): string {
    return this.behaviour.placeholder ?? name;
  }

  /** Its JSON schema for the LLM tools: the zod schema's, with an `enum` of configured names for resources. */
  jsonSchema(config: LandingZoneConfig): Record<string, unknown> {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(this.schema, { io: 'input' }) as Record<
      string,
      unknown
    >;
    const names = this.behaviour.choices?.(config);
    return names?.length ? { ...schema, enum: names } : schema;
  }
}
