/** The parsed forms of a search filter and of an order_by list. */

export type Comparator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';

export type EntityKind = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

/**
 * One `<identifier> <comparator> <value>` condition. For attributes `key` is MLflow's canonical snake_case name
 * with aliases resolved (`created` -> `start_time`); for datasets it is `name`, `digest` or `context`.
 * `value` is a number for metrics and numeric attributes, a string[] for IN / NOT IN, null for IS NULL /
 * IS NOT NULL (which take no value), a string otherwise.
 */
export interface Clause {
  kind: EntityKind;
  key: string;
  comparator: Comparator;
  value: number | string | string[] | null;
}

export interface OrderKey {
  kind: EntityKind;
  key: string;
  ascending: boolean;
}
