import { logTables } from './log-tables';

/** What the fake learns from a query's text: the tables it reads and the columns of its last `project`. */
export interface KqlShape {
  tables: string[];
  /** Output column name → the source column it copies, when it is a bare column. */
  output: { name: string; source?: string }[];
  /** `column == "value"` comparisons, for checking against the reference's documented values. */
  comparisons: { column: string; value: string }[];
}

/** A query Log Analytics would refuse, with its error code and message. */
export class KqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const keywords = new Set(
  (
    'let where summarize by project extend order asc desc join kind leftouter inner on and or not in ' +
    'has contains startswith endswith between top limit take nulls first last true false null ' +
    'datetime timespan real long int string bool dynamic with union distinct count countif sum sumif ' +
    'avg min max percentile percentiles arg_max arg_min dcount take_any take_anyif iff iif case coalesce ' +
    'todouble toint ' +
    'tolong tostring tolower toupper isnotempty isempty isnull isnotnull ago now round bin strcat ' +
    'format_datetime'
  ).split(' '),
);

/** Text without comments and string literals, which hold no identifiers. */
function code(text: string): string {
  return text.replace(/\/\/[^\n]*/g, ' ').replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/**
 * Checks a query against the table reference as Log Analytics would: every table must exist, and
 * every identifier must be a column of a table read, a name the query defines, or KQL itself.
 */
export function checkKql(text: string): KqlShape {
  const body = code(text);
  const statements = body.split(';').map((s) => s.trim());
  const defined = new Set<string>();
  for (const s of statements) {
    const m = /^let\s+([A-Za-z_]\w*)\s*=/.exec(s);
    if (m) defined.add(m[1]);
  }
  const main = statements.filter((s) => s && !/^let\s/.test(s)).join('\n');
  const tables = new Set<string>();
  const first = /^([A-Za-z_]\w*)/.exec(main)?.[1];
  if (first) tables.add(first);
  for (const m of main.matchAll(/\b(?:join[^(]*|union\s*)\(\s*([A-Za-z_]\w*)/g)) tables.add(m[1]);
  for (const t of tables) {
    if (!logTables[t])
      throw new KqlError('SemanticError', `Failed to resolve table or column expression named '${t}'`);
  }
  const columns = new Set([...tables].flatMap((t) => logTables[t].columns));
  for (const m of body.matchAll(/\b([A-Za-z_]\w*)\s*=(?!=)/g)) defined.add(m[1]);
  for (const m of body.matchAll(/\b([A-Za-z_]\w*)\b/g)) {
    const name = m[1];
    if (tables.has(name) || columns.has(name) || defined.has(name) || keywords.has(name.toLowerCase()))
      continue;
    if (/^\d/.test(name)) continue;
    throw new KqlError('SemanticError', `Failed to resolve scalar expression named '${name}'`);
  }
  const comparisons = [...text.matchAll(/\b([A-Za-z_]\w*)\s*(?:==|=~|!=)\s*"([^"]*)"/g)].map((m) => ({
    column: m[1],
    value: m[2],
  }));
  for (const m of text.matchAll(/\b([A-Za-z_]\w*)\s+in\s*\(([^)]*)\)/g)) {
    for (const v of m[2].matchAll(/"([^"]*)"/g)) comparisons.push({ column: m[1], value: v[1] });
  }
  return { tables: [...tables], output: lastProject(body), comparisons };
}

function lastProject(body: string): { name: string; source?: string }[] {
  const at = body.lastIndexOf('| project ');
  if (at < 0) return [];
  const clause = body.slice(at + '| project '.length).split(/\n\s*\|/)[0];
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of clause) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  return items
    .map((i) => i.trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^([A-Za-z_]\w*)\s*=\s*([\s\S]+)$/.exec(item);
      if (!m) return { name: item, source: item };
      const expr = m[2].trim();
      return /^[A-Za-z_]\w*$/.test(expr) ? { name: m[1], source: expr } : { name: m[1] };
    });
}
