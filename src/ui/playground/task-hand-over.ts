/**
 * Hands the newest of a stream of values to `apply` in a task of its own (a zero timer): the Playground's live
 * views each take their redraw out of the task that updated the page, so that no one task carries all of them.
 * Values set before the task runs are coalesced: `apply` sees only the last.
 */
export class TaskHandOver<T> {
  private pending: ReturnType<typeof setTimeout> | null = null;
  private value: T;

  constructor(
    initial: T,
    private readonly apply: (value: T) => void,
  ) {
    this.value = initial;
  }

  get latest(): T {
    return this.value;
  }

  set(value: T): void {
    this.value = value;
    this.pending ??= setTimeout(() => {
      this.pending = null;
      this.apply(this.value);
    });
  }

  /** Drops a hand-over not yet run (the element left the page); `set(latest)` schedules it again. */
  cancel(): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
  }
}
