/**
 * The tfjs namespace as a type. src/ml takes `tf` as an argument instead of importing it, so the worker decides
 * which backends are registered (wasm paths, webgl) and tests run the same code on the Node cpu backend; a type
 * import costs nothing in the bundle.
 */
import type * as tfjs from '@tensorflow/tfjs';

export type Tf = typeof tfjs;
export type LayersModel = tfjs.LayersModel;
export type Sequential = tfjs.Sequential;
export type Tensor = tfjs.Tensor;
export type Tensor2D = tfjs.Tensor2D;
