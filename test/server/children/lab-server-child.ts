// A lab server in a process of its own, for tests that kill it (kill -9) and start another on the
// same data directory. Tells the parent { url, instructorUrl } over IPC once it listens, and
// answers { kubeconfigOf: sessionId } with the path of that session's lab kubeconfig.

import { startLabServer } from '../../../server/lab-server.js';

const options = JSON.parse(process.argv[2] ?? '{}') as { dataDir: string; kubectl: string; classroom: boolean; maxLabs: number };

const server = await startLabServer({
  host: '127.0.0.1',
  port: 0,
  dataDir: options.dataDir,
  kubectl: options.kubectl,
  classroom: options.classroom,
  maxLabs: options.maxLabs,
  spares: false,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.send?.({ url: server.url, instructorUrl: server.instructorUrl });

process.on('message', (message: { kubeconfigOf?: string }) => {
  if (message.kubeconfigOf === undefined) return;
  const lab = server.sessions.get(message.kubeconfigOf)?.lab;
  process.send?.({ kubeconfigOf: message.kubeconfigOf, path: lab?.cluster?.kubeconfigPath ?? null, state: lab?.state ?? null });
});
// The test ended without killing us: do not outlive it.
process.on('disconnect', () => process.exit(0));
