/** A button of a rendered card, in the order it was shown. */
export interface CardButton {
  title: string;
  /** The Adaptive Card action as the bot sent it. */
  action: Record<string, unknown>;
}

/** An Adaptive Card turned into plain lines for a terminal, with its buttons collected. */
export interface CardText {
  lines: string[];
  buttons: CardButton[];
}

type Element = Record<string, unknown>;

const asArray = (value: unknown): Element[] => (Array.isArray(value) ? (value as Element[]) : []);
/** Control characters a card could carry (e.g. in an incident summary) that would drive the terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const asText = (value: unknown): string =>
  (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)).replace(
    controlCharacters,
    '',
  );

/** Markdown that Adaptive Cards allow, reduced to what reads well as plain text. */
function plain(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|\W)_(.+?)_(?=\W|$)/g, '$1$2')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>')
    .replace(/\{\{(?:DATE|TIME)\(([^,)]+)[^}]*\)\}\}/g, '$1');
}

/** Renders a card body element to lines, collecting buttons it holds. */
function renderElement(element: Element, buttons: CardButton[], width: number): string[] {
  if (element.isVisible === false) return [];
  switch (element.type) {
    case 'TextBlock': {
      const text = plain(asText(element.text));
      if (!text) return [];
      const lines = text.split('\n');
      return element.weight === 'Bolder' && (element.size === 'Large' || element.size === 'ExtraLarge')
        ? [...lines, '='.repeat(Math.min(width, Math.max(...lines.map((l) => l.length))))]
        : lines;
    }
    case 'RichTextBlock':
      return [
        asArray(element.inlines)
          .map((i) => (typeof i === 'string' ? i : plain(asText(i.text))))
          .join(''),
      ];
    case 'FactSet': {
      const facts = asArray(element.facts).map(
        (f) => [plain(asText(f.title)), plain(asText(f.value))] as const,
      );
      const keyWidth = Math.max(0, ...facts.map(([key]) => key.length));
      return facts.map(([key, value]) => `${`${key}:`.padEnd(keyWidth + 1)} ${value}`.trimEnd());
    }
    case 'ColumnSet':
      return renderColumns(asArray(element.columns), buttons, width);
    case 'Container':
    case 'Column': {
      const lines = renderItems(asArray(element.items), buttons, width);
      return element.style === 'warning' || element.style === 'attention'
        ? lines.map((l) => `! ${l}`)
        : lines;
    }
    case 'ActionSet':
      return renderButtons(asArray(element.actions), buttons);
    case 'Table':
      return renderTable(element, buttons, width);
    case 'Image':
      return [`[image${element.altText ? `: ${asText(element.altText)}` : ''}]`];
    case 'ImageSet':
      return [`[${asArray(element.images).length} images]`];
    default:
      if (typeof element.type === 'string' && element.type.startsWith('Input.')) {
        return [
          `[${element.type.slice(6).toLowerCase()} input "${asText(element.label ?? element.id)}": not supported in the terminal]`,
        ];
      }
      return [];
  }
}

function renderItems(items: Element[], buttons: CardButton[], width: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const rendered = renderElement(item, buttons, width);
    if (!rendered.length) continue;
    const heading = item.type === 'TextBlock' && item.weight === 'Bolder';
    const apart =
      item.separator === true || item.spacing === 'Large' || item.spacing === 'ExtraLarge' || heading;
    if (lines.length && apart && lines[lines.length - 1] !== '') lines.push('');
    lines.push(...rendered);
  }
  return lines;
}

/** Columns that fit on one line each are joined on one line; taller ones are set side by side. */
function renderColumns(columns: Element[], buttons: CardButton[], width: number): string[] {
  const rendered = columns
    .map((c) => renderElement({ ...c, type: 'Column' }, buttons, width))
    .filter((lines) => lines.length);
  if (rendered.length === 0) return [];
  if (rendered.every((lines) => lines.length === 1)) return [rendered.map((lines) => lines[0]).join('  ')];
  const widths = rendered.map((lines) => Math.max(...lines.map((l) => l.length)));
  if (widths.reduce((a, b) => a + b + 2, 0) > width) return rendered.flat();
  const height = Math.max(...rendered.map((lines) => lines.length));
  const out: string[] = [];
  for (let row = 0; row < height; row++) {
    out.push(
      rendered
        .map((lines, i) => (lines[row] ?? '').padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
  }
  return out;
}

function renderTable(table: Element, buttons: CardButton[], width: number): string[] {
  const rows = asArray(table.rows).map((row) =>
    asArray(row.cells).map((cell) => renderItems(asArray(cell.items), buttons, width).join(' ')),
  );
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

function renderButtons(actions: Element[], buttons: CardButton[]): string[] {
  const labels: string[] = [];
  for (const action of actions) {
    if (action.isEnabled === false) continue;
    const title = asText(action.title) || asText(action.type);
    buttons.push({ title, action });
    labels.push(`[#${buttons.length}] ${title}`);
  }
  return labels.length ? [labels.join('  ')] : [];
}

/**
 * Renders an Adaptive Card as readable text: text blocks as lines, fact sets as aligned `key: value`,
 * column sets side by side, containers in order, and every button as `[#n] Title`, numbered from
 * `firstButton`. The returned buttons are in the same order, so button n is `buttons[n - firstButton]`.
 */
export function renderCardAsText(card: Record<string, unknown>, firstButton = 1, width = 100): CardText {
  const buttons: CardButton[] = [];
  const offset: CardButton[] = Array.from({ length: Math.max(0, firstButton - 1) }, () => ({
    title: '',
    action: {},
  }));
  buttons.push(...offset);
  const lines = renderItems(asArray(card.body), buttons, width);
  const actionLine = renderButtons(asArray(card.actions), buttons);
  if (actionLine.length) lines.push('', ...actionLine);
  return { lines, buttons: buttons.slice(offset.length) };
}
