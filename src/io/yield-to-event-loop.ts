/**
 * Lets the event loop run (input, rendering, IndexedDB callbacks) and resumes as soon as it has. A chain of
 * `setTimeout(0)` calls — each resumed from the last one's timer task — is clamped to 4 ms from the fifth link on
 * (HTML's timer nesting rule), which cost an export that yields every 30 ms about an eighth of its time. A
 * MessageChannel message is a task with no such clamp; the channel is closed after use so Node does not wait on it.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
