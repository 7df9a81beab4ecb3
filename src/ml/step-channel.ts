/**
 * How the Playground's Step button reaches a stepped training in the worker: a BroadcastChannel, which both the
 * page and the worker can open, so the worker bridge's one-call-at-a-time shape stays as it is while a stepped
 * training waits. Each stepped training has its own token (in its TrainRequest), so another tab's Step button
 * never moves this tab's training.
 */
import type { StepCommand } from './stepped-training';

const STEP_CHANNEL = 'tabflow-training-steps';

interface StepMessage {
  token: string;
  command: StepCommand;
}

/** Page side: asks the stepped training `token` for one more step, or to end. */
export function sendStep(token: string, command: StepCommand): void {
  const channel = new BroadcastChannel(STEP_CHANNEL);
  channel.postMessage({ token, command } satisfies StepMessage);
  channel.close();
}

/** Worker side: the commands for `token`, in order; commands sent before `next` is called wait in a queue. */
export function stepReceiver(token: string): { next: () => Promise<StepCommand>; close: () => void } {
  const channel = new BroadcastChannel(STEP_CHANNEL);
  const queued: StepCommand[] = [];
  let waiting: ((command: StepCommand) => void) | null = null;
  channel.onmessage = (event: MessageEvent<StepMessage>) => {
    if (event.data?.token !== token) return;
    if (waiting) {
      waiting(event.data.command);
      waiting = null;
    } else queued.push(event.data.command);
  };
  return {
    next: () => (queued.length > 0 ? Promise.resolve(queued.shift()!) : new Promise((resolve) => (waiting = resolve))),
    close: () => channel.close(),
  };
}
