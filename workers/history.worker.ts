/**
 * Reads metric histories for the Compare page off the page's thread: deserializing 100,000 points from
 * IndexedDB takes 60–100 ms of main-thread time per history, too much for 100 runs. The worker opens its own
 * tracking client on the page's database (like the io worker), reduces each history with the same min/max
 * decimation the page would use, and transfers the small result back.
 */
import * as Comlink from 'comlink';
import { openTracking, type MetricHistory, type TrackingClient } from '../src/tracking';
import { reduceHistory } from '../src/charts/reduce-history';

const clients = new Map<string, Promise<TrackingClient>>();

function trackingFor(dbName: string): Promise<TrackingClient> {
  let client = clients.get(dbName);
  if (!client) {
    client = openTracking({ dbName });
    clients.set(dbName, client);
  }
  return client;
}

const api = {
  async readReduced(dbName: string, runId: string, key: string, buckets: number): Promise<MetricHistory> {
    const tracking = await trackingFor(dbName);
    const reduced = reduceHistory(await tracking.getMetricHistory(runId, key), buckets);
    return Comlink.transfer(reduced, [reduced.steps.buffer, reduced.values.buffer, reduced.timestamps.buffer]);
  },
};

export type HistoryWorkerApi = typeof api;

Comlink.expose(api);
