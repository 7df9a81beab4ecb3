// "push" and "pull" (issue 20), against a real `mlflow server` started for the run (the tests' harness: the pinned
// MLflow in .venv-mlflow, SQLite store, proxied artifacts) on another loopback port than the bench pages.
import { MlflowServer } from '../test/mlflow/mlflow-server.mjs';
import { figureEntry } from './stats.mjs';
import { openBenchPage, repeat } from './page-figures.mjs';

const pointsPerSecond = (s) => s.points / (s.ms / 1000);

/** One server and one prepared page for both figures: starting MLflow takes tens of seconds on a busy machine. */
async function withServerAndPage({ browser, url, size }, measure) {
  const server = await MlflowServer.start();
  const { page, close } = await openBenchPage(browser, url);
  try {
    await page.evaluate((s) => window.bench.mlflowPrepare(s), {
      runs: size.mlflowRuns,
      pointsPerRun: size.mlflowPoints,
    });
    return await measure(page, server.url);
  } finally {
    await page.evaluate(() => window.bench.mlflowCleanUp()).catch(() => undefined);
    await close();
    await server.dispose();
  }
}

let experimentCounter = 0;
const nextExperiment = (kind) => `bench-${kind}-${Date.now()}-${experimentCounter++}`;

export async function mlflowPush(context) {
  const { size, plan } = context;
  return withServerAndPage(context, async (page, serverUrl) => {
    const tabflow = [];
    const raw = [];
    await repeat(plan, async (i) => {
      const order = i % 2 ? ['raw', 'tabflow'] : ['tabflow', 'raw'];
      for (const which of order) {
        const args = { url: serverUrl, experiment: nextExperiment(which) };
        if (which === 'tabflow') tabflow.push(await page.evaluate((a) => window.bench.mlflowPushTabflow(a), args));
        else raw.push(await page.evaluate((a) => window.bench.mlflowPushRaw(a), args));
      }
    });
    const kept = (list) => list.slice(plan.warmup).map(pointsPerSecond);
    const entry = figureEntry({
      figure: 'push',
      unit: 'points/s',
      samples: kept(tabflow),
      baselineSamples: kept(raw),
      goal: { on: 'ratio', op: '>=', limit: 0.8 },
    });
    entry.details = {
      size: `${size.mlflowRuns} runs × ${size.mlflowPoints.toLocaleString('en-US')} points, pushed from the page to mlflow server on another port`,
      baseline: 'the same log-batch bodies POSTed with bare fetch (runs created, histories read beforehand)',
    };
    return entry;
  });
}

export async function mlflowPull(context) {
  const { size, plan } = context;
  return withServerAndPage(context, async (page, serverUrl) => {
    const experiment = nextExperiment('pull');
    await page.evaluate((a) => window.bench.mlflowPushTabflow(a), { url: serverUrl, experiment });
    const tabflow = [];
    const raw = [];
    await repeat(plan, async (i) => {
      const order = i % 2 ? [raw, tabflow] : [tabflow, raw];
      for (const list of order) {
        const fn = list === tabflow ? 'mlflowPullTabflow' : 'mlflowPullRaw';
        list.push(await page.evaluate(([f, a]) => window.bench[f](a), [fn, { url: serverUrl, experiment }]));
      }
    });
    const kept = (list) => list.slice(plan.warmup).map((s) => s.ms);
    const entry = figureEntry({
      figure: 'pull',
      unit: 'ms',
      samples: kept(tabflow),
      baselineSamples: kept(raw),
      goal: { on: 'ratio', op: '<=', limit: 1.5 },
    });
    entry.details = {
      size: `${size.mlflowRuns} runs × ${size.mlflowPoints.toLocaleString('en-US')} points pulled into an empty database`,
      baseline: 'the same runs/search and metrics/get-history pages fetched and parsed, nothing stored',
    };
    return entry;
  });
}
