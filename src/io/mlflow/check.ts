import type { ExperimentJson } from './wire';
import { MlflowRestClient, type MlflowServer, type RestClientOptions } from './rest-client';

export interface ServerCheck {
  url: string;
  /** The server's MLflow version (GET /version). */
  version: string;
  /** Its active experiments, for the Import dialog's list. */
  experiments: { experimentId: string; name: string }[];
}

/**
 * Asks the server what it is and lists its experiments: a POST (experiments/search), so a server that would refuse
 * this page's pushes (CORS, Host, credentials) refuses here too and the MlflowError says what to change.
 */
export async function checkServer(
  server: MlflowServer,
  options: { signal?: AbortSignal; client?: RestClientOptions } = {},
): Promise<ServerCheck> {
  const client = new MlflowRestClient(server, { work: 'Push', ...options.client });
  const experiments: ExperimentJson[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.post<{ experiments?: ExperimentJson[]; next_page_token?: string }>(
      'experiments/search',
      { max_results: 1000, view_type: 'ACTIVE_ONLY', page_token: pageToken },
      options.signal,
    );
    experiments.push(...(page.experiments ?? []));
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  const version = await client.text('/version', options.signal);
  return {
    url: client.baseUrl,
    version: version.trim(),
    experiments: experiments.map((e) => ({ experimentId: e.experiment_id, name: e.name })),
  };
}
