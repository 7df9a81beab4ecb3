/**
 * Every way a talk with an MLflow server can fail, each with a message that says in words what to change.
 * The CORS and Host rules quoted here are MLflow's (mlflow/server/security_utils.py, fastapi_security.py, 3.5+):
 * - origins `http://localhost:*`, `http://127.0.0.1:*` and `http://[::1]:*` are ALWAYS allowed;
 * - any other origin may read answers and make POST/PUT/DELETE/PATCH requests only when it is listed in
 *   `--cors-allowed-origins`; otherwise the preflight gets "Disallowed CORS origin" and a state-changing request
 *   that skips the preflight gets 403 "Cross-origin request blocked";
 * - the Host header must match `--allowed-hosts` (default: localhost, 127.0.0.1, [::1], 0.0.0.0 with any port, and
 *   the private ranges 10.*, 172.16-31.*, 192.168.*), else 403 "Invalid Host header - possible DNS rebinding…".
 * Servers older than 3.5 send no CORS headers at all, so a browser tab on another origin cannot read them.
 */

export type MlflowErrorCode =
  | 'origin-refused'
  | 'no-cors'
  | 'host-refused'
  | 'mixed-content'
  | 'unauthorized'
  | 'forbidden'
  | 'unreachable'
  | 'immutable-param'
  | 'limit'
  | 'rejected'
  | 'not-found'
  | 'server-error'
  | 'bad-url';

export class MlflowError extends Error {
  readonly code: MlflowErrorCode;
  /** MLflow's own error_code (RESOURCE_ALREADY_EXISTS, INVALID_PARAMETER_VALUE, …) when the server sent one. */
  readonly mlflowCode?: string;
  readonly status?: number;
  constructor(code: MlflowErrorCode, message: string, details: { mlflowCode?: string; status?: number } = {}) {
    super(message);
    this.name = 'MlflowError';
    this.code = code;
    this.mlflowCode = details.mlflowCode;
    this.status = details.status;
  }

  /** Errors that no retry fixes by itself: the person must change a setting or the data. */
  get needsAction(): boolean {
    return this.code !== 'unreachable' && this.code !== 'server-error';
  }
}

/** The server's messages for its two security refusals (mlflow/server/security_utils.py). */
export const CORS_BLOCKED_MSG = 'Cross-origin request blocked';
export const INVALID_HOST_MSG = 'Invalid Host header';

const LOCALHOST_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

/** Whether MLflow lets this origin in without --cors-allowed-origins (LOCALHOST_ORIGIN_PATTERNS: http only). */
export function isAlwaysAllowedOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && LOCALHOST_NAMES.has(url.hostname);
  } catch {
    return false;
  }
}

/** Whether MLflow's default --allowed-hosts accepts this host name (get_default_allowed_hosts). */
export function isDefaultAllowedHost(hostname: string): boolean {
  if (LOCALHOST_NAMES.has(hostname)) return true;
  const parts = hostname.split('.').map(Number);
  if (parts.length === 4 && parts.every((p) => Number.isInteger(p))) {
    return (
      parts[0] === 10 || (parts[0] === 192 && parts[1] === 168) || (parts[0] === 172 && parts[1] >= 16 && parts[1] < 32)
    );
  }
  return /^\[?f[cd]00:/i.test(hostname);
}

/** The fix for each refusal in a few words, for messages that cannot tell a refusal from a server that is down. */
export const fixes = {
  origin: (origin: string) => `restart it with \`mlflow server --cors-allowed-origins ${origin}\``,
  host: (host: string) => `restart it with \`mlflow server --allowed-hosts ${host}\``,
  noCors: () => 'a server older than MLflow 3.5 sends no CORS headers at all, so upgrade it (pip install -U mlflow)',
};

export const messages = {
  originRefused: (url: string, origin: string) =>
    `The MLflow server at ${url} refused requests from this page (${origin}). Restart it with ` +
    `\`mlflow server --cors-allowed-origins ${origin}\` (MLflow 3.5 or newer; add the origin to any you already list).`,
  noCors: (url: string, origin: string) =>
    `The MLflow server at ${url} answers, but sends no CORS headers, so a browser tab (${origin}) may not read its ` +
    'answers. Servers older than MLflow 3.5 do this: upgrade it (pip install -U mlflow) and start it with ' +
    `\`mlflow server --cors-allowed-origins ${origin}\`.`,
  hostRefused: (url: string, host: string) =>
    `The MLflow server at ${url} refused the host name '${host}' (its DNS-rebinding protection). Restart it with ` +
    `\`mlflow server --allowed-hosts ${host}\` (add it to any hosts you already list).`,
  mixedContent: (url: string, origin: string) =>
    `This page is served over https (${origin}) and the browser blocks its requests to the plain-http server ${url}. ` +
    'Serve MLflow over https (behind a reverse proxy with a certificate), or open tabflow over http.',
  unauthorized: (url: string, hadCredentials: boolean) =>
    hadCredentials
      ? `The MLflow server at ${url} did not accept this user name and password (HTTP 401). Check them in Settings → MLflow server.`
      : `The MLflow server at ${url} asks for a user name and password (HTTP 401). Enter them in Settings → MLflow server.`,
  forbidden: (url: string, user: string | undefined, serverMessage: string) =>
    `The MLflow server at ${url} did not allow ${user ? `user '${user}'` : 'this request'} to do this (HTTP 403: ${serverMessage}). ` +
    'Ask its administrator for EDIT permission on the experiment, or sign in as a user who has it.',
  unreachable: (url: string, cause: string) =>
    `Could not reach the MLflow server at ${url} (${cause}). Is \`mlflow server\` running there, and is the URL right ` +
    '(scheme, host and port)? tabflow retries waiting pushes when the connection is back.',
  unreachableOrRefused: (url: string, fix: string) =>
    `Could not talk to the MLflow server at ${url}. If it is not running there, start it (or check the address); ` +
    `tabflow retries waiting pushes. If it is running, it refused this page: ${fix}.`,
  offline: (url: string) =>
    `This browser is offline, so the MLflow server at ${url} cannot be reached. Waiting pushes are sent when the ` +
    'connection is back.',
  badUrl: (url: string) => `'${url}' is not a server address. Enter one like http://127.0.0.1:5000.`,
  immutableParam: (runLabel: string, keys: { key: string; remote: string; local: string }[]) =>
    `The MLflow server already holds run ${runLabel} with other values for ${keys
      .map((k) => `param '${k.key}' (server '${k.remote}', here '${k.local}')`)
      .join(', ')}. MLflow never changes a logged param: delete that run on the server, or push a copy of the run ` +
    'under a new run id (Re-run).',
  tooLong: (runLabel: string, kind: 'param' | 'tag', key: string, length: number, limit: number) =>
    `Run ${runLabel} has a ${kind} '${key}' of ${length.toLocaleString('en-US')} characters; MLflow keeps at most ` +
    `${limit.toLocaleString('en-US')} and would cut the rest off without saying so. Shorten it (or store the text as an ` +
    'artifact) and push again.',
  rejected: (what: string, serverMessage: string) => `The MLflow server refused ${what}: ${serverMessage}`,
  serverError: (url: string, status: number, serverMessage: string) =>
    `The MLflow server at ${url} failed (HTTP ${status}: ${serverMessage}). Look at the server's log; tabflow retries waiting pushes later.`,
};
