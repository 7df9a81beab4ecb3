// `npm run bench [-- --quick] [-- --no-build] [-- --only=<figure>,<figure>]`: builds the app and the bench pages,
// serves them on 127.0.0.1, measures every figure of issue 10 in headless Chromium against a baseline measured in
// the same run, prints a markdown table and writes bench/results.json.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium, NO_CHROMIUM_MESSAGE, CHROMIUM_ARGS } from '../scripts/find-chromium.mjs';
import { chartDraw, responsiveness } from './app-figures.mjs';
import { networkResponsiveness } from './network-figure.mjs';
import { coldStart } from './cold-start.mjs';
import { exportImport, metricLogging, metricRead, runsTable, trainingOverhead } from './page-figures.mjs';
import { serveStatic } from './server.mjs';
import { sweepParallel } from './sweep-figure.mjs';
import { groupedOverlay } from './grouped-overlay-figure.mjs';
import { mlflowPull, mlflowPush } from './mlflow-figures.mjs';
import { trainingThroughput } from './throughput-figure.mjs';
import { digitsResponsiveness, digitsTraining } from './digits-figure.mjs';
import { markdownTable, notMeasured } from './stats.mjs';

// BENCH_DIST lets several people bench on one machine without building into each other's folders.
const APP_DIST = process.env.BENCH_DIST ?? 'dist-bench';
const PAGES_DIST = `${APP_DIST}-pages`;
const PORT = Number(process.env.BENCH_PORT ?? 4207);

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const SIZES = quick
  ? {
      loggingRuns: 2,
      loggingPoints: 20_000,
      naivePoints: 10_000,
      readPoints: 100_000,
      tableRuns: 2_000,
      coldStartRuns: 50,
      exportRuns: 100,
      exportPointsPerRun: 1_000,
      trainEpochs: 20,
      throughputSamples: { playground: 1000, mlp784: 256, cnn: 64 },
      chartRuns: 10,
      chartPoints: 10_000,
      responsivenessEpochs: 15,
      sweepPoints: 200,
      sweepEpochs: 5,
      mlflowRuns: 2,
      mlflowPoints: 5_000,
      digitsSubset: 1000,
      digitsEpochs: 3,
      groupedRuns: 50,
      groupedPoints: 2_000,
    }
  : {
      loggingRuns: 10,
      loggingPoints: 100_000,
      naivePoints: 50_000,
      readPoints: 1_000_000,
      tableRuns: 10_000,
      coldStartRuns: 200,
      exportRuns: 1_000,
      exportPointsPerRun: 1_000,
      trainEpochs: 30,
      throughputSamples: { playground: 4000, mlp784: 1024, cnn: 256 },
      chartRuns: 10,
      chartPoints: 100_000,
      responsivenessEpochs: 20,
      sweepPoints: 300,
      sweepEpochs: 15,
      mlflowRuns: 5,
      mlflowPoints: 20_000,
      digitsSubset: 4000,
      digitsEpochs: 4,
      groupedRuns: 200,
      groupedPoints: 10_000,
    };

// Repetitions after one warm-up: more for the short measurements, whose medians a busy shared machine moves most.
const MEASURED = [
  { figure: 'metric logging', measure: metricLogging, repetitions: 5 },
  { figure: 'metric read', measure: metricRead, repetitions: 9 },
  { figure: 'chart draw', measure: chartDraw, repetitions: 3 },
  { figure: 'grouped overlay', measure: groupedOverlay, repetitions: 3 },
  { figure: 'runs table', measure: runsTable, repetitions: 15 },
  { figure: 'training overhead', measure: trainingOverhead, repetitions: 3 },
  { figure: 'training throughput', measure: trainingThroughput, repetitions: 4 },
  { figure: 'responsiveness', measure: responsiveness, repetitions: 3 },
  { figure: 'network view', measure: networkResponsiveness, repetitions: 3 },
  { figure: 'export / import', measure: exportImport, repetitions: 2 },
  { figure: 'cold start', measure: coldStart, repetitions: 5 },
  { figure: 'sweep', measure: sweepParallel, repetitions: 2 },
  { figure: 'push', measure: mlflowPush, repetitions: 3 },
  { figure: 'pull', measure: mlflowPull, repetitions: 3 },
  { figure: 'digits training', measure: digitsTraining, repetitions: 3 },
  { figure: 'digits responsiveness', measure: digitsResponsiveness, repetitions: 2 },
];
const planFor = (figure) => ({ warmup: 1, repetitions: quick ? Math.min(3, figure.repetitions) : figure.repetitions });
// The issue's order, so the table reads the same every time.
const ORDER = [
  'metric logging',
  'metric read',
  'chart draw',
  'grouped overlay',
  'runs table',
  'training overhead',
  'training throughput',
  'responsiveness',
  'network view',
  'export / import',
  'cold start',
  'sweep',
  'push',
  'pull',
  'digits training',
  'digits responsiveness',
];

function build() {
  const steps = [
    ['vite', 'build', '--outDir', APP_DIST, '--emptyOutDir', '--logLevel', 'warn'],
    ['vite', 'build', '--config', 'bench/vite.config.ts', '--outDir', resolve(PAGES_DIST), '--emptyOutDir'],
  ];
  for (const step of steps) {
    console.log(`$ npx ${step.join(' ')}`);
    const { status } = spawnSync('npx', step, { stdio: 'inherit' });
    if (status !== 0) throw new Error(`build failed: npx ${step.join(' ')} exited with ${status}`);
  }
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(NO_CHROMIUM_MESSAGE);
    process.exit(1);
  }
  const started = Date.now();
  if (!args.includes('--no-build')) build();
  const server = await serveStatic(
    [
      { prefix: '/bench/', dir: PAGES_DIST },
      { prefix: '/', dir: APP_DIST },
    ],
    PORT,
  );
  // --expose-gc lets the bench page collect garbage between repetitions (bench/timing.ts).
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
    headless: true,
  });
  const entries = [];
  let failures = 0;
  try {
    console.log(
      `Chromium ${browser.version()} at ${executablePath}; ${quick ? 'quick sizes' : 'full sizes'}; serving ${server.url}`,
    );
    for (const spec of MEASURED) {
      const { figure, measure } = spec;
      if (only && !only.includes(figure)) continue;
      const t0 = Date.now();
      process.stdout.write(`- ${figure} … `);
      try {
        const entry = await measure({ browser, url: server.url, size: SIZES, plan: planFor(spec) });
        entries.push(entry);
        console.log(`${entry.value.toFixed(1)} ${entry.unit} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      } catch (error) {
        failures++;
        console.log('failed');
        console.error(error);
        entries.push(
          notMeasured(
            figure,
            `the measurement failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
          ),
        );
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  entries.sort((a, b) => ORDER.indexOf(a.figure) - ORDER.indexOf(b.figure));
  writeFileSync('bench/results.json', JSON.stringify(entries, null, 2) + '\n');
  console.log(`\n${markdownTable(entries)}\n`);
  for (const e of entries)
    if (e.details?.size)
      console.log(`${e.figure}: ${e.details.size}${e.details.baseline ? `; baseline: ${e.details.baseline}` : ''}`);
  console.log(`\nWrote bench/results.json in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (failures) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
