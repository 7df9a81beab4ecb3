/**
 * Reads metric histories for the Compare page off the page's thread: deserializing 100,000 points from
 * IndexedDB takes 60–100 ms of main-thread time per history, too much for 100 runs. The worker opens its own
 * tracking client on the page's database (like the io worker), reduces each history with the same min/max
 * decimation the page would use, and transfers the small result back.
 */
import * as Comlink from 'comlink';
import { openTracking, type MetricHistory, type TrackingClient } from '../src/tracking';
import { reduceHistory } from '../src/charts/reduce-history';
import { bandBuffers, reduceBand } from '../src/charts/reduce-band';
import { computeBand, onBandAxis, type Band, type BandAxis, type BandRun } from '../src/stats/bands';
import { paramImportance, type ImportanceInput, type ImportanceResult } from '../src/stats/importance';

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

  /**
   * A group's mean and spread, on the runs' EXACT histories aligned by step or by time since each run's start
   * (see stats/bands.ts), reduced to `buckets`.
   */
  async readBand(dbName: string, runs: BandRun[], key: string, buckets: number, axis: BandAxis): Promise<Band> {
    const tracking = await trackingFor(dbName);
    const histories = [];
    for (const run of runs)
      histories.push(onBandAxis(await tracking.getMetricHistory(run.runId, key), axis, run.startTime));
    const band = reduceBand(computeBand(histories), buckets);
    return Comlink.transfer(band, bandBuffers(band));
  },

  /** Fitting a forest of 100 trees takes long enough on hundreds of runs to belong off the page's thread. */
  importance(inputs: ImportanceInput[], seed: number): ImportanceResult {
    return paramImportance(inputs, { seed });
  },
};

export type HistoryWorkerApi = typeof api;

Comlink.expose(api);
