// Where kubelab keeps state (cluster kubeconfigs, installed tools, the lab database):
// --data-dir, else $KUBELAB_DATA_DIR, else ~/.kubelab.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function dataDir(flag: unknown): string {
  if (typeof flag === 'string' && flag) return resolve(flag);
  if (process.env.KUBELAB_DATA_DIR) return resolve(process.env.KUBELAB_DATA_DIR);
  return join(homedir(), '.kubelab');
}
