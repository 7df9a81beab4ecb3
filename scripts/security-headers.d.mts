export const DOCUMENT_CSP: string;
export const WORKER_CSP: string;
export const ISOLATION_HEADERS: Readonly<Record<'Cross-Origin-Opener-Policy' | 'Cross-Origin-Embedder-Policy', string>>;
export function isDocumentPath(pathname: string): boolean;
export function securityHeadersFor(pathname: string): Record<string, string>;
