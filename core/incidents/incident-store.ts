import type { Incident, TimelineEntry } from './incident';

/** A new incident as the store receives it: everything but the id, number, version and update time. */
export type NewIncident = Omit<Incident, 'id' | 'number' | 'version' | 'updatedAt' | 'cardActivityId'>;

/**
 * The fields a state change may set. `null` clears an optional field (e.g. `nextEscalationAt`
 * once acknowledged); absent leaves it as it is.
 */
export type IncidentPatch = Partial<
  Pick<
    Incident,
    | 'state'
    | 'severity'
    | 'owner'
    | 'tierIndex'
    | 'tier'
    | 'engaged'
    | 'respondedAt'
    | 'resolution'
    | 'responseDueAt'
  >
> & {
  nextEscalationAt?: Date | null;
  resolvedAt?: Date | null;
};

/** Which incidents {@link IncidentStore.list} returns; every given field must match. */
export interface IncidentFilter {
  /** Only incidents not resolved. */
  open?: boolean;
  conversationId?: string;
}

/**
 * Incidents and their timelines, shared by every bot instance on the database. Ids are sequential
 * (`INC-0001`, `INC-0002`, …) even with several writers; a state change is a compare-and-set on
 * the incident's `version`, so of two concurrent acknowledgements exactly one is recorded.
 * `adapters/storage/sql-incident-store.ts` implements it on SQLite and PostgreSQL.
 */
export interface IncidentStore {
  /** Stores a new incident under the next number, with its first timeline entries, in one transaction. */
  create(incident: NewIncident, entries: TimelineEntry[]): Promise<Incident>;
  get(id: string): Promise<Incident | undefined>;
  /** Newest first. */
  list(filter?: IncidentFilter): Promise<Incident[]>;
  /**
   * Applies `patch` and appends `entries` only if the stored version is still `expectedVersion`;
   * returns the updated incident, or undefined when someone changed it first (or it does not exist).
   */
  update(
    id: string,
    expectedVersion: number,
    patch: IncidentPatch,
    entries: TimelineEntry[],
    now: Date,
  ): Promise<Incident | undefined>;
  /** Appends to the timeline without a state change (notifications sent or failed, notes). */
  append(id: string, entry: TimelineEntry): Promise<void>;
  /** Oldest first. */
  timeline(id: string): Promise<TimelineEntry[]>;
  /** Records the message that shows the incident card, and ids the outside world gave it; not a state change. */
  annotate(
    id: string,
    annotation: { cardActivityId?: string; externalRefs?: Record<string, string> },
  ): Promise<void>;
}
