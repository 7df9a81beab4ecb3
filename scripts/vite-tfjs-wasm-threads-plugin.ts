import type { Plugin } from 'vite';

/** The expression in tfjs-backend-wasm 4.x that hands Emscripten's pthread workers their main script. */
const BLOB_MAIN_SCRIPT =
  /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;

const THREADED_GLUE = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';

/**
 * Makes tfjs's threaded wasm backend work from a bundled module worker. tfjs gives each pthread worker its main
 * script as a Blob of `wasmFactoryThreadedSimd.toString()`; once the factory is bundled and minified it refers to
 * names outside itself, so the pthread worker fails with "e is not defined" (tensorflow/tfjs#4107), and a blob:
 * script would also need script-src blob: in the workers' Content-Security-Policy. This points tfjs at
 * Emscripten's own unbundled glue file instead, shipped as a same-origin asset (and so precached), which the
 * pthread worker loads with importScripts under script-src 'self'.
 */
export function tfjsWasmThreadsPlugin(): Plugin {
  return {
    name: 'tabflow-tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/.test(id)) return null;
      if (!BLOB_MAIN_SCRIPT.test(code)) {
        // A tfjs upgrade changed the code this rewrites: fail the build rather than ship a backend that cannot thread.
        this.error(
          'tfjs-backend-wasm no longer builds its pthread main script as expected; update scripts/vite-tfjs-wasm-threads-plugin.ts.',
        );
      }
      const rewritten = code.replace(BLOB_MAIN_SCRIPT, 'new URL(threadedGlueUrl, import.meta.url).href');
      return { code: `import threadedGlueUrl from '${THREADED_GLUE}';\n${rewritten}`, map: null };
    },
  };
}
