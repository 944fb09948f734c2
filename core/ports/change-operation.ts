/** The result of a change operation on the landing zone. */
export interface OperationResult {
  /** Azure operation id or the simulator's own. */
  operationId: string;
  status: 'succeeded' | 'failed' | 'in-progress';
  /** What was there before and what is there now, in plain words for the card and audit log. */
  summary: string;
}

/** Progress callback for long-running operations. */
export type ProgressListener = (message: string) => void;

/** Options for a change operation. */
export interface ChangeOptions {
  onProgress?: ProgressListener;
  /** Abort waiting after this long; the operation continues and the result says `in-progress`. */
  waitBudgetInMs?: number;
}
