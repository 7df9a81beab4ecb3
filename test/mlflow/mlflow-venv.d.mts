/** Types of mlflow-venv.mjs (plain JavaScript so the benchmark driver can use it as well as the tests). */
export const REPO_ROOT: string;
export const VENV_DIR: string;
export const VENV_INSTALL_TIMEOUT_MS: number;
export function venvBin(name: string): string;
export function ensureMlflowVenv(): Promise<string>;
