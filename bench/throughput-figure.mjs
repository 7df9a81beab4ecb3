// "training throughput": samples/s of the app's `auto` choice against the best single backend measured in the same
// run, for three models (goal >= 0.9 each). Each model's ratio is auto's median samples/s over the repetitions
// against the best backend's median: one timing of a backend swings by up to ±30 % here (webgl is software-rendered),
// and a ratio against the maximum of three single timings is biased low by exactly that swing. The value is the
// worst model's ratio; min – max are each repetition's worst model, as measured one by one.
import { openBenchPage, repeat } from './page-figures.mjs';
import { figureEntry, formatNumber, summarise } from './stats.mjs';

const MODELS = {
  playground: 'Playground default (2-8-8-2 tanh MLP, batch 10)',
  mlp784: '784-128-64-10 relu MLP, batch 32',
  cnn: 'small CNN (28×28×1, conv 8 and 16 with 3×3 kernels and max pooling, dense 64, batch 32)',
};
const BACKENDS = ['cpu', 'wasm', 'webgl'];

const median = (values) => (values.length ? summarise(values).median : undefined);

/**
 * Repetition `i`'s order of the three backends and auto, reversed every other time. Always last, auto always ran
 * right after webgl: for the CNN, two back-to-back runs of the same webgl backend, the second inheriting whatever
 * the first left (SwiftShader's threads still busy, or warm). Reversed, each neighbour goes first half the time.
 */
const orderOf = (i) => (i % 2 ? [...BACKENDS, 'auto'].reverse() : [...BACKENDS, 'auto']);

/**
 * One repetition: every backend and auto, for every model; and, for information, wasm with one thread per logical
 * core (Settings' highest "Threads for the wasm backend") when `allCores` differs from tfjs's own count.
 */
async function measureAll(page, sizes, i, allCores) {
  const result = {};
  for (const model of Object.keys(MODELS)) {
    const measured = {};
    for (const backend of orderOf(i))
      measured[backend] = await page.evaluate(
        ([m, b, n]) => window.bench.throughput(m, b, n),
        [model, backend, sizes[model]],
      );
    const allCoresWasm =
      allCores !== null && model !== 'cnn'
        ? await page.evaluate(([m, n, t]) => window.bench.throughput(m, 'wasm', n, t), [model, sizes[model], allCores])
        : undefined;
    const fixed = BACKENDS.map((backend) => measured[backend]);
    const auto = measured.auto;
    const best = Math.max(...fixed.map((s) => s.samplesPerSecond ?? 0));
    if (!(best > 0))
      throw new Error(
        `no backend could train the ${model} model: ${fixed.map((s) => `${s.backend}: ${s.unsupported}`).join('; ')}`,
      );
    if (!(auto.samplesPerSecond > 0)) throw new Error(`auto did not train the ${model} model`);
    result[model] = { fixed, auto, ratio: auto.samplesPerSecond / best, allCoresWasm };
  }
  return result;
}

function describeModel(model, reps) {
  const parts = BACKENDS.map((backend) => {
    const samples = reps.map((r) => r[model].fixed.find((s) => s.backend === backend));
    const rate = median(samples.filter((s) => s.samplesPerSecond !== undefined).map((s) => s.samplesPerSecond));
    if (rate === undefined) return `${backend}: ${samples[0].unsupported}`;
    const wasm =
      backend === 'wasm'
        ? ` (${samples[0].wasmBuild} build, ${samples[0].wasmThreads} thread${samples[0].wasmThreads === '1' ? '' : 's'})`
        : '';
    return `${backend} ${formatNumber(rate)}${wasm}`;
  });
  const autos = reps.map((r) => r[model].auto);
  const ratio = ratioOfMedians(reps, model);
  const allCores = reps.map((r) => r[model].allCoresWasm).filter((s) => s?.samplesPerSecond !== undefined);
  const threaded = allCores.length
    ? `; wasm with ${allCores[0].wasmThreads} threads (one per core): ${formatNumber(median(allCores.map((s) => s.samplesPerSecond)))}`
    : '';
  return `${MODELS[model]}: auto → ${autos[0].backend} ${formatNumber(median(autos.map((a) => a.samplesPerSecond)))} samples/s, ${ratio.toFixed(2)} of the best; ${parts.join(', ')}${threaded}`;
}

/** A model's auto median samples/s over the best backend's median, in the repetitions `reps`. */
function ratioOfMedians(reps, model) {
  const rate = (pick) => median(reps.map(pick).filter((x) => x !== undefined));
  const best = Math.max(
    ...BACKENDS.map((backend) => rate((r) => r[model].fixed.find((s) => s.backend === backend).samplesPerSecond) ?? 0),
  );
  return rate((r) => r[model].auto.samplesPerSecond) / best;
}

export async function trainingThroughput({ browser, url, size, plan }) {
  const { page, close } = await openBenchPage(browser, url);
  try {
    // The warm-up repetition also runs auto's one-off calibration, which is then cached for every later one.
    // One thread per core, at most 8, against tfjs's half the cores: they differ from 2 to 15 logical cores.
    const allCores = await page.evaluate(() => {
      const cores = navigator.hardwareConcurrency;
      return crossOriginIsolated && cores >= 2 && cores < 16 ? Math.min(8, cores) : null;
    });
    const reps = await repeat(plan, (i) => measureAll(page, size.throughputSamples, i, allCores));
    await page.evaluate(() => window.bench.throughputCleanUp());
    const perModel = Object.keys(MODELS).map((model) => ratioOfMedians(reps, model));
    const perRepetition = reps.map((r) => Math.min(...Object.values(r).map((m) => m.ratio)));
    const entry = {
      ...figureEntry({
        figure: 'training throughput',
        unit: '× best backend',
        samples: [Math.min(...perModel)],
        goal: { on: 'value', op: '>=', limit: 0.9 },
      }),
      min: Math.min(...perRepetition),
      max: Math.max(...perRepetition),
      repetitions: reps.length,
    };
    const notes = Object.keys(MODELS).map((model) => describeModel(model, reps));
    entry.details = {
      size: `samples/s training random data (${Object.entries(size.throughputSamples)
        .map(([m, n]) => `${m} ${n}`)
        .join(
          ', ',
        )} samples after a 2-batch warm-up, epochs repeated until 3 s are timed; backends and auto in an order reversed every other repetition), per model on cpu, wasm, webgl and auto; each model's ratio is auto's median samples/s over the best backend's median; the value is the worst model's ratio, min – max each repetition's worst model`,
      baseline: 'the fastest single backend for each model, measured in the same repetition',
      autoReasons: Object.fromEntries(Object.keys(MODELS).map((model) => [model, reps[0][model].auto.reason ?? null])),
      notes,
    };
    return entry;
  } finally {
    await close();
  }
}
