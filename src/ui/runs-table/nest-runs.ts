import type { Run } from '../../tracking';

/** One visible line of the runs table. */
export interface TableRow {
  run: Run;
  /** 0 for a top-level run, 1 for a child shown under its parent, … */
  depth: number;
  /** How many runs (in the current list) name this one as their parent. */
  childCount: number;
  expanded: boolean;
}

/**
 * Puts nested runs under their parent, as MLflow's table does: children follow their parent in the given order,
 * only when the parent is expanded. A run whose parent is not in the list (filtered out, or in another
 * experiment) is shown at the top level so that no match is ever hidden.
 */
export function nestRuns(sorted: readonly Run[], expanded: ReadonlySet<string>): TableRow[] {
  const present = new Set(sorted.map((r) => r.info.runId));
  const children = new Map<string, Run[]>();
  const roots: Run[] = [];
  for (const run of sorted) {
    const parent = run.info.parentRunId;
    if (parent && parent !== run.info.runId && present.has(parent)) {
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push(run);
    } else {
      roots.push(run);
    }
  }
  const rows: TableRow[] = [];
  // A stack instead of recursion: deep chains cannot overflow, and a parent cycle cannot loop (seen set).
  const seen = new Set<string>();
  const stack: { run: Run; depth: number }[] = roots.map((run) => ({ run, depth: 0 })).reverse();
  while (stack.length > 0) {
    const { run, depth } = stack.pop()!;
    if (seen.has(run.info.runId)) continue;
    seen.add(run.info.runId);
    const kids = children.get(run.info.runId) ?? [];
    const isExpanded = kids.length > 0 && expanded.has(run.info.runId);
    rows.push({ run, depth, childCount: kids.length, expanded: isExpanded });
    if (isExpanded) for (let i = kids.length - 1; i >= 0; i--) stack.push({ run: kids[i], depth: depth + 1 });
  }
  return rows;
}
