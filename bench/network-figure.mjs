// "network view": the Playground's responsiveness while it trains a 6 × 8 tanh network with the network view
// drawing every unit (issue 16), and the replay's bytes per snapshot and per run read from the finished run.
import { figureEntry, summarise } from './stats.mjs';
import { repeat } from './page-figures.mjs';
import { openApp } from './app-figures.mjs';
import { probedContext, probeIdle, probeTraining, traceTraining } from './app-probes.mjs';

const SIX_BY_EIGHT = encodeURIComponent(JSON.stringify([8, 8, 8, 8, 8, 8]));

export async function networkResponsiveness({ browser, url, size, plan }) {
  const context = await probedContext(browser);
  try {
    const page = await openApp(
      context,
      url,
      `#/playground?epochs=${size.responsivenessEpochs}&hidden_layers=${SIX_BY_EIGHT}`,
    );
    const train = page.getByRole('button', { name: 'Train', exact: true });
    const units = page.getByRole('figure', { name: 'Network' }).getByRole('button', { name: /^Layer \d/ });
    const training = [];
    const idle = [];
    const replays = [];
    await repeat(plan, async () => {
      await train.waitFor();
      const busy = await probeTraining(page, train);
      training.push({ ...busy, units: await units.count() });
      const href = await page.getByRole('link', { name: 'Open this run' }).getAttribute('href');
      replays.push(
        await page.evaluate(
          async (runId) => {
            const tracking = window.tabflow.tracking;
            const header = JSON.parse(await (await tracking.getArtifact(runId, 'replay/network.json')).text());
            const bin = await tracking.getArtifact(runId, 'replay/network.bin');
            return { snapshotBytes: header.snapshotBytes, snapshots: header.snapshots.length, runBytes: bin.size };
          },
          decodeURIComponent(href.split('/').pop()),
        ),
      );
      idle.push(await probeIdle(page, busy.ms));
    });
    const traced = await traceTraining(browser, page, train);
    const kept = (list) => list.slice(plan.warmup);
    const entry = figureEntry({
      figure: 'network view',
      unit: 'ms',
      samples: kept(training).map((s) => s.longestTask),
      baselineSamples: kept(idle).map((s) => s.longestTask),
      goal: { on: 'value', op: '<=', limit: 50 },
    });
    const replay = replays[replays.length - 1];
    entry.details = {
      size: `longest main-thread task (Long Tasks API; 0 = none reached 50 ms) while the Playground trains a 6 × 8 tanh spiral model for ${size.responsivenessEpochs} epochs with the network view (${training[0].units} units) live`,
      baseline: 'the same page, idle, for as long as the training took',
      longTasksOver50ms: kept(training).map((s) => s.longTasks),
      replay,
      traced,
      notes: [
        `tasks over 50 ms per training: ${kept(training)
          .map((s) => s.longTasks)
          .join(', ')}; training took ${(summarise(kept(training).map((s) => s.ms)).median / 1000).toFixed(1)} s`,
        `one more training, traced: longest main-thread task ${traced.longestCpuMs.toFixed(1)} ms of CPU (${traced.longestWallMs.toFixed(0)} ms wall), ${traced.over50msCpu} tasks over 50 ms of CPU, ${traced.over50msWall} over 50 ms wall`,
        `replay: ${replay.snapshotBytes.toLocaleString('en')} bytes per snapshot, ${replay.snapshots} snapshots, ${replay.runBytes.toLocaleString('en')} bytes per run`,
      ],
    };
    return entry;
  } finally {
    await context.close();
  }
}
