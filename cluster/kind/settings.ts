// How the CLI builds the kind provider: state under DATA_DIR/kind, and the settings a lab server
// running inside a container needs (set by docker-compose.yml): reach the API servers by their
// names on the kind network, and join each per-cluster network.

import { join } from 'node:path';
import type { KindProviderOptions } from './kind-provider.js';

export const ENV_INTERNAL_KUBECONFIG = 'KUBELAB_KIND_INTERNAL_KUBECONFIG';
export const ENV_CONTAINER_NAME = 'KUBELAB_CONTAINER_NAME';
export const ENV_WAIT = 'KUBELAB_KIND_WAIT';

export function kindProviderOptions(dataDir: string, extra: Partial<KindProviderOptions> = {}, env: NodeJS.ProcessEnv = process.env): KindProviderOptions {
  return {
    stateDir: join(dataDir, 'kind'),
    ...(env[ENV_INTERNAL_KUBECONFIG] === '1' ? { internalKubeconfig: true } : {}),
    ...(env[ENV_CONTAINER_NAME] ? { labContainer: env[ENV_CONTAINER_NAME] } : {}),
    ...(env[ENV_WAIT] ? { wait: env[ENV_WAIT] } : {}),
    ...extra,
  };
}
