/**
 * Run colours: a run keeps its colour wherever it is drawn (the same id hashes to the same palette slot), and
 * runs drawn together never share one while the palette has room. The palette is Tableau 10 followed by its
 * lighter companions; its first ten are distinguishable for the common colour-vision deficiencies.
 */
export const RUN_PALETTE: readonly string[] = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
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
 * Colours for runs shown together: each run gets its own colour (its hashed one when free, else the next free
 * slot), repeating only past the palette size. The result depends only on the ids and their order.
 */
export function runColors(runIds: readonly string[]): Map<string, string> {
  const colors = new Map<string, string>();
  const taken = new Set<number>();
  for (const id of runIds) {
    if (colors.has(id)) continue;
    let slot = hash(id) % 10;
    for (let tries = 0; taken.has(slot) && tries < RUN_PALETTE.length; tries++) slot = (slot + 1) % RUN_PALETTE.length;
    if (taken.size >= RUN_PALETTE.length) taken.clear();
    taken.add(slot);
    colors.set(id, RUN_PALETTE[slot]);
  }
  return colors;
}
