/**
 * MLflow's search_runs filter grammar and order_by for runs held in memory (SearchUtils in
 * mlflow/utils/search_utils.py). Pure: no storage, no DOM.
 */
export type { Clause, Comparator, EntityKind, OrderKey } from './types';
export { parseFilter } from './parse-filter';
export { filterRuns, runMatches } from './evaluate';
export { parseOrderBy } from './parse-order-by';
export { compareRuns, sortRuns } from './sort-runs';
export { checkMaxResults, MAX_RESULTS_LIMIT, pageOf } from './paging';
export { quoteSearchValue } from './quote';
