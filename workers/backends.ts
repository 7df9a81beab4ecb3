/**
 * tfjs backends for the training worker. The wasm binaries ship with the app as same-origin files (Vite `?url`
 * imports), never from a CDN, so the wasm backend works offline too.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, ModelConfig } from '../src/ml/model-config';
import { setBackendWithThreads } from './wasm-threads';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});

/**
 * Where `auto` switches backend, in multiply-adds per batch. Measured in Chromium on 2 busy cores (median epoch
 * time, 500-point spiral): the Playground's 8-8 MLP at batch 10 (~1k) ran 48–96 ms on cpu, 105–155 ms on wasm and
 * 926 ms on software WebGL; a 128-128 MLP at batch 32 (~540k, 2000 points) ran 385–447 ms on wasm and
 * 1373–1662 ms on cpu. Past the WebGL threshold a real GPU should win; that one is not measured here (no GPU).
 */
const WASM_WORTH_IT = 20_000;
const WEBGL_WORTH_IT = 5_000_000;

function multiplyAddsPerBatch(config: ModelConfig, inputDim: number): number {
  let total = 0;
  let width = inputDim;
  for (const units of [...config.hiddenLayers, 2]) {
    total += width * units;
    width = units;
  }
  return total * config.batchSize;
}

/** The backends to try, best first, for a choice; an explicit choice is tried alone so it is never swapped. */
function candidates(choice: BackendChoice, config: ModelConfig, inputDim: number): string[] {
  if (choice !== 'auto') return [choice];
  const work = multiplyAddsPerBatch(config, inputDim);
  if (work > WEBGL_WORTH_IT) return ['webgl', 'wasm', 'cpu'];
  return work > WASM_WORTH_IT ? ['wasm', 'cpu'] : ['cpu', 'wasm'];
}

/** Switches tfjs to the backend for `choice` and returns the name of the one in use. */
export async function useBackend(choice: BackendChoice, config: ModelConfig, inputDim: number): Promise<string> {
  const tried: string[] = [];
  for (const name of candidates(choice, config, inputDim)) {
    if (tf.getBackend() === name) return name;
    try {
      if (await setBackendWithThreads(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // setBackend rejects for some failures and resolves false for others; both mean "try the next one".
    }
    tried.push(name);
  }
  throw new Error(
    `The ${tried.join(' and ')} backend could not start in this browser. Choose another backend (cpu always works).`,
  );
}

/**
 * Tags that say how the wasm backend ran: which of tfjs's builds loaded (threads need a cross-origin-isolated page
 * for shared memory) and how many threads XNNPACK really uses: tfjs's own half of the logical cores, or Settings'
 * "Threads for the wasm backend" (wasm-threads.ts).
 */
export async function backendTags(name: string): Promise<Record<string, string>> {
  if (name !== 'wasm') return {};
  const [simd, threads] = await Promise.all([
    tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  ]);
  const build = simd && threads ? 'threaded-simd' : simd ? 'simd' : 'plain';
  return { 'tabflow.wasm_build': build, 'tabflow.wasm_threads': String(getThreadsCount()) };
}
