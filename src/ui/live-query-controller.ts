import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { observe, type LiveObservable, type Subscription } from '../tracking';

/**
 * Subscribes a Lit element to a live tracking query while it is connected: the value re-renders whenever the
 * database changes, in this tab, a worker or another tab. Call `setQuery` when the query's inputs change, or
 * `setSource` with a ready-made live source (e.g. `observeRuns`, which coalesces and patches large results).
 */
export class LiveQueryController<T> implements ReactiveController {
  value: T | undefined;
  error: unknown = null;
  private subscription: Subscription | null = null;
  private connected = false;
  private source: (() => LiveObservable<T>) | null;

  constructor(
    private readonly host: ReactiveControllerHost,
    query: (() => Promise<T>) | null = null,
  ) {
    this.source = query ? () => observe(query) : null;
    host.addController(this);
  }

  setQuery(query: () => Promise<T>): void {
    this.setSource(() => observe(query));
  }

  setSource(source: () => LiveObservable<T>): void {
    this.source = source;
    if (this.connected) this.subscribe();
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  private subscribe(): void {
    this.subscription?.unsubscribe();
    if (!this.source) return;
    this.subscription = this.source().subscribe({
      next: (value) => {
        this.value = value;
        this.error = null;
        this.host.requestUpdate();
      },
      error: (error) => {
        this.error = error;
        this.host.requestUpdate();
      },
    });
  }
}
