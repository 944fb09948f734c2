/** Small readers of the values Azure answers with, shared by the adapter's seams. */

/** A log row: column name → value. */
export type Row = Record<string, unknown>;

export function str(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export function num(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function dayStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * One metric of a batch answer by its REST name. The SDK's `getMetricByName` compares with the
 * metric's display name (`localizedValue`, e.g. "Used capacity" for `UsedCapacity`), so the metric is
 * found by the end of its id, which carries the REST name.
 */
export function metricNamed<T extends { id?: string; name?: string }>(
  metrics: T[] | undefined,
  name: string,
): T | undefined {
  const wanted = name.toLowerCase();
  return (metrics ?? []).find(
    (m) =>
      (m.id ?? '').toLowerCase().endsWith(`/metrics/${wanted}`) || (m.name ?? '').toLowerCase() === wanted,
  );
}

/** The SDK types a metadata name as a string but hands over `{ value, localizedValue }`. */
export function metadataName(name: unknown): string {
  const text = typeof name === 'string' ? name : (name as { value?: string } | undefined)?.value;
  return (text ?? '').toLowerCase();
}
