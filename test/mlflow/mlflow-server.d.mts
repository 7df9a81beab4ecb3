/** Types of mlflow-server.mjs (plain JavaScript so the benchmark driver can start servers as the tests do). */
export interface MlflowServerOptions {
  /** Origins for --cors-allowed-origins; omitted: MLflow's default (localhost origins only). */
  corsOrigins?: string[];
  /** Run with --app-name basic-auth; the admin is BASIC_AUTH_ADMIN. */
  basicAuth?: boolean;
  /** Host headers for --allowed-hosts; omitted: MLflow's default (loopback and private addresses). */
  allowedHosts?: string[];
}
export const BASIC_AUTH_ADMIN: { username: string; password: string };
export function freePort(): Promise<number>;
export class MlflowServer {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  static start(options?: MlflowServerOptions): Promise<MlflowServer>;
  /** Starts again on the same store and port after stop() or kill(). */
  start(): Promise<void>;
  /** SIGKILL to the server's process group: a crash, not a shutdown. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
  readonly log: string;
}
