// The real lab server for browser tests (server/lab-server.ts, what `kubelab start` runs), on a
// free port with its own data folder, serving a front end freshly built from web/ into a folder
// of its own (test files run in parallel), optionally with another scenarios folder.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { graderKubectl } from '../../../server/grading/kubectl.js';
import { startLabServer, type LabServer } from '../../../server/lab-server.js';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface E2eServer {
  /** Without the trailing slash: page paths are appended to it. */
  url: string;
  /** Classroom mode: the instructor link the server printed (one-time secret in the fragment). */
  instructorUrl?: string;
  stop(): Promise<void>;
}

export async function launchLabServer(options: { scenariosDir?: string; classroom?: boolean } = {}): Promise<E2eServer> {
  const work = mkdtempSync(join(tmpdir(), 'kubelab-web-e2e-'));
  const webDir = join(work, 'web');
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir: webDir, sourcemap: false } });
  let server: LabServer;
  try {
    server = await startLabServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(work, 'data'),
      webDir,
      kubectl: await graderKubectl(join(tmpdir(), 'kubelab-test-data')),
      ...(options.scenariosDir ? { scenariosDir: options.scenariosDir } : {}),
      ...(options.classroom ? { classroom: true } : {}),
    });
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  return {
    url: server.url.replace(/\/$/, ''),
    ...(server.instructorUrl ? { instructorUrl: server.instructorUrl } : {}),
    async stop() {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
