import { openTracking, type TrackingClient, type TrackingOptions } from '../../src/tracking';

let counter = 0;

/** A tracking client on a fresh fake-indexeddb database, so tests never see each other's data. */
export function freshTracking(options: TrackingOptions = {}): Promise<TrackingClient> {
  counter += 1;
  return openTracking({ dbName: `test-${Date.now()}-${counter}-${Math.random()}`, ...options });
}
