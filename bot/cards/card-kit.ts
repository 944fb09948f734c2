import type { BaselineReading, CheckStatus, Level } from '../../core/baselines';
import type { AdaptiveCard, CardAction, CardElement, CommandActionData } from './adaptive-card';

/**
 * Building blocks every card builder shares: the card frame, headers, the simulated-data label,
 * levels as colour + word, facts, and command buttons. Pure functions, no I/O.
 */
export const cardKit = {
  card,
  header,
  simulatedLabel,
  text,
  facts,
  levelRow,
  readingRow,
  statusRow,
  commandAction,
  commandActions,
  levelWord,
  levelColor,
  statusWord,
  statusColor,
  formatNumber,
  formatReading,
  formatBand,
  formatTime,
  formatWindowMinutes,
  plural,
};

/** The verb of a command button. */
export const commandVerb = 'command.run';

/**
 * The verb of the button that confirms what a preview card shows ("Declare P2" under "Declare an
 * incident?"): its command runs as if typed, where a `command.run` button on another card (an alert's
 * "Declare incident") is a suggestion that a declaration previews first.
 */
export const confirmVerb = 'command.confirm';

/** Most buttons a card shows; more would wrap into an overflow menu on narrow clients. */
const maxActions = 5;

function card(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions: actions.slice(0, maxActions) } : {}),
    msteams: { width: 'Full' },
  };
}

/** Title line, an optional subtitle and, on the right, a level or status as colour + word. */
function header(title: string, subtitle?: string, badge?: { word: string; color: string }): CardElement {
  const titleItems: CardElement[] = [
    { type: 'TextBlock', text: title, size: 'Large', weight: 'Bolder', wrap: true },
  ];
  if (subtitle)
    titleItems.push({ type: 'TextBlock', text: subtitle, isSubtle: true, spacing: 'None', wrap: true });
  const columns: CardElement[] = [{ type: 'Column', width: 'stretch', items: titleItems }];
  if (badge) {
    columns.push({
      type: 'Column',
      width: 'auto',
      verticalContentAlignment: 'Center',
      items: [{ type: 'TextBlock', text: badge.word, color: badge.color, weight: 'Bolder', wrap: true }],
    });
  }
  return { type: 'ColumnSet', columns };
}

/** The visible label every card fed by the simulator carries. */
function simulatedLabel(): CardElement {
  return {
    type: 'Container',
    style: 'warning',
    items: [
      {
        type: 'TextBlock',
        text: '**Simulated data**: these figures come from the built-in landing-zone simulator, not from Azure.',
        size: 'Small',
        wrap: true,
      },
    ],
  };
}

function text(value: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

function facts(pairs: [string, string][]): CardElement {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) };
}

/** A row: label on the left, value in the middle, a coloured word on the right. */
function row(label: string, value: string, word: string, color: string): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: label, wrap: true }] },
      {
        type: 'Column',
        width: 'auto',
        items: [{ type: 'TextBlock', text: value, weight: 'Bolder', wrap: true }],
      },
      {
        type: 'Column',
        width: 'auto',
        items: [{ type: 'TextBlock', text: word, color, weight: 'Bolder', wrap: true }],
      },
    ],
  };
}

function levelRow(label: string, value: string, level: Level): CardElement {
  return row(label, value, levelWord(level), levelColor(level));
}

/** A baselined measurement: label, value with unit, level word; the band underneath in small print. */
function readingRow(reading: BaselineReading, window?: string): CardElement[] {
  return [
    levelRow(reading.label, formatReading(reading), reading.level),
    text(`Baseline: ${formatBand(reading)}${window ? `. Measured ${window}.` : '.'}`, {
      size: 'Small',
      isSubtle: true,
      spacing: 'None',
    }),
  ];
}

function statusRow(label: string, value: string, status: CheckStatus): CardElement {
  return row(label, value, statusWord(status), statusColor(status));
}

/**
 * A button that runs a strict command: a Universal Action with the verb `command.run` (or
 * `command.confirm` for the confirming button of a preview). The bot answers
 * the invoke with a short message (the card stays as it is) and posts the command's results as new
 * messages, through the same choke point as typed text.
 */
function commandAction(step: { label: string; command: string; confirms?: boolean }): CardAction {
  const data: CommandActionData = { opsbot: { command: step.command } };
  return { type: 'Action.Execute', title: step.label, verb: step.confirms ? confirmVerb : commandVerb, data };
}

function commandActions(steps: { label: string; command: string; confirms?: boolean }[]): CardAction[] {
  const seen = new Set<string>();
  return steps
    .filter((s) => (seen.has(s.command) ? false : (seen.add(s.command), true)))
    .slice(0, maxActions)
    .map(commandAction);
}

function levelWord(level: Level): string {
  return { target: 'On target', acceptable: 'Acceptable', degraded: 'Degraded', critical: 'Critical' }[level];
}

function levelColor(level: Level): string {
  return { target: 'Good', acceptable: 'Good', degraded: 'Warning', critical: 'Attention' }[level];
}

function statusWord(status: CheckStatus): string {
  return { ok: 'OK', warning: 'Needs attention', critical: 'Critical', unknown: 'Unknown' }[status];
}

function statusColor(status: CheckStatus): string {
  return { ok: 'Good', warning: 'Warning', critical: 'Attention', unknown: 'Default' }[status];
}

/** One formatter per precision: `toLocaleString` with options builds a new `Intl.NumberFormat` on every call. */
const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number with at most `digits` decimals and no trailing zeros. */
function formatNumber(value: number, digits = 2): string {
  let format = numberFormats.get(digits);
  if (!format)
    numberFormats.set(digits, (format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })));
  return format.format(Number(value.toFixed(digits)));
}

function formatValue(value: number, unit: 'ms' | '%'): string {
  return unit === 'ms' ? `${formatNumber(value, 0)} ms` : `${formatNumber(value, 2)}%`;
}

function formatReading(reading: BaselineReading): string {
  return formatValue(reading.value, reading.unit);
}

/** The band of a baseline in words, e.g. "target ≤ 100 ms, acceptable ≤ 200 ms, critical > 500 ms". */
function formatBand(reading: BaselineReading): string {
  const { band, unit } = reading;
  const [good, bad] = reading.direction === 'lower-is-better' ? ['≤', '>'] : ['≥', '<'];
  return `target ${good} ${formatValue(band.target, unit)}, acceptable ${good} ${formatValue(band.acceptable, unit)}, critical ${bad} ${formatValue(band.critical, unit)}`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant as "12 Jan 08:05 UTC". */
function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "over the last 15 min" / "over the last 2 h". */
function formatWindowMinutes(minutes: number): string {
  return minutes % 60 === 0 && minutes >= 60
    ? `over the last ${minutes / 60} h`
    : `over the last ${minutes} min`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
