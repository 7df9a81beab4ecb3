import { ImportError } from './errors';
import { formatPythonFloat, parsePythonFloat } from './python-float';

export interface MetricColumns {
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
const ZERO = 0x30;
const MINUS = 0x2d;
/** "timestamp value step\n" at its longest: two signed 16-digit whole numbers (or 23-character exponent forms) and a 24-character float. */
const MAX_LINE_BYTES = 24 + 1 + 24 + 1 + 24 + 1;

function writeAscii(out: Uint8Array, at: number, text: string): number {
  for (let c = 0; c < text.length; c++) out[at++] = text.charCodeAt(c);
  return at;
}

/** "00", "01", … "99" as character codes, so whole numbers are written two digits per division. */
const DIGIT_PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => ZERO + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10),
);

function digitCount(n: number): number {
  if (n < 1e4) return n < 10 ? 1 : n < 100 ? 2 : n < 1e3 ? 3 : 4;
  if (n < 1e8) return n < 1e5 ? 5 : n < 1e6 ? 6 : n < 1e7 ? 7 : 8;
  return n < 1e9 ? 9 : 10;
}

/** Writes the digits of 0 <= n < 2^31, padded with zeros to `width` digits, and returns the position after them. */
function writeSmall(out: Uint8Array, at: number, n: number, width: number): number {
  const end = at + Math.max(digitCount(n), width);
  let i = end;
  while (n >= 100) {
    const next = (n / 100) | 0;
    const pair = (n - next * 100) << 1;
    out[--i] = DIGIT_PAIRS[pair + 1];
    out[--i] = DIGIT_PAIRS[pair];
    n = next;
  }
  if (n >= 10) {
    out[--i] = DIGIT_PAIRS[(n << 1) + 1];
    out[--i] = DIGIT_PAIRS[n << 1];
  } else out[--i] = ZERO + n;
  while (i > at) out[--i] = ZERO;
  return end;
}

const HALF = 1e8;

/**
 * Writes a whole number's digits at `at` and returns the position after them. Timestamps are 13 digits, past
 * 32-bit arithmetic, so they are written as two halves of at most 8 digits each.
 */
function writeInteger(out: Uint8Array, at: number, value: number): number {
  let n = Math.trunc(value);
  if (!Number.isSafeInteger(n)) return writeAscii(out, at, String(n));
  if (n < 0) {
    out[at++] = MINUS;
    n = -n;
  }
  if (n < HALF) return writeSmall(out, at, n, 1);
  const high = Math.floor(n / HALF);
  return writeSmall(out, writeSmall(out, at, high, 1), n - high * HALF, 8);
}

/**
 * `formatPythonFloat` written as bytes. Most values lie where Python and JS both use fixed notation, and there
 * the digits are copied as they are and ".0" added when there is no fraction, without building a second string.
 */
function writeFloat(out: Uint8Array, at: number, value: number): number {
  const magnitude = Math.abs(value);
  if (!(magnitude >= 1e-4 && magnitude < 1e16)) return writeAscii(out, at, formatPythonFloat(value));
  const fixed = String(value);
  let fraction = false;
  for (let c = 0; c < fixed.length; c++) {
    const code = fixed.charCodeAt(c);
    if (code === 0x2e) fraction = true;
    out[at++] = code;
  }
  if (!fraction) {
    out[at++] = 0x2e;
    out[at++] = ZERO;
  }
  return at;
}

/** A metric's history: a step, value and timestamp per point. */
export interface MetricLinesInput {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
  timestamps: ArrayLike<number>;
}

/**
 * A metric's history as MLflow's file store writes it, one "timestamp value step" line per point, as ASCII
 * bytes written straight into one buffer: exports format millions of points, and building a string per line,
 * joining them and encoding the result costs more than the compression does.
 */
export function encodeMetricLines(history: MetricLinesInput): Uint8Array<ArrayBuffer> {
  const n = history.values.length;
  if (scratch.length < n * MAX_LINE_BYTES) scratch = new Uint8Array(n * MAX_LINE_BYTES);
  const out = scratch;
  let at = 0;
  for (let i = 0; i < n; i++) {
    at = writeInteger(out, at, history.timestamps[i]);
    out[at++] = SPACE;
    at = writeFloat(out, at, history.values[i]);
    out[at++] = SPACE;
    at = writeInteger(out, at, history.steps[i]);
    out[at++] = NEWLINE;
  }
  return out.slice(0, at);
}

/**
 * The lines are written into this buffer, grown to the longest history so far, and copied out at their real size
 * (about half the worst case): an export of a thousand runs otherwise left twice its metric bytes as garbage.
 */
let scratch = new Uint8Array(0);

/** `encodeMetricLines` as text. */
export function formatMetricLines(history: MetricLinesInput): string {
  return new TextDecoder().decode(encodeMetricLines(history));
}

const INTEGER = /^[+-]?\d+$/;

/** One line the fast scanner passed over (signs, spaces, `nan`, underscores, a bad line): checked field by field. */
function parseLineText(
  line: string,
  lineNumber: number,
  file: string,
): { timestamp: number; value: number; step: number } {
  const fields = line.trim().split(' ');
  const bad = (why: string) =>
    new ImportError(
      'INVALID_CONTENT',
      `${file}, line ${lineNumber}: ${why} (the line reads '${line.slice(0, 80)}').`,
      file,
    );
  if (fields.length !== 2 && fields.length !== 3)
    throw bad(`expected "timestamp value step", found ${fields.length} field(s)`);
  if (!INTEGER.test(fields[0])) throw bad(`the timestamp '${fields[0]}' is not a whole number`);
  const value = parsePythonFloat(fields[1]);
  if (value === null) throw bad(`the value '${fields[1]}' is not a number`);
  if (fields.length === 3 && !INTEGER.test(fields[2])) throw bad(`the step '${fields[2]}' is not a whole number`);
  const timestamp = Number(fields[0]);
  const step = fields.length === 3 ? Number(fields[2]) : 0;
  if (timestamp < 0 || !Number.isSafeInteger(timestamp)) throw bad(`the timestamp ${fields[0]} is out of range`);
  if (!Number.isSafeInteger(step)) throw bad(`the step ${fields[2]} is out of range`);
  return { timestamp, value, step };
}

const isPlainValueByte = (b: number) =>
  (b >= ZERO && b <= ZERO + 9) || b === 0x2e || b === 0x65 || b === 0x45 || b === 0x2b || b === MINUS;

/**
 * Parses a metric file's bytes. Lines have three fields, or two in files from old MLflow versions (then the step
 * is 0); a line that does not parse rejects the import with the file and line number in the message. Lines as
 * MLflow writes them ("digits value digits", the value of digits, '.', 'e', signs) are scanned in one pass over
 * the bytes, the value read by Number from the file's text; any other line gets the field-by-field checks.
 */
export function parseMetricBytes(bytes: Uint8Array, file: string): MetricColumns {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === NEWLINE) n++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE) n++;
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  const timestamps = new Float64Array(n);
  const text = new TextDecoder().decode(bytes);
  // Byte offsets are text offsets only when every byte is one character; otherwise every line takes the careful path.
  const oneCharPerByte = text.length === bytes.length;
  const length = bytes.length;
  let start = 0;
  for (let line = 0; line < n; line++) {
    let at = start;
    let timestamp = 0;
    while (at < length && at - start < 16 && bytes[at] >= ZERO && bytes[at] <= ZERO + 9)
      timestamp = timestamp * 10 + (bytes[at++] - ZERO);
    let fast = oneCharPerByte && at > start && at - start <= 15 && bytes[at] === SPACE;
    const valueStart = ++at;
    while (fast && at < length && bytes[at] !== SPACE) fast = isPlainValueByte(bytes[at++]);
    const valueEnd = at;
    fast = fast && valueEnd > valueStart && bytes[at] === SPACE;
    const stepStart = ++at;
    let step = 0;
    while (fast && at < length && bytes[at] !== NEWLINE) {
      const d = bytes[at++] - ZERO;
      fast = d >= 0 && d <= 9;
      step = step * 10 + d;
    }
    const value = fast && at > stepStart && at - stepStart <= 15 ? Number(text.substring(valueStart, valueEnd)) : NaN;
    if (!Number.isNaN(value)) {
      timestamps[line] = timestamp;
      values[line] = value;
      steps[line] = step;
    } else {
      at = bytes.indexOf(NEWLINE, start);
      if (at < 0) at = length;
      const parsed = parseLineText(new TextDecoder().decode(bytes.subarray(start, at)), line + 1, file);
      timestamps[line] = parsed.timestamp;
      values[line] = parsed.value;
      steps[line] = parsed.step;
    }
    start = at + 1;
  }
  if (n === 0)
    throw new ImportError(
      'INVALID_CONTENT',
      `${file}: the metric file is empty; MLflow treats a metric without data as malformed.`,
      file,
    );
  return { steps, values, timestamps };
}

/** `parseMetricBytes` for text. */
export function parseMetricLines(text: string, file: string): MetricColumns {
  return parseMetricBytes(new TextEncoder().encode(text), file);
}
