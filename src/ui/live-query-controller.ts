import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { observe, type Subscription } from '../tracking';

/**
 * Subscribes a Lit element to a live tracking query while it is connected: the value re-renders whenever the
 * database changes, in this tab, a worker or another tab. Call `setQuery` when the query's inputs change.
 */
export class LiveQueryController<T> implements ReactiveController {
  value: T | undefined;
  error: unknown = null;
  private subscription: Subscription | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private query: (() => Promise<T>) | null = null,
  ) {
    host.addController(this);
  }

  setQuery(query: () => Promise<T>): void {
    this.query = query;
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
    if (!this.query) return;
    this.subscription = observe(this.query).subscribe({
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
