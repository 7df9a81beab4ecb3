/**
 * Axes for per-run charts (scatter, parallel coordinates, box plots): numeric when every value is a number,
 * categorical otherwise. Numeric axes turn logarithmic on their own when all values are positive and span two
 * or more orders of magnitude — learning rates 0.001…0.3 would otherwise crowd into one corner.
 */
export type AxisValue = string | number | undefined;

export interface NumericAxis {
  kind: 'numeric';
  min: number;
  max: number;
  log: boolean;
  ticks: number[];
}

export interface CategoryAxis {
  kind: 'category';
  categories: string[];
}

export type Axis = NumericAxis | CategoryAxis;

const LOG_SPAN = 100;

export function buildAxis(values: readonly AxisValue[], options: { allowLog?: boolean } = {}): Axis {
  const present = values.filter((v): v is string | number => v !== undefined);
  if (present.some((v) => typeof v === 'string' || !Number.isFinite(v))) {
    const categories = [...new Set(present.map(String))];
    const numeric = categories.every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
    categories.sort(
      numeric ? (a, b) => Number(a) - Number(b) : (a, b) => a.localeCompare(b, undefined, { numeric: true }),
    );
    return { kind: 'category', categories };
  }
  const numbers = present as number[];
  if (numbers.length === 0) return { kind: 'numeric', min: 0, max: 1, log: false, ticks: [0, 0.5, 1] };
  let min = Math.min(...numbers);
  let max = Math.max(...numbers);
  const log = (options.allowLog ?? true) && min > 0 && max / min >= LOG_SPAN;
  if (log) return { kind: 'numeric', min, max, log, ticks: logTicks(min, max) };
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  return { kind: 'numeric', min, max, log, ticks: niceTicks(min, max, 5) };
}

/** Round tick values (1, 2 or 5 times a power of ten) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++)
    ticks.push(Math.pow(10, e));
  return ticks;
}

/** Where a value sits on the axis, from 0 (start) to 1 (end); null when it is missing or off the axis. */
export function axisPosition(axis: Axis, value: AxisValue): number | null {
  if (value === undefined) return null;
  if (axis.kind === 'category') {
    const index = axis.categories.indexOf(String(value));
    if (index < 0) return null;
    return axis.categories.length === 1 ? 0.5 : index / (axis.categories.length - 1);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (axis.log) {
    if (value <= 0) return null;
    const lo = Math.log10(axis.min);
    const hi = Math.log10(axis.max);
    return hi > lo ? (Math.log10(value) - lo) / (hi - lo) : 0.5;
  }
  return (value - axis.min) / (axis.max - axis.min);
}

/** The labelled positions along an axis. */
export function axisTicks(axis: Axis, format: (n: number) => string): { position: number; label: string }[] {
  if (axis.kind === 'category') return axis.categories.map((c) => ({ position: axisPosition(axis, c)!, label: c }));
  return axis.ticks
    .map((t) => ({ position: axisPosition(axis, t)!, label: format(t) }))
    .filter((t) => t.position >= -1e-9 && t.position <= 1 + 1e-9);
}
