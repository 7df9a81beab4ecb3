import { CancelledError, type CancellableWork } from '../errors';
import {
  CORS_BLOCKED_MSG,
  fixes,
  INVALID_HOST_MSG,
  isAlwaysAllowedOrigin,
  isDefaultAllowedHost,
  messages,
  MlflowError,
} from './errors';

/** Where an MLflow tracking server is, and who we are to it (MLflow's `--app-name basic-auth` wants HTTP Basic). */
export interface MlflowServer {
  url: string;
  username?: string;
  password?: string;
}

export interface RestClientOptions {
  /**
   * The page's origin, for the CORS diagnosis. Defaults to `location.origin` on a page; in Node (no CORS) it is
   * unset unless a test sets `sendOrigin` to play a page on another origin.
   */
  pageOrigin?: string;
  /** Sends this Origin header (Node only: a browser sets Origin itself) so tests can meet MLflow's CORS refusal. */
  sendOrigin?: string;
  /** What a cancellation is reported as. */
  work?: CancellableWork;
}

/** `location` exists on pages and in workers; this module is DOM-free, so it looks it up without the DOM types. */
const pageLocation = () => (globalThis as { location?: { origin: string; protocol: string } }).location;

const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';

/** UTF-8 user names and passwords in an Authorization header (btoa alone takes Latin-1 only). */
function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/**
 * A thin client for MLflow's REST API 2.0 (mlflow/server/handlers.py routes; JSON bodies as MLflow's own
 * RestStore sends them). Every failure becomes an MlflowError whose message names the fix.
 */
export class MlflowRestClient {
  readonly baseUrl: string;
  private readonly headers: Record<string, string> = {};
  private readonly pageOrigin: string | undefined;

  constructor(
    readonly server: MlflowServer,
    private readonly options: RestClientOptions = {},
  ) {
    let url: URL;
    try {
      url = new URL(server.url.trim());
    } catch {
      throw new MlflowError('bad-url', messages.badUrl(server.url));
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new MlflowError('bad-url', messages.badUrl(server.url));
    this.baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.pageOrigin = options.pageOrigin ?? options.sendOrigin ?? pageLocation()?.origin;
    if (this.pageOrigin?.startsWith('https:') && url.protocol === 'http:' && !isLoopback(url.hostname)) {
      throw new MlflowError('mixed-content', messages.mixedContent(this.baseUrl, this.pageOrigin));
    }
    if (server.username) this.headers.Authorization = basicAuth(server.username, server.password ?? '');
    if (options.sendOrigin) this.headers.Origin = options.sendOrigin;
  }

  /** GET /api/2.0/mlflow/<endpoint>?query. */
  get<T>(endpoint: string, query: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<T> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    return this.json<T>('GET', `${this.baseUrl}/api/2.0/mlflow/${endpoint}?${params}`, undefined, signal);
  }

  /** POST /api/2.0/mlflow/<endpoint> with a JSON body (already a string when the caller measured its size). */
  post<T>(endpoint: string, body: object | string, signal?: AbortSignal): Promise<T> {
    return this.json<T>(
      'POST',
      `${this.baseUrl}/api/2.0/mlflow/${endpoint}`,
      typeof body === 'string' ? body : JSON.stringify(body),
      signal,
    );
  }

  /** GET a plain-text path of the server itself (e.g. /version). */
  async text(path: string, signal?: AbortSignal): Promise<string> {
    return (await this.send('GET', `${this.baseUrl}${path}`, undefined, signal)).text();
  }

  /** The proxied artifact URL of a file under a run whose artifact_uri is `mlflow-artifacts:/…`. */
  artifactUrl(artifactUri: string, path: string): string {
    const root = artifactUri.replace(/^mlflow-artifacts:(\/\/[^/]*)?/, '').replace(/^\/+/, '');
    const segments = [...root.split('/'), ...path.split('/')].filter(Boolean).map(encodeURIComponent);
    return `${this.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${segments.join('/')}`;
  }

  async putArtifact(artifactUri: string, path: string, data: ArrayBuffer, signal?: AbortSignal): Promise<void> {
    await this.send('PUT', this.artifactUrl(artifactUri, path), data, signal, 'application/octet-stream');
  }

  async getArtifact(artifactUri: string, path: string, signal?: AbortSignal): Promise<ArrayBuffer> {
    return (await this.send('GET', this.artifactUrl(artifactUri, path), undefined, signal)).arrayBuffer();
  }

  private async json<T>(method: string, url: string, body: string | undefined, signal?: AbortSignal): Promise<T> {
    const response = await this.send(method, url, body, signal, body === undefined ? undefined : 'application/json');
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  private async send(
    method: string,
    url: string,
    body: BodyInit | undefined,
    signal: AbortSignal | undefined,
    contentType?: string,
  ): Promise<Response> {
    const headers = { ...this.headers, ...(contentType ? { 'Content-Type': contentType } : {}) };
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        signal,
        mode: 'cors',
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      if (signal?.aborted) throw new CancelledError(this.options.work ?? 'Push');
      throw await this.diagnoseNetworkFailure(error);
    }
    if (!response.ok) throw await this.errorOf(response);
    return response;
  }

  /**
   * A fetch that fails without a response is either an unreachable server or a CORS refusal, which a page cannot
   * tell apart from the error. A `no-cors` request reaches a running server whatever its CORS rules, so it tells
   * "not there" from "there but not readable"; MLflow's own rules then say which refusal it is. A cross-origin
   * isolated page (COEP require-corp, as tabflow's) cannot make that probe: MLflow sends no
   * Cross-Origin-Resource-Policy, so the probe fails like the request did. Then the message names the likely
   * refusal beside "not running", and the code stays 'unreachable' so waiting pushes keep being retried.
   */
  private async diagnoseNetworkFailure(error: unknown): Promise<MlflowError> {
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    const origin = pageLocation() ? this.pageOrigin : undefined;
    if (!origin) return new MlflowError('unreachable', messages.unreachable(this.baseUrl, cause));
    if ((globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false) {
      return new MlflowError('unreachable', messages.offline(this.baseUrl));
    }
    const url = new URL(this.baseUrl);
    const refusal = (): MlflowError => {
      if (!isAlwaysAllowedOrigin(origin))
        return new MlflowError('origin-refused', messages.originRefused(this.baseUrl, origin));
      if (!isDefaultAllowedHost(url.hostname))
        return new MlflowError('host-refused', messages.hostRefused(this.baseUrl, url.host));
      return new MlflowError('no-cors', messages.noCors(this.baseUrl, origin));
    };
    if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) {
      const fix = !isAlwaysAllowedOrigin(origin)
        ? fixes.origin(origin)
        : !isDefaultAllowedHost(url.hostname)
          ? fixes.host(url.host)
          : fixes.noCors();
      return new MlflowError('unreachable', messages.unreachableOrRefused(this.baseUrl, fix));
    }
    try {
      await fetch(`${this.baseUrl}/health`, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' });
    } catch {
      return new MlflowError('unreachable', messages.unreachable(this.baseUrl, 'no answer'));
    }
    return refusal();
  }

  private async errorOf(response: Response): Promise<MlflowError> {
    const text = await response.text().catch(() => '');
    let serverMessage = text.trim() || response.statusText;
    let mlflowCode: string | undefined;
    try {
      const parsed = JSON.parse(text) as { error_code?: string; message?: string };
      mlflowCode = parsed.error_code;
      serverMessage = parsed.message ?? serverMessage;
    } catch {
      // Plain text: the security middleware's and the auth app's refusals are not JSON.
    }
    const details = { mlflowCode, status: response.status };
    const status = response.status;
    if (status === 401)
      return new MlflowError(
        'unauthorized',
        messages.unauthorized(this.baseUrl, Boolean(this.server.username)),
        details,
      );
    if (status === 403 && text.includes(CORS_BLOCKED_MSG)) {
      return new MlflowError(
        'origin-refused',
        messages.originRefused(this.baseUrl, this.pageOrigin ?? 'this origin'),
        details,
      );
    }
    if (status === 403 && text.includes(INVALID_HOST_MSG))
      return new MlflowError('host-refused', messages.hostRefused(this.baseUrl, new URL(this.baseUrl).host), details);
    if (status === 403)
      return new MlflowError(
        'forbidden',
        messages.forbidden(this.baseUrl, this.server.username, serverMessage),
        details,
      );
    if (status >= 500)
      return new MlflowError('server-error', messages.serverError(this.baseUrl, status, serverMessage), details);
    if (status === 404 || mlflowCode === 'RESOURCE_DOES_NOT_EXIST')
      return new MlflowError('not-found', serverMessage, details);
    return new MlflowError(
      'rejected',
      messages.rejected(new URL(response.url || this.baseUrl).pathname, serverMessage),
      details,
    );
  }
}
