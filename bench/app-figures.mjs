// Figures measured in the production app itself, driven as a person would (URLs, buttons), with the probes of
// app-probes.mjs: "chart draw" on the Compare page and "responsiveness" of the Playground while training.
import { figureEntry, summarise } from './stats.mjs';
import { openBenchPage, repeat } from './page-figures.mjs';
import { probedContext, probeIdle, probeTraining, traceTraining } from './app-probes.mjs';

export async function openApp(context, url, hash) {
  const page = await context.newPage();
  await page.goto(`${url}${hash}`);
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  return page;
}

/** Logs `runs` runs with `points` points of `loss` each through the app's tracking API; returns their ids. */
function logLongRuns(page, runs, points) {
  return page.evaluate(
    async ({ runs, points }) => {
      const tracking = window.tabflow.tracking;
      const experimentId = await tracking.createExperiment(`bench chart ${Date.now()}`);
      const ids = [];
      let seed = 7;
      const noise = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
      const t0 = Date.now();
      for (let r = 0; r < runs; r++) {
        const run = await tracking.startRun({ experimentId, runName: `chart-${r}` });
        for (let i = 0; i < points; i++)
          run.logMetric('loss', 1 / (1 + i / 1000) + 0.05 * noise() + r * 0.01, i, t0 + i);
        await run.end();
        ids.push(run.id);
      }
      return ids;
    },
    { runs, points },
  );
}

/**
 * Navigates to the Compare page and resolves once the loss overlay is drawn with every history loaded (or, with
 * `query` such as `&group=params.group`, every group's band).
 */
export function drawCompare(page, runIds, query = '', timeoutMs = 120_000) {
  return page.evaluate(
    async ({ ids, query, timeoutMs }) => {
      const find = window.__benchDeepFind;
      const lossChart = () =>
        find((el) => el.getAttribute('role') === 'img' && el.getAttribute('aria-label') === 'loss');
      const hasCanvas = (el) =>
        !!el &&
        !!(
          el.querySelector('canvas') ||
          el.shadowRoot?.querySelector('canvas') ||
          find((c) => c.tagName === 'CANVAS', el.shadowRoot ?? el)
        );
      const loading = () =>
        find((el) => el.getAttribute('role') === 'status' && el.textContent.includes('Loading metric histories'));
      window.__benchProbe.start();
      const start = performance.now();
      location.hash = `#/compare?runs=${ids.join(',')}${query}`;
      let sawLoading = false;
      await new Promise((resolve, reject) => {
        const deadline = start + timeoutMs;
        const tick = () => {
          if (loading()) sawLoading = true;
          else if (sawLoading && hasCanvas(lossChart())) return resolve();
          if (performance.now() > deadline)
            return reject(new Error(`the Compare overlay was not drawn within ${timeoutMs / 1000} s`));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await new Promise((r) => requestAnimationFrame(() => r()));
      const ms = performance.now() - start;
      // Anything the drawing left queued still counts towards its longest task.
      await new Promise((r) => setTimeout(r, 500));
      return { ms, ...window.__benchProbe.stop() };
    },
    { ids: runIds, query, timeoutMs },
  );
}

export async function chartDraw({ browser, url, size, plan }) {
  const context = await probedContext(browser);
  const bench = await openBenchPage(browser, url);
  try {
    const page = await openApp(context, url, '#/experiments');
    const runIds = await logLongRuns(page, size.chartRuns, size.chartPoints);
    const draws = [];
    const uplot = [];
    await repeat(plan, async () => {
      await page.evaluate(() => (location.hash = '#/experiments'));
      await page.waitForFunction(() => document.title.startsWith('Experiments'));
      draws.push(await drawCompare(page, runIds));
      uplot.push(
        await bench.page.evaluate((s) => window.bench.chartUplotDecimated(s), {
          runs: size.chartRuns,
          points: size.chartPoints,
        }),
      );
    });
    const kept = (list) => list.slice(plan.warmup);
    const entry = figureEntry({
      figure: 'chart draw',
      unit: 'ms',
      samples: kept(draws).map((d) => d.ms),
      baselineSamples: kept(uplot),
      goal: { on: 'value', op: '<=', limit: 100 },
    });
    const longest = figureEntry({
      figure: 'longest task',
      unit: 'ms',
      samples: kept(draws).map((d) => d.longestTask),
      goal: { on: 'value', op: '<=', limit: 100 },
    });
    const gap = summarise(kept(draws).map((d) => d.probeGap));
    // The goal is on the longest main-thread task, not on the time to draw.
    entry.goal = '<= 100 ms longest main-thread task';
    entry.met = longest.met;
    entry.details = {
      size: `${size.chartRuns} runs × ${size.chartPoints.toLocaleString('en-US')} points of one metric, from navigation to #/compare until the loss overlay is drawn with every history loaded`,
      baseline: 'uPlot alone drawing the same series already decimated to an 800 px grid',
      longestTaskMs: longest.value,
      longestTaskMin: longest.min,
      longestTaskMax: longest.max,
      longTasksOver50ms: kept(draws).map((d) => d.longTasks),
      probeGapMs: gap.median,
      notes: [
        `longest main-thread task ${Math.round(longest.value)} ms (max ${Math.round(longest.max)}, Long Tasks API)`,
        `longest stall seen by a 4 ms timer: ${Math.round(gap.median)} ms`,
      ],
    };
    return entry;
  } finally {
    await bench.close();
    await context.close();
  }
}

export async function responsiveness({ browser, url, size, plan }) {
  const context = await probedContext(browser);
  try {
    const page = await openApp(context, url, `#/playground?epochs=${size.responsivenessEpochs}`);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    const training = [];
    const idle = [];
    await repeat(plan, async () => {
      await train.waitFor();
      await page.waitForFunction(() => true);
      const busy = await probeTraining(page, train);
      training.push(busy);
      // The same page, idle for as long as the training took.
      idle.push(await probeIdle(page, busy.ms));
    });
    const traced = await traceTraining(browser, page, train);
    const kept = (list) => list.slice(plan.warmup);
    const entry = figureEntry({
      figure: 'responsiveness',
      unit: 'ms',
      samples: kept(training).map((s) => s.longestTask),
      baselineSamples: kept(idle).map((s) => s.longestTask),
      goal: { on: 'value', op: '<=', limit: 50 },
    });
    const seconds = figureEntry({
      figure: 'training time',
      unit: 'ms',
      samples: kept(training).map((s) => s.ms),
      goal: { on: 'value', op: '>=', limit: 0 },
    });
    entry.details = {
      size: `longest main-thread task (Long Tasks API; 0 = none reached 50 ms) while the Playground trains its default spiral model for ${size.responsivenessEpochs} epochs with live charts and boundary`,
      baseline: 'the same page, idle, for as long as the training took',
      trainingMs: seconds.value,
      longTasksOver50ms: kept(training).map((s) => s.longTasks),
      probeGapMs: summarise(kept(training).map((s) => s.probeGap)).median,
      idleProbeGapMs: summarise(kept(idle).map((s) => s.probeGap)).median,
      traced,
      notes: [
        `training took ${(seconds.value / 1000).toFixed(1)} s; tasks over 50 ms per training: ${kept(training)
          .map((s) => s.longTasks)
          .join(', ')}`,
        `one more training, traced: longest main-thread task ${traced.longestCpuMs.toFixed(1)} ms of CPU (${traced.longestWallMs.toFixed(0)} ms wall), ${traced.over50msCpu} tasks over 50 ms of CPU, ${traced.over50msWall} over 50 ms wall`,
        `longest stall seen by a 4 ms timer: ${Math.round(summarise(kept(training).map((s) => s.probeGap)).median)} ms training, ${Math.round(summarise(kept(idle).map((s) => s.probeGap)).median)} ms idle`,
      ],
    };
    return entry;
  } finally {
    await context.close();
  }
}
