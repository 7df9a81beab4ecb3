import { checkDefinition, type SweepDefinition, type SweepSpace, type SweepValue } from './definition';
import { checkRepeats, repeatTrials } from './repeat';

export type TrialSettings = Record<string, SweepValue>;

/** The number of trials a definition will run, shown before starting. */
export function countTrials(def: SweepDefinition): number {
  const repeats = def.repeats?.seeds ?? 1;
  if (def.method === 'random') return (def.trials ?? 0) * repeats;
  return Object.values(def.space).reduce((n, s) => n * (s.kind === 'values' ? s.values.length : 0), 1) * repeats;
}

/** Every combination of the listed values, the first key varying slowest (as nested loops would). */
export function expandGrid(space: Record<string, SweepSpace>): TrialSettings[] {
  let trials: TrialSettings[] = [{}];
  for (const [key, s] of Object.entries(space)) {
    if (s.kind !== 'values') throw new Error(`"${key}" is a range; a grid needs values.`);
    trials = trials.flatMap((t) => s.values.map((v) => ({ ...t, [key]: v })));
  }
  return trials;
}

/** mulberry32: small, fast and good enough to draw hyperparameters reproducibly. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleSpace(space: SweepSpace, random: () => number): SweepValue {
  if (space.kind === 'values') return space.values[Math.floor(random() * space.values.length)];
  const u = random();
  let value =
    space.scale === 'log-uniform'
      ? Math.exp(Math.log(space.min) + u * (Math.log(space.max) - Math.log(space.min)))
      : space.min + u * (space.max - space.min);
  if (space.integer) value = Math.round(value);
  // Float error in exp/log may step a hair outside the bounds; a sampled value must stay within them.
  return Math.min(space.max, Math.max(space.min, value));
}

export function sampleRandom(space: Record<string, SweepSpace>, trials: number, seed: number): TrialSettings[] {
  const random = seededRandom(seed);
  return Array.from({ length: trials }, () => {
    const t: TrialSettings = {};
    for (const [key, s] of Object.entries(space)) t[key] = sampleSpace(s, random);
    return t;
  });
}

export function expandTrials(def: SweepDefinition): TrialSettings[] {
  checkDefinition(def);
  checkRepeats(def);
  const trials =
    def.method === 'grid' ? expandGrid(def.space) : sampleRandom(def.space, def.trials ?? 0, def.seed ?? 0);
  return repeatTrials(trials, def.repeats);
}
