/**
 * Lets a training loop give its thread's other work a turn. The metric timer, a page's flush request (a
 * BroadcastChannel message) and a flush's transaction run only when the thread takes a task; tfjs's fit yields only
 * every 125 ms of one fit call, and a small model's epoch is one fit of a few ms, so a loop left alone never yields
 * and nothing is written until the end.
 */

/** The longest the training loop runs without taking a timer task (one costs 1–4 ms: at most ~4 % of training). */
const YIELD_EVERY_MS = 100;

/**
 * Resolves in a new task, so that tasks already queued (IndexedDB callbacks, messages) run first. A MessageChannel
 * rather than setTimeout(0), which nested timers clamp to 4 ms.
 */
function taskYielder(): { nextTask: () => Promise<void>; close: () => void } {
  const channel = new MessageChannel();
  let wake: (() => void) | null = null;
  channel.port1.onmessage = () => wake?.();
  return {
    nextTask: () =>
      new Promise<void>((resolve) => {
        wake = resolve;
        channel.port2.postMessage(null);
      }),
    close: () => channel.port1.close(),
  };
}

/**
 * `afterBatch` for the training loop: a timer task at least every YIELD_EVERY_MS, and a quick task after each batch
 * while a write is in flight (`writing`). The periodic one is a timer, not a message: a port's messages can be drained
 * back to back (Node does), which would let the loop run on without timers and other channels ever getting a turn.
 */
export function batchYielder(writing: () => boolean): {
  afterBatch: () => Promise<void> | undefined;
  close: () => void;
} {
  const yielder = taskYielder();
  let lastYield = performance.now();
  return {
    afterBatch: () => {
      if (performance.now() - lastYield >= YIELD_EVERY_MS) {
        lastYield = performance.now();
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
      return writing() ? yielder.nextTask() : undefined;
    },
    close: () => yielder.close(),
  };
}
