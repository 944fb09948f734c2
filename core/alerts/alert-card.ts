import type { MonitorAlert } from './monitor-alert';

/**
 * One alert card in the ops channel and the Azure Monitor alerts folded into it: repeats of one rule
 * on the same resources while it fires share a card that counts them, and the card turns resolved
 * when every alert folded into it has resolved.
 */
export interface AlertCard {
  /** Stable id of the card record (not the Teams activity id). */
  id: string;
  /** The rule and the resources the alerts fired on (see `alertFoldKey`). */
  foldKey: string;
  state: 'firing' | 'resolved';
  rule: string;
  /** The severity of the latest alert folded in. */
  severity: MonitorAlert['severity'];
  resources: string[];
  description?: string;
  conversationId: string;
  /** The posted message, once posted; absent while the post is under way or failed. */
  activityId?: string;
  /** Alert ids that fired into this card, oldest first. */
  firedIds: string[];
  /** Alert ids of this card that have resolved. */
  resolvedIds: string[];
  firstFiredAt: Date;
  lastFiredAt: Date;
  resolvedAt?: Date;
  /** The incident declared from this card's "Declare incident" button, once there is one. */
  incidentId?: string;
  /** An incident declared from it that was resolved while the alert still fired. */
  resolvedIncidentId?: string;
  /** Incremented by every change; updates compare and set on it. */
  version: number;
}

/** The fields of a new card; the store gives it its id and version. */
export type NewAlertCard = Omit<AlertCard, 'id' | 'version'>;

/** The fields an update may change. */
export type AlertCardPatch = Partial<
  Pick<
    AlertCard,
    | 'state'
    | 'severity'
    | 'description'
    | 'activityId'
    | 'firedIds'
    | 'resolvedIds'
    | 'lastFiredAt'
    | 'resolvedAt'
    | 'incidentId'
    | 'resolvedIncidentId'
  >
>;

/**
 * Where alert cards are kept, so that repeats fold into one card across restarts and instances. At
 * most one firing card exists per fold key: a second `create` for a key that has one resolves
 * undefined, and the caller folds into the card that won.
 */
export interface AlertCardStore {
  /** The firing card of a fold key, if there is one. */
  findFiring(foldKey: string): Promise<AlertCard | undefined>;
  /** Every card that still fires (there are few: one per rule and resources). */
  listFiring(): Promise<AlertCard[]>;
  /** The card an alert id was folded into, firing or resolved. */
  findByAlertId(alertId: string): Promise<AlertCard | undefined>;
  /** Stores a new card, or resolves undefined when a firing card for its key exists already. */
  create(card: NewAlertCard): Promise<AlertCard | undefined>;
  /** Applies `patch` if the card is still at `expectedVersion`; undefined when another writer was first. */
  update(id: string, expectedVersion: number, patch: AlertCardPatch): Promise<AlertCard | undefined>;
}

/** What folds alerts together: the rule and the resources, in any order and case. */
export function alertFoldKey(alert: Pick<MonitorAlert, 'rule' | 'resources'>): string {
  const resources = [...new Set(alert.resources.map((r) => r.toLowerCase()))].sort();
  return `${alert.rule.trim().toLowerCase()}|${resources.join(',')}`;
}
