/**
 * Evaluates parsed clauses against runs. Each clause is compiled once into a closure (LIKE patterns become one
 * RegExp, IN lists one Set), so that filtering thousands of runs does no per-run parsing or allocation.
 */
import type { Run } from '../types';
import { ATTRIBUTES } from './attributes';
import { likeToRegExp } from './like-pattern';
import { ownValue } from '../keyed-record';
import { parseFilter } from './parse-filter';
import type { Clause, Comparator } from './types';

type Predicate = (run: Run) => boolean;

/**
 * Compiled clauses, so that runMatches called in a loop with the same clauses compiles them once. Clauses are
 * treated as immutable values: mutating one after its first use would not be seen.
 */
const compiled = new WeakMap<Clause, Predicate>();

export function runMatches(run: Run, clauses: Clause[]): boolean {
  for (const clause of clauses) if (!predicateFor(clause)(run)) return false;
  return true;
}

export function filterRuns(runs: Run[], filter: string | undefined): Run[] {
  const predicates = parseFilter(filter).map(predicateFor);
  if (predicates.length === 0) return runs.slice();
  return runs.filter((run) => predicates.every((matches) => matches(run)));
}

function predicateFor(clause: Clause): Predicate {
  let predicate = compiled.get(clause);
  if (!predicate) {
    predicate = compile(clause);
    compiled.set(clause, predicate);
  }
  return predicate;
}

/**
 * Clauses from parseFilter are always well-formed; the TypeErrors below only catch hand-built ones.
 * As MLflow, a run without a value for the key matches only IS NULL (`!=` and NOT IN need a value too).
 * Metrics compare their latest value.
 */
function compile({ kind, key, comparator, value }: Clause): Predicate {
  switch (kind) {
    case 'metric': {
      const test = numberTest(comparator, value);
      return (run) => {
        const metric = ownValue(run.data.metrics, key);
        return metric !== undefined && test(metric.value);
      };
    }
    case 'param': {
      const test = stringTest(comparator, value);
      return (run) => test(ownValue(run.data.params, key));
    }
    case 'tag': {
      const test = stringTest(comparator, value);
      return (run) => test(ownValue(run.data.tags, key));
    }
    case 'attribute': {
      const spec = ATTRIBUTES.get(key);
      if (!spec) throw new TypeError(`Unknown attribute "${key}" in a search clause`);
      if (spec.numeric) {
        const test = numberTest(comparator, value);
        return (run) => {
          const attribute = spec.read(run.info);
          return typeof attribute === 'number' && test(attribute);
        };
      }
      const test = stringTest(comparator, value);
      return (run) => {
        const attribute = spec.read(run.info);
        return typeof attribute === 'string' && test(attribute);
      };
    }
    case 'dataset': {
      const test = stringTest(comparator, value);
      const field = key as 'name' | 'digest' | 'context';
      // MLflow: the run matches when any of its dataset inputs does.
      return (run) => run.inputs.datasetInputs.some((input) => test(input[field]));
    }
  }
}

function numberTest(comparator: Comparator, value: Clause['value']): (x: number) => boolean {
  if (typeof value !== 'number')
    throw new TypeError(`A ${comparator} clause on a number needs a number, got ${JSON.stringify(value)}`);
  switch (comparator) {
    case '=':
      return (x) => x === value;
    case '!=':
      return (x) => x !== value;
    case '<':
      return (x) => x < value;
    case '<=':
      return (x) => x <= value;
    case '>':
      return (x) => x > value;
    case '>=':
      return (x) => x >= value;
    default:
      throw new TypeError(`Comparator ${comparator} does not apply to numbers`);
  }
}

/**
 * A test of a string that may be missing (undefined). Only IS NULL matches a missing value: every other
 * comparator, `!=` and NOT IN included, needs a value, as in MLflow.
 */
function stringTest(comparator: Comparator, value: Clause['value']): (x: string | undefined) => boolean {
  if (comparator === 'IS NULL') return (x) => x === undefined;
  if (comparator === 'IS NOT NULL') return (x) => x !== undefined;
  const test = presentStringTest(comparator, value);
  return (x) => x !== undefined && test(x);
}

function presentStringTest(comparator: Comparator, value: Clause['value']): (x: string) => boolean {
  if (comparator === 'IN' || comparator === 'NOT IN') {
    if (!Array.isArray(value))
      throw new TypeError(`${comparator} needs a list of strings, got ${JSON.stringify(value)}`);
    const set = new Set(value);
    return comparator === 'IN' ? (x) => set.has(x) : (x) => !set.has(x);
  }
  if (typeof value !== 'string')
    throw new TypeError(`A ${comparator} clause on a string needs a string, got ${JSON.stringify(value)}`);
  switch (comparator) {
    case '=':
      return (x) => x === value;
    case '!=':
      return (x) => x !== value;
    case 'LIKE':
    case 'ILIKE': {
      const regex = likeToRegExp(value, comparator === 'ILIKE');
      return (x) => regex.test(x);
    }
    default:
      throw new TypeError(`Comparator ${comparator} does not apply to strings`);
  }
}
