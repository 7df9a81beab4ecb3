// "training throughput": samples/s of the app's `auto` choice against the best single backend measured in the same
// run, for three models; the value is the worst of the three auto / best ratios (goal >= 0.9 each).
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

/** One repetition: every backend and auto, for every model. */
async function measureAll(page, sizes, i) {
  const result = {};
  for (const model of Object.keys(MODELS)) {
    const measured = {};
    for (const backend of orderOf(i))
      measured[backend] = await page.evaluate(
        ([m, b, n]) => window.bench.throughput(m, b, n),
        [model, backend, sizes[model]],
      );
    const fixed = BACKENDS.map((backend) => measured[backend]);
    const auto = measured.auto;
    const best = Math.max(...fixed.map((s) => s.samplesPerSecond ?? 0));
    if (!(best > 0))
      throw new Error(
        `no backend could train the ${model} model: ${fixed.map((s) => `${s.backend}: ${s.unsupported}`).join('; ')}`,
      );
    if (!(auto.samplesPerSecond > 0)) throw new Error(`auto did not train the ${model} model`);
    result[model] = { fixed, auto, ratio: auto.samplesPerSecond / best };
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
  const ratio = median(reps.map((r) => r[model].ratio));
  return `${MODELS[model]}: auto → ${autos[0].backend} ${formatNumber(median(autos.map((a) => a.samplesPerSecond)))} samples/s, ${ratio.toFixed(2)} of the best; ${parts.join(', ')}`;
}

export async function trainingThroughput({ browser, url, size, plan }) {
  const { page, close } = await openBenchPage(browser, url);
  try {
    // The warm-up repetition also runs auto's one-off calibration, which is then cached for every later one.
    const reps = await repeat(plan, (i) => measureAll(page, size.throughputSamples, i));
    await page.evaluate(() => window.bench.throughputCleanUp());
    const entry = figureEntry({
      figure: 'training throughput',
      unit: '× best backend',
      samples: reps.map((r) => Math.min(...Object.values(r).map((m) => m.ratio))),
      goal: { on: 'value', op: '>=', limit: 0.9 },
    });
    const notes = Object.keys(MODELS).map((model) => describeModel(model, reps));
    entry.details = {
      size: `samples/s training random data (${Object.entries(size.throughputSamples)
        .map(([m, n]) => `${m} ${n}`)
        .join(
          ', ',
        )} samples after a 2-batch warm-up, epochs repeated until 3 s are timed; backends and auto in an order reversed every other repetition), per model on cpu, wasm, webgl and auto; the value is the worst model's auto / best ratio`,
      baseline: 'the fastest single backend for each model, measured in the same repetition',
      autoReasons: Object.fromEntries(Object.keys(MODELS).map((model) => [model, reps[0][model].auto.reason ?? null])),
      notes,
    };
    return entry;
  } finally {
    await close();
  }
}
