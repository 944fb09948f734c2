import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { StorageSchema } from './storage-schema';

/** A value a statement is run with; `undefined` is refused (Kysely would have dropped the column). */
export type StatementValue = string | number | bigint | null;

/** A statement built once and run with new values, each by its name. */
export interface PreparedStatement<Name extends string, Row> {
  run(values: Readonly<Record<Name, StatementValue>>): Promise<QueryResult<Row>>;
}

/**
 * Builds and compiles a statement with Kysely once, with a stand-in for each named value, and runs
 * the same SQL text with new values every time after. Kysely builds and compiles a query anew on every
 * call (immutable builders, a visitor over the tree) and the bot runs the same few statements on every
 * turn. The builder must use every stand-in; the SQL and where each value goes among the parameters
 * come from the dialect's own compiler, so a prepared statement holds on SQLite and PostgreSQL alike.
 */
export function prepareStatement<Name extends string, Row>(
  db: Kysely<StorageSchema>,
  names: readonly Name[],
  build: (db: Kysely<StorageSchema>, values: Readonly<Record<Name, string>>) => Compilable<Row>,
): PreparedStatement<Name, Row> {
  const standIns = Object.fromEntries(
    names.map((name) => [name, `\u0000opsbot-value:${name}\u0000`]),
  ) as Record<Name, string>;
  const compiled = build(db, standIns).compile();
  const fixed = [...compiled.parameters];
  // Where each value goes among the compiled parameters (one may appear more than once).
  const positions = names.map(
    (name) => [name, fixed.flatMap((parameter, at) => (parameter === standIns[name] ? [at] : []))] as const,
  );
  const unused = positions.find(([, at]) => at.length === 0);
  if (unused) throw new Error(`A prepared statement does not use its value "${unused[0]}": ${compiled.sql}`);
  return {
    run: async (values) => {
      const parameters = [...fixed];
      for (const [name, at] of positions) {
        const value = values[name];
        if (value === undefined)
          throw new TypeError(`The prepared statement's value "${name}" is undefined.`);
        for (const position of at) parameters[position] = value;
      }
      const query: CompiledQuery<Row> = { ...compiled, parameters };
      return db.executeQuery(query);
    },
  };
}
