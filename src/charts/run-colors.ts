/**
 * Run colours. The palette is Tableau 10 reordered so that any first few are far apart (blue, orange, green,
 * red, purple…; the pale yellow and grey come last because they are faint on white), then D3's category10.
 */
export const RUN_PALETTE: readonly string[] = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#b07aa1',
  '#76b7b2',
  '#9c755f',
  '#ff9da7',
  '#edc948',
  '#bab0ac',
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** The colour of one run on its own (e.g. a run page): always the same for the same id. */
export function runColor(runId: string): string {
  return RUN_PALETTE[hash(runId) % 10];
}

/**
 * Colours for runs shown together, by their order: the most distinct colours go to the first runs, and no two
 * runs share one until the palette runs out. A page that keeps the order (the Compare page's URL does) keeps
 * every run's colour across its charts and across reloads.
 */
export function runColors(runIds: readonly string[]): Map<string, string> {
  const colors = new Map<string, string>();
  for (const id of runIds) {
    if (!colors.has(id)) colors.set(id, RUN_PALETTE[colors.size % RUN_PALETTE.length]);
  }
  return colors;
}
