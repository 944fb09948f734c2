/**
 * A Log Analytics query the adapter runs, and the name the fake server recognises it by (the first
 * line of the text).
 */
export interface KqlQuery {
  name: string;
  /** The table the workspace must collect (a diagnostic setting), named in docs/azure-permissions.md. */
  table: string;
  text: string;
}
