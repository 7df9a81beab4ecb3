import {
  deferPush,
  enqueuePush,
  listOutbox,
  normalizeServerUrl,
  recordPushes,
  removeFromOutbox,
  type OutboxEntry,
  type TrackingClient,
} from '../../tracking';
import { MlflowError } from './errors';
import { pushRuns, type PushOptions, type PushResult } from './push';
import type { MlflowServer } from './rest-client';

/** First retry after 5 s, doubling up to 5 minutes: a server coming back is found soon, a long outage costs little. */
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 5 * 60_000;

export const retryDelay = (attempts: number) => Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempts);

export type PushOutcome = { state: 'done'; result: PushResult } | { state: 'waiting'; entryId: number; error: string };

export interface OutboxOptions {
  /** The server settings (with the password, which the outbox never stores) for a waiting push's URL. */
  serverFor: (url: string) => MlflowServer;
  /** Told whenever an attempt ends, so a page can refresh what it shows. */
  onSettled?: (entry: OutboxEntry, outcome: PushOutcome) => void;
  now?: () => number;
}

/** A failure that waiting can fix (the network, the server down); anything else waits for the person. */
const isTransient = (error: unknown) => !(error instanceof MlflowError) || !error.needsAction;

/**
 * Pushes through an outbox in IndexedDB: every push is written down BEFORE it starts and removed when it
 * succeeds, so one cut off by a closed tab, a lost network or a server restart is retried at the next app start,
 * on the `online` event, and on a backoff timer — until it succeeds or the person cancels it. The retry is an
 * ordinary push, which sends only what the server lacks.
 */
export class PushOutbox {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly tracking: TrackingClient,
    private readonly options: OutboxOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Pushes now; a failure the network or server explains leaves the push waiting in the outbox. */
  async push(server: MlflowServer, runIds: string[], options: Omit<PushOptions, 'runIds'> = {}): Promise<PushOutcome> {
    const id = await enqueuePush(this.tracking, server.url, runIds, this.now());
    const entry = (await listOutbox(this.tracking)).find((e) => e.id === id)!;
    try {
      return await this.attempt(entry, server, options);
    } finally {
      this.schedule();
    }
  }

  /** Tries every waiting push whose time has come (all of them with `all`). */
  retry(all = false): Promise<void> {
    // One pass at a time: the timer, the online event and a click must not push the same entry twice at once.
    this.running ??= this.retryPass(all).finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  cancel(id: number): Promise<void> {
    return removeFromOutbox(this.tracking, id);
  }

  /** Starts the automatic retries: one pass now (app start), then on the backoff timer. */
  start(): void {
    void this.retry(false);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async retryPass(all: boolean): Promise<void> {
    for (const entry of await listOutbox(this.tracking)) {
      if (!all && entry.nextAttemptAt > this.now()) continue;
      await this.attempt(entry, this.options.serverFor(entry.serverUrl), {});
    }
  }

  private async attempt(
    entry: OutboxEntry,
    server: MlflowServer,
    options: Omit<PushOptions, 'runIds'>,
  ): Promise<PushOutcome> {
    let outcome: PushOutcome;
    try {
      const result = await pushRuns(
        this.tracking,
        { ...server, url: normalizeServerUrl(server.url) },
        { ...options, runIds: entry.runIds },
      );
      await recordPushes(
        this.tracking,
        server.url,
        result.runs.filter((r) => r.status !== 'failed'),
      );
      await removeFromOutbox(this.tracking, entry.id);
      outcome = { state: 'done', result };
    } catch (error) {
      if ((error as Error).name === 'AbortError') {
        // Cancel in the page: the person does not want this push any more.
        await removeFromOutbox(this.tracking, entry.id);
        throw error;
      }
      const message = (error as Error).message;
      const wait = isTransient(error) ? retryDelay(entry.attempts) : LONGEST_RETRY_MS;
      await deferPush(this.tracking, entry.id, message, this.now() + wait);
      outcome = { state: 'waiting', entryId: entry.id, error: message };
    }
    this.options.onSettled?.(entry, outcome);
    return outcome;
  }

  private schedule(): void {
    this.stop();
    void listOutbox(this.tracking).then((entries) => {
      if (entries.length === 0) return;
      const next = Math.min(...entries.map((e) => e.nextAttemptAt));
      this.timer = setTimeout(() => void this.retry(false), Math.max(0, next - this.now()));
    });
  }
}
