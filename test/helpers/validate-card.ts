/**
 * Validates Adaptive Card JSON with the `adaptivecards` library's own parser, the way a client
 * would: parse events (unknown elements, invalid enum values), validation events (duplicate ids,
 * unsupported version, …) and properties the parser dropped are returned as messages. Its `lib/` is ESM that Node cannot load,
 * so the UMD bundle under `dist/` is required.
 */
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Largest card Teams accepts in one message is about 28 KB. */
export const maxCardBytes = 28 * 1024;

/** Problems the parser finds in a card; empty when the card is valid. */
export function validateCard(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  problems.push(...droppedProperties(json, card.toJSON()));
  problems.push(...emptyTexts(json));
  return problems;
}

/** Host extensions the parser does not model but Teams reads. */
const hostExtensions = ['.msteams'];

/**
 * Properties the parser dropped on a round trip: misspelt or unsupported properties that a client
 * would silently ignore.
 */
function droppedProperties(input: unknown, output: unknown): string[] {
  const kept = propertyPaths(output);
  return [...propertyPaths(input)]
    .filter((path) => !kept.has(path) && !hostExtensions.some((h) => path.startsWith(h)))
    .map((path) => `unknown property: ${path}`);
}

function propertyPaths(node: unknown, prefix = '', acc = new Set<string>()): Set<string> {
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const path = Array.isArray(node) ? `${prefix}[]` : `${prefix}.${key}`;
      acc.add(path);
      propertyPaths(value, path, acc);
    }
  }
  return acc;
}

/** Size of the card as sent, in bytes. */
export function cardBytes(json: unknown): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}

/** Every TextBlock text and FactSet title/value in the card, in order; for assertions on what a user reads. */
export function cardTexts(json: unknown): string[] {
  const out: string[] = [];
  walk(json, (node) => {
    if (node.type === 'TextBlock' && typeof node.text === 'string') out.push(node.text);
    if (node.type === 'FactSet' && Array.isArray(node.facts)) {
      for (const f of node.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    }
  });
  return out;
}

/** All card text joined into one string. */
export function cardText(json: unknown): string {
  return cardTexts(json).join('\n');
}

/** The command buttons of a card: title and the command they send. */
/** The verb of the card's button titled `title` (`command.run`, `command.confirm`, `proposal.confirm`, …). */
export function buttonVerb(json: unknown, title: string): string | undefined {
  const actions = (json as { actions?: { title?: string; verb?: string }[] }).actions ?? [];
  return actions.find((a) => a.title === title)?.verb;
}

export function cardCommands(json: unknown): { title: string; command: string }[] {
  const actions = ((json as { actions?: Record<string, unknown>[] }).actions ?? []) as {
    type: string;
    title: string;
    verb?: string;
    data?: { opsbot?: { command: string } };
  }[];
  return actions
    .filter(
      (a) =>
        a.type === 'Action.Submit' ||
        (a.type === 'Action.Execute' && (a.verb === 'command.run' || a.verb === 'command.confirm')),
    )
    .map((a) => ({ title: a.title, command: a.data?.opsbot?.command ?? '' }));
}

/** TextBlocks whose colour says something must sit next to a word; this finds colour-only blocks (no text). */
function emptyTexts(json: unknown): string[] {
  const problems: string[] = [];
  walk(json, (node) => {
    if (node.type === 'TextBlock' && (typeof node.text !== 'string' || !node.text.trim())) {
      problems.push('content: a TextBlock has no text');
    }
  });
  return problems;
}

function walk(node: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    node.forEach((n) => walk(n, visit));
    return;
  }
  if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string') visit(record);
    for (const [key, value] of Object.entries(record)) if (key !== 'data') walk(value, visit);
  }
}
