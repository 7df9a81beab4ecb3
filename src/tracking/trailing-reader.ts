/**
 * Runs an async read on request, at most once per `minIntervalMs` and never two at once; a request made while a
 * read is waiting or under way leads to one more read after it (trailing), so the last change always shows.
 */
export class TrailingReader {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private reading = false;
  private requestedWhileReading = false;
  private lastReadAt = -Infinity;
  private closed = false;

  constructor(
    private readonly read: () => Promise<void>,
    private readonly minIntervalMs: number,
  ) {}

  /** Asks for a read; it starts once `minIntervalMs` has passed since the last one began. */
  request(): void {
    if (this.closed) return;
    if (this.reading) {
      this.requestedWhileReading = true;
      return;
    }
    if (this.timer !== null) return;
    this.timer = setTimeout(
      () => void this.run(),
      Math.max(0, this.lastReadAt + this.minIntervalMs - performance.now()),
    );
  }

  /** Reads at once (the first read of a subscription), unless a read is already under way. */
  readNow(): void {
    if (this.closed || this.reading) return;
    if (this.timer !== null) clearTimeout(this.timer);
    void this.run();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.closed) return;
    this.reading = true;
    this.requestedWhileReading = false;
    this.lastReadAt = performance.now();
    try {
      await this.read();
    } finally {
      this.reading = false;
    }
    if (this.requestedWhileReading) this.request();
  }
}
