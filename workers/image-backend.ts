/**
 * The backend for image models. tfjs's wasm backend has no Conv2DBackpropFilter kernel (tfjs#8474), so a CNN
 * cannot train on it: `auto` picks webgl, then cpu (measured here on a small CNN: cpu ~170 samples/s, software
 * webgl ~320), and an explicit wasm choice is refused in words. Everything else goes through backends.ts.
 */
import { isCnn } from '../src/ml/image-model-config';
import type { ModelConfig } from '../src/ml/model-config';
import { useBackend } from './backends';

export interface BackendChoiceMade {
  name: string;
  /** Why `auto` did not consider a backend, logged as the `tabflow.backend_reason` tag. */
  reason?: string;
}

const NO_WASM_CONV =
  "tfjs's wasm backend cannot train convolutions (it lacks the Conv2DBackpropFilter kernel, tfjs#8474)";

export async function useBackendFor(config: ModelConfig, inputDim: number): Promise<BackendChoiceMade> {
  if (!isCnn(config)) return { name: await useBackend(config.backend, config, inputDim) };
  if (config.backend === 'wasm')
    throw new Error(`${NO_WASM_CONV}. Choose the cpu or webgl backend, or auto, for a CNN.`);
  if (config.backend !== 'auto') return { name: await useBackend(config.backend, config, inputDim) };
  const reason = `auto skipped wasm for this CNN: ${NO_WASM_CONV}`;
  try {
    return { name: await useBackend('webgl', config, inputDim), reason };
  } catch {
    return { name: await useBackend('cpu', config, inputDim), reason: `${reason}; webgl could not start` };
  }
}
