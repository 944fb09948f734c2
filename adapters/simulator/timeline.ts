/**
 * A value that changed at known instants, readable at any instant. The simulator keeps what change
 * operations set on timelines, so a read at a given instant is the same however often it is made.
 */
export class Timeline<T> {
  private readonly changes: { at: number; value: T }[] = [];

  constructor(private readonly initial: T) {}

  at(t: number): T {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      if (this.changes[i].at <= t) return this.changes[i].value;
    }
    return this.initial;
  }

  /** Records a change; a later change at the same instant wins. */
  set(at: number, value: T): void {
    let index = this.changes.length;
    while (index > 0 && this.changes[index - 1].at > at) index--;
    this.changes.splice(index, 0, { at, value });
  }

  /** The instant of the last change at or before `t`, if any. */
  changedAt(t: number): number | undefined {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      if (this.changes[i].at <= t) return this.changes[i].at;
    }
    return undefined;
  }
}
