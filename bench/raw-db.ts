import { Dexie, type EntityTable } from 'dexie';

/** The limit: metric history as tabflow stores it (Float64Array chunks), written straight through Dexie. */
export interface RawChunkRow {
  id?: number;
  runId: string;
  key: string;
  seq: number;
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
}

/** The naive design: one row per logged point, as a SQL-backed tracker (MLflow's `metrics` table) would. */
export interface RawPointRow {
  id?: number;
  runId: string;
  key: string;
  step: number;
  value: number;
  timestamp: number;
}

/**
 * The baselines' own database, with the same chunk index as tabflow's `metricChunks` table so that the only
 * difference measured is tabflow's code path, not the schema.
 */
export class RawDb extends Dexie {
  metricChunks!: EntityTable<RawChunkRow, 'id'>;
  points!: EntityTable<RawPointRow, 'id'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      metricChunks: '++id, [runId+key+seq], runId',
      points: '++id, [runId+key+step], runId',
    });
  }
}
