/**
 * Numbers spelled the way Python's `repr(float)` spells them, because MLflow writes metric files with
 * f"{value}" and reads them back with float(). The digits are the shortest that round-trip (JS and Python agree
 * on those); only the layout differs: Python switches to exponent form below 1e-4 and from 1e16, always writes a
 * fraction (".0") in fixed form, and pads the exponent to two digits.
 */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    // Both languages use fixed notation here (JS up to 1e21, down to 1e-6) with the same shortest digits.
    const fixed = String(value);
    return fixed.includes('.') ? fixed : `${fixed}.0`;
  }
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1) || '0';
  return `${sign}${whole}.${fraction}`;
}

const PYTHON_FLOAT = /^[+-]?(?:(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:e[+-]?\d+)?|inf(?:inity)?|nan)$/i;

/** Python's float() for the text MLflow writes: decimals, exponents, `nan`, `inf`, `-inf` (any case). Null if it is not a number. */
export function parsePythonFloat(text: string): number | null {
  const t = text.trim();
  if (!PYTHON_FLOAT.test(t)) return null;
  const lower = t.toLowerCase().replace(/_/g, '');
  const negative = lower.startsWith('-');
  const body = lower.replace(/^[+-]/, '');
  if (body === 'nan') return NaN;
  if (body === 'inf' || body === 'infinity') return negative ? -Infinity : Infinity;
  return Number(lower);
}
