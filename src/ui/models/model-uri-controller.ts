import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Loads what a panel needs whenever its `modelUri` changes while it is connected, and cancels the worker calls of
 * a panel that leaves the page: `signal` aborts on disconnect and is fresh again after.
 */
export class ModelUriController implements ReactiveController {
  private controller = new AbortController();
  private loadedUri = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { modelUri: string },
    private readonly load: () => Promise<void>,
  ) {
    host.addController(this);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  hostUpdate(): void {
    const uri = this.host.modelUri;
    if (uri && uri !== this.loadedUri && this.host.isConnected) {
      this.loadedUri = uri;
      void this.load();
    }
  }

  hostDisconnected(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.loadedUri = '';
  }
}
