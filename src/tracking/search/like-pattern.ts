/**
 * SQL LIKE patterns as regular expressions: `%` is any run of characters, `_` exactly one, everything else is
 * literal. MLflow's file store pastes the pattern into a regex unescaped (so `.` matches any character there);
 * we escape it, which is what MLflow's SQL stores do and what users of LIKE expect.
 */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  // Iterate code points so that `_` matches one character even outside the BMP (with the u flag).
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  // s: `%` and `_` also match newlines, as in SQL.
  return new RegExp(`^${source}$`, caseInsensitive ? 'isu' : 'su');
}
