// "grouped overlay" (issue 18): Compare grouped into 5 groups of 40 runs × 10,000 points, one mean line and band
// per group computed on the exact histories in the history worker, against the same runs drawn ungrouped (a
// line per run) in the same run of the bench. The goal is on the longest main-thread task.
import { drawCompare, openApp } from './app-figures.mjs';
import { probedContext } from './app-probes.mjs';
import { repeat } from './page-figures.mjs';
import { figureEntry, summarise } from './stats.mjs';

const GROUPS = 5;
const UNGROUPED_TIMEOUT_MS = 600_000;

/** Logs `runs` runs of `points` loss points, run r in group r mod 5 (param `group`); returns their ids. */
function logGroupedRuns(page, runs, points) {
  return page.evaluate(
    async ({ runs, points, groups }) => {
      const tracking = window.tabflow.tracking;
      const experimentId = await tracking.createExperiment(`bench grouped ${Date.now()}`);
      const ids = [];
      let seed = 11;
      const noise = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
      const t0 = Date.now();
      for (let r = 0; r < runs; r++) {
        const group = r % groups;
        const run = await tracking.startRun({ experimentId, runName: `grouped-${r}` });
        await run.logParams({ group, seed: r });
        for (let i = 0; i < points; i++)
          run.logMetric('loss', 1 / (1 + i / 1000) + 0.05 * noise() + group * 0.05, i, t0 + i);
        await run.end();
        ids.push(run.id);
      }
      return ids;
    },
    { runs, points, groups: GROUPS },
  );
}

export async function groupedOverlay({ browser, url, size, plan }) {
  const context = await probedContext(browser);
  try {
    const page = await openApp(context, url, '#/experiments');
    const runIds = await logGroupedRuns(page, size.groupedRuns, size.groupedPoints);
    const grouped = [];
    const ungrouped = [];
    const away = async () => {
      await page.evaluate(() => (location.hash = '#/experiments'));
      await page.waitForFunction(() => document.title.startsWith('Experiments'));
    };
    await repeat(plan, async () => {
      await away();
      grouped.push(await drawCompare(page, runIds, '&group=params.group'));
    });
    // The ungrouped overlay of 200 long runs takes minutes (a line per run, each history read and redrawn), so
    // it is drawn once, after the grouped repetitions warmed the page up.
    await away();
    ungrouped.push(await drawCompare(page, runIds, '', UNGROUPED_TIMEOUT_MS));
    const kept = (list) => list.slice(plan.warmup);
    const entry = figureEntry({
      figure: 'grouped overlay',
      unit: 'ms',
      samples: kept(grouped).map((d) => d.longestTask),
      baselineSamples: ungrouped.map((d) => d.longestTask),
      goal: { on: 'value', op: '<=', limit: 50 },
    });
    const groupedMs = summarise(kept(grouped).map((d) => d.ms));
    const ungroupedMs = summarise(ungrouped.map((d) => d.ms));
    entry.goal = '<= 50 ms longest main-thread task';
    entry.details = {
      size: `${size.groupedRuns} runs × ${size.groupedPoints.toLocaleString('en-US')} points of one metric in ${GROUPS} groups, from navigation to #/compare?…&group=params.group until every group's mean line and band is drawn`,
      baseline: 'the longest main-thread task of the same runs drawn ungrouped (a line per run) on the same page',
      drawMs: groupedMs.median,
      ungroupedDrawMs: ungroupedMs.median,
      longTasksOver50ms: kept(grouped).map((d) => d.longTasks),
      notes: [
        `grouped: bands drawn ${Math.round(groupedMs.median)} ms after navigation (ungrouped overlay ${Math.round(ungroupedMs.median)} ms)`,
        `longest stall seen by a 4 ms timer: ${Math.round(summarise(kept(grouped).map((d) => d.probeGap)).median)} ms grouped, ${Math.round(summarise(ungrouped.map((d) => d.probeGap)).median)} ms ungrouped`,
      ],
    };
    return entry;
  } finally {
    await context.close();
  }
}
