/**
 * Reading typed values back from MLflow params (all strings). Numbers are written with String(n), which prints
 * the shortest text that parses back to the same double, so number → param → number is exact.
 */

export class ParamError extends Error {
  readonly key: string;
  constructor(key: string, message: string) {
    super(`Param "${key}": ${message}`);
    this.name = 'ParamError';
    this.key = key;
  }
}

export type Params = Readonly<Record<string, string>>;

export function readNumber(params: Params, key: string, fallback: number): number {
  const text = params[key];
  if (text === undefined) return fallback;
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new ParamError(key, `"${text}" is not a number.`);
  return value;
}

export function readChoice<T extends string>(params: Params, key: string, choices: readonly T[], fallback: T): T {
  const text = params[key];
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) {
    throw new ParamError(key, `"${text}" is not one of ${choices.join(', ')}.`);
  }
  return text as T;
}

/** Lists are stored as JSON arrays: unambiguous even when an item (a CSV column name) holds a comma. */
export function readList<T extends number | string>(
  params: Params,
  key: string,
  itemType: 'number' | 'string',
  fallback: T[],
): T[] {
  const text = params[key];
  if (text === undefined) return [...fallback];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === itemType)) {
    throw new ParamError(key, `"${text}" is not a JSON list of ${itemType}s.`);
  }
  return value as T[];
}
