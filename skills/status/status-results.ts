/**
 * Neutral results of the status skills; `bot/cards/` renders them. Placeholder union until the
 * status skills are implemented.
 */
export type StatusResult = never;
