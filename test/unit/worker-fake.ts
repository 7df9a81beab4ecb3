import * as Comlink from 'comlink';
import type { BridgeableWorker } from '../../src/shared/worker-bridge';

/**
 * A worker double at the Worker boundary: the "worker side" is a real Comlink.expose on one end of a real
 * MessageChannel in this process, so calls go through comlink exactly as with a Worker. Terminating closes the
 * port (the worker stops answering, as a terminated Worker does); `crash`, `failToLoad` and `sendUnreadable`
 * fire the events a browser fires on the Worker object.
 */
export class FakeWorker extends EventTarget implements BridgeableWorker {
  terminated = false;
  private readonly port: MessagePort;

  constructor(api: object) {
    super();
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2);
    port1.addEventListener('message', (event) => this.dispatchEvent(new MessageEvent('message', { data: event.data })));
    port1.start();
    this.port = port1;
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (!this.terminated) this.port.postMessage(message, transfer);
  }

  terminate(): void {
    this.terminated = true;
    this.port.close();
  }

  /** An uncaught error inside the worker: an ErrorEvent with its message (Node has no ErrorEvent class). */
  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }

  /** A module worker whose script did not load: a plain Event named error, with no message. */
  failToLoad(): void {
    this.dispatchEvent(new Event('error', { cancelable: true }));
  }

  sendUnreadable(): void {
    this.dispatchEvent(new Event('messageerror'));
  }
}
