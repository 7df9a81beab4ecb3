/**
 * "export / import": MB/s and ms to export many runs (metric histories and artifacts) to an MLflow-layout zip
 * with src/io, against fflate zipping the very same files without tabflow; and the import of that zip into an
 * empty database, against fflate unzipping it.
 */
import { unzipSync, zipSync } from 'fflate';
import { exportRuns, importRuns } from '../src/io';
import { openTracking, type TrackingClient } from '../src/tracking';
import { dropDb, freshDbName, seededValues, timeMs } from './timing';

let prepared: { tracking: TrackingClient; dbName: string; experimentId: string; runs: number; points: number } | null =
  null;
let lastZip: Blob | null = null;

export interface ExportSize {
  runs: number;
  pointsPerRun: number;
}

/** Logs `runs` runs of one experiment through the tracking API: params, one metric's history, two artifacts. */
export async function exportPrepare({ runs, pointsPerRun }: ExportSize): Promise<{ runs: number; points: number }> {
  await exportCleanUp();
  const dbName = freshDbName('export');
  const tracking = await openTracking({ dbName });
  const experimentId = await tracking.createExperiment('bench-export');
  const values = seededValues(pointsPerRun, 4);
  const weights = new Uint8Array(seededValues(2048, 5).buffer);
  const notes = `# Notes\n\n${'A run logged by the tabflow benchmark. '.repeat(25)}\n`;
  const t0 = Date.now();
  for (let r = 0; r < runs; r++) {
    const run = await tracking.startRun({ experimentId, runName: `export-${r}` });
    await run.logParams({ optimizer: r % 2 ? 'adam' : 'sgd', lr: 0.001 * (1 + (r % 7)), layers: 1 + (r % 4) });
    for (let i = 0; i < pointsPerRun; i++) run.logMetric('loss', values[i] + r, i, t0 + i);
    await run.logArtifact('notes.md', notes);
    await run.logArtifact('weights.bin', weights);
    await run.end();
  }
  prepared = { tracking, dbName, experimentId, runs, points: runs * pointsPerRun };
  return { runs, points: prepared.points };
}

function current() {
  if (!prepared) throw new Error('export / import: call exportPrepare first');
  return prepared;
}

export interface ExportSample {
  ms: number;
  /** Uncompressed bytes of the files in the zip. */
  bytes: number;
  zipBytes: number;
  files: number;
}

export async function exportTabflow(): Promise<ExportSample> {
  const { tracking, experimentId } = current();
  let zip: Blob | null = null;
  const ms = await timeMs(async () => {
    zip = await exportRuns(tracking, { experimentIds: [experimentId] });
  });
  lastZip = zip!;
  const files = unzipSync(new Uint8Array(await lastZip.arrayBuffer()));
  const bytes = Object.values(files).reduce((n, f) => n + f.length, 0);
  return { ms, bytes, zipBytes: lastZip.size, files: Object.keys(files).length };
}

/** fflate alone, on the files of the last tabflow export: the same bytes, the same DEFLATE level (6). */
export async function exportFflate(): Promise<ExportSample> {
  if (!lastZip) throw new Error('export / import: run exportTabflow first');
  const files = unzipSync(new Uint8Array(await lastZip.arrayBuffer()));
  const bytes = Object.values(files).reduce((n, f) => n + f.length, 0);
  let zip = new Uint8Array(0);
  const ms = await timeMs(() => {
    zip = zipSync(files, { level: 6 });
  });
  return { ms, bytes, zipBytes: zip.length, files: Object.keys(files).length };
}

export async function importTabflow(): Promise<{ ms: number; runs: number; metricPoints: number }> {
  const { runs, points } = current();
  if (!lastZip) throw new Error('export / import: run exportTabflow first');
  const zip = lastZip;
  const dbName = freshDbName('import');
  const target = await openTracking({ dbName });
  try {
    let summary = { runs: 0, metricPoints: 0 };
    const ms = await timeMs(async () => {
      summary = await importRuns(target, zip);
    });
    if (summary.runs !== runs || summary.metricPoints !== points) {
      throw new Error(
        `import: got ${summary.runs} runs and ${summary.metricPoints} points, expected ${runs} and ${points}`,
      );
    }
    return { ms, runs: summary.runs, metricPoints: summary.metricPoints };
  } finally {
    target.close();
    await dropDb(dbName);
  }
}

export async function importFflate(): Promise<{ ms: number }> {
  if (!lastZip) throw new Error('export / import: run exportTabflow first');
  const bytes = new Uint8Array(await lastZip.arrayBuffer());
  const ms = await timeMs(() => unzipSync(bytes));
  return { ms };
}

export async function exportCleanUp(): Promise<void> {
  lastZip = null;
  if (!prepared) return;
  prepared.tracking.close();
  await dropDb(prepared.dbName);
  prepared = null;
}
