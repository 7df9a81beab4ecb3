import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { sectionStyles } from './settings-styles';

/**
 * How many threads tfjs's wasm backend computes with here: shared memory between threads needs a cross-origin-
 * isolated page, and tfjs then uses half the logical cores, between 1 and 8 (tfjs-backend-wasm/src/cc/backend.cc).
 * The training worker records what it really got in each wasm run's `tabflow.wasm_threads` tag.
 */
export function wasmThreads(isolated: boolean, cores: number): number {
  return isolated ? Math.min(8, Math.max(1, Math.floor(cores / 2))) : 1;
}

/** Whether this page is cross-origin isolated, and so how the wasm backend trains. */
@customElement('training-threads')
export class TrainingThreads extends LitElement {
  static styles = sectionStyles;

  render() {
    const cores = navigator.hardwareConcurrency || 1;
    const threads = wasmThreads(crossOriginIsolated, cores);
    return html`
      <h2>Training speed</h2>
      ${
        crossOriginIsolated
          ? html`<p class="ok">Cross-origin isolated: yes. The wasm backend uses its threaded SIMD build, computing with ${threads} ${threads === 1 ? 'thread' : 'threads'}.</p>`
          : html`<p class="warn">
            Cross-origin isolated: no, so the wasm backend trains on 1 thread. Serve tabflow with the headers in
            scripts/security-headers.mjs (npm start does), or open it once it is installed, to use its threaded build.
          </p>`
      }
      <p class="muted">
        This device has ${cores} logical ${cores === 1 ? 'core' : 'cores'}; tfjs gives wasm half of them (at least 1, at
        most 8).
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'training-threads': TrainingThreads;
  }
}
