/**
 * Values computed during a render, kept until one of their inputs changes (inputs compared with ===). A Lit
 * child handed a new array on every parent render redraws all of it: with 200 runs a chart of 200 marks redrew
 * each time its parent updated for anything else (another chart appearing, a setting it does not use).
 */
export class RenderMemo {
  private entries = new Map<string, { inputs: readonly unknown[]; value: unknown }>();

  get<T>(name: string, inputs: readonly unknown[], compute: () => T): T {
    const entry = this.entries.get(name);
    if (entry && entry.inputs.length === inputs.length && entry.inputs.every((v, i) => v === inputs[i]))
      return entry.value as T;
    const value = compute();
    this.entries.set(name, { inputs, value });
    return value;
  }
}
