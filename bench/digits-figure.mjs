// "digits training" (issue 17): samples/s of the Playground's tracked digits MLP against the same model trained
// untracked in the same worker, on the fastest backend measured in the same repetition (goal >= 0.9), with every
// backend's untracked rate in the details; and "digits responsiveness": the longest main-thread task while the
// Playground trains digits (goal < 50 ms).
import { openApp } from './app-figures.mjs';
import { probedContext, probeTraining } from './app-probes.mjs';
import { openBenchPage, repeat } from './page-figures.mjs';
import { figureEntry, formatNumber, summarise } from './stats.mjs';

const BACKENDS = ['cpu', 'wasm', 'webgl'];

export async function digitsTraining({ browser, url, size, plan }) {
  const { page, close } = await openBenchPage(browser, url);
  const setup = (backend) => ({ subset: size.digitsSubset, epochs: size.digitsEpochs, backend });
  try {
    const reps = await repeat(plan, async (i) => {
      const backends = [];
      for (const backend of BACKENDS) {
        backends.push(
          await page.evaluate(
            (s) => window.bench.digitsPlain(s).catch((e) => ({ backend: s.backend, error: String(e) })),
            setup(backend),
          ),
        );
      }
      const usable = backends.filter((b) => b.samplesPerSecond > 0);
      if (usable.length === 0)
        throw new Error(
          `no backend trained the digits MLP: ${backends.map((b) => `${b.backend}: ${b.error}`).join('; ')}`,
        );
      const fastest = usable.reduce((a, b) => (b.samplesPerSecond > a.samplesPerSecond ? b : a)).backend;
      // Alternate which goes first, so neither always runs on a warmer worker.
      const run = (tracked) =>
        page.evaluate(
          ([t, s]) => (t ? window.bench.digitsTracked(s) : window.bench.digitsPlain(s)),
          [tracked, setup(fastest)],
        );
      const [first, second] = i % 2 ? [await run(false), await run(true)] : [await run(true), await run(false)];
      const [tracked, plain] = i % 2 ? [second, first] : [first, second];
      return { backends, fastest, tracked, plain };
    });
    await page.evaluate(() => window.bench.digitsCleanUp());
    const entry = figureEntry({
      figure: 'digits training',
      unit: 'samples/s',
      samples: reps.map((r) => r.tracked.samplesPerSecond),
      baselineSamples: reps.map((r) => r.plain.samplesPerSecond),
      goal: { on: 'ratio', op: '>=', limit: 0.9 },
    });
    const perBackend = BACKENDS.map((backend) => {
      const rates = reps
        .map((r) => r.backends.find((b) => b.backend === backend))
        .filter((b) => b?.samplesPerSecond > 0)
        .map((b) => b.samplesPerSecond);
      return rates.length
        ? `${backend} ${formatNumber(summarise(rates).median)}`
        : `${backend}: ${reps[0].backends.find((b) => b.backend === backend)?.error ?? 'not measured'}`;
    });
    entry.details = {
      size: `784-128-64-10 relu MLP, batch 32, ${size.digitsEpochs} epochs on ${size.digitsSubset} digits (80% training), on the fastest backend of the repetition (${reps.map((r) => r.fastest).join(', ')})`,
      baseline:
        'the same data, model and trainModel loop in the same worker with no tracking (no run, metrics, grids, model or confusion matrix)',
      backends: perBackend,
      notes: [
        `untracked samples/s per backend: ${perBackend.join(', ')}`,
        `tracked runs log a prediction grid every epoch (at most 10) and the confusion examples`,
      ],
    };
    return entry;
  } finally {
    await close();
  }
}

export async function digitsResponsiveness({ browser, url, size, plan }) {
  const context = await probedContext(browser);
  try {
    const query = `dataset=digits&dataset_subset=${size.digitsSubset}&dataset_test_fraction=0.2&epochs=${size.digitsEpochs}&hidden_layers=%5B128%2C64%5D&activation=relu&batch_size=32`;
    const page = await openApp(context, url, `#/playground?${query}`);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    const samples = await repeat(plan, async () => {
      await train.waitFor();
      return probeTraining(page, train, 300_000);
    });
    const entry = figureEntry({
      figure: 'digits responsiveness',
      unit: 'ms',
      samples: samples.map((s) => s.longestTask),
      goal: { on: 'value', op: '<=', limit: 50 },
    });
    entry.details = {
      size: `longest main-thread task (Long Tasks API; 0 = none reached 50 ms) while the Playground trains a 784-128-64-10 MLP on ${size.digitsSubset} digits for ${size.digitsEpochs} epochs (auto backend), with live charts`,
      notes: [
        `training took ${(summarise(samples.map((s) => s.ms)).median / 1000).toFixed(1)} s; tasks over 50 ms per training: ${samples.map((s) => s.longTasks).join(', ')}`,
        `longest stall seen by a 4 ms timer: ${Math.round(summarise(samples.map((s) => s.probeGap)).median)} ms`,
      ],
    };
    return entry;
  } finally {
    await context.close();
  }
}
