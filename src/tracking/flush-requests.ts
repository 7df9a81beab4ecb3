/**
 * "Write your buffered metrics now", sent by a page that is being hidden (it may be frozen or closed next) to
 * every training worker of the origin. A BroadcastChannel rather than a message through the training bridge, so
 * any writer hears it whichever tab started it; it exists in pages, workers and Node alike.
 */
const CHANNEL = 'tabflow.flush-metrics';

/** Asks every open run of this origin, in any tab or worker, to flush its metrics. */
export function requestMetricFlush(): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage('flush');
  channel.close();
}

/** Calls `flush` on each request until the returned function is called. */
export function onMetricFlushRequest(flush: () => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => flush();
  return () => channel.close();
}
