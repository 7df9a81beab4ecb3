import type { ObservabilitySet } from 'dexie';

/** Dexie's change sets are interval trees; each node holds one key range and its left and right subtrees. */
interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** The single keys a change set names, or false when it names a range (a bulk write, a clear, a range delete). */
function singleKeys(node: RangeNode | undefined, into: Set<string>): boolean {
  if (!node || !('from' in node)) return true;
  if (node.from !== node.to || typeof node.from !== 'string') return false;
  into.add(node.from);
  return singleKeys(node.l ?? undefined, into) && singleKeys(node.r ?? undefined, into);
}

/**
 * What one `storagemutated` event says about a database's runs table: nothing ('none'), the ids of the changed
 * runs (added to `changedIds`), or that any run may have changed ('all': a clear, a range delete, a bulk write).
 */
export function runChangesOf(
  parts: ObservabilitySet,
  dbName: string,
  changedIds: Set<string>,
): 'none' | 'some' | 'all' {
  if (parts.all) return 'all';
  const runKeys = parts[`idb://${dbName}/runs/`] as RangeNode | undefined;
  if (!runKeys) return 'none';
  return singleKeys(runKeys, changedIds) ? 'some' : 'all';
}
