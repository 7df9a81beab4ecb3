export interface Goal {
  on: 'ratio' | 'value';
  op: '>=' | '<=';
  limit: number;
}
export interface Summary {
  median: number;
  min: number;
  max: number;
  repetitions: number;
}
export interface FigureEntry {
  figure: string;
  value: number | null;
  unit: string | null;
  baseline: number | null;
  ratio: number | null;
  goal: string | null;
  met: boolean | null;
  min: number | null;
  max: number | null;
  repetitions: number;
  baselineMin?: number;
  baselineMax?: number;
  notMeasured?: string;
  details?: { notes?: string[]; [key: string]: unknown };
}
export function summarise(samples: number[]): Summary;
export function meetsGoal(goal: Goal, value: number, ratio: number | null): boolean;
export function describeGoal(goal: Goal, unit: string): string;
export function figureEntry(input: {
  figure: string;
  unit: string;
  samples: number[];
  baselineSamples?: number[];
  goal: Goal;
  details?: FigureEntry['details'];
}): FigureEntry;
export function notMeasured(figure: string, reason: string): FigureEntry;
export function formatNumber(x: number | null | undefined): string;
export function markdownTable(entries: FigureEntry[]): string;
