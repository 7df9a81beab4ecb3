/** DOM-free sweep planning: what to try (grid / random), when to stop a trial early, and the trial queue. */
export * from './batches';
export * from './definition';
export * from './estimate';
export * from './expand';
export * from './median-stopping';
export * from './plan';
export * from './repeat';
export * from './settings';
export * from './snapshot';
export * from './trial-queue';
