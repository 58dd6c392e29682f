// `kubelab start`: the web lab in the foreground until SIGINT/SIGTERM, which delete every lab
// cluster and end every shell before the process exits 0. With --runtime kind each lab gets a
// real kind cluster instead of an embedded one.

import { userInfo } from 'node:os';
import { isIP } from 'node:net';
import { UsageError, type Command, type CommandIO } from '../command.js';
import { dataDir } from '../data-dir.js';
import { startLabServer, type LabServerOptions } from '../../server/lab-server.js';
import { graderKubectl } from '../../server/grading/kubectl.js';
import { KindProvider } from '../../cluster/kind/kind-provider.js';
import { kindProviderOptions } from '../../cluster/kind/settings.js';
import { kindClusterName } from '../../cluster/kind/names.js';
import { runDoctor } from '../../cluster/kind/host-doctor.js';
import { isKindAdoption } from '../../server/persistence/journal.js';
import { KUBE_VERSIONS } from '../../cluster/versions.js';

export const start: Command = {
  path: ['start'],
  summary: 'Run the web lab (scenarios, browser terminal, checks) until Ctrl-C',
  details: [
    'Serves the lab on http://HOST:PORT/. Each browser session gets its own embedded cluster and a',
    'bash shell on this machine, as the user running kubelab. So the lab listens on the loopback',
    'address only, unless --expose is given as well as another --host.',
    '',
    'Examples:',
    '  kubelab start',
    '  kubelab start --port 8080 --data-dir /tmp/lab',
    '  kubelab start --runtime kind            (real kind clusters; Docker needed: `kubelab doctor`)',
    '  kubelab start --classroom --host 0.0.0.0 --expose   (a workshop or exam: prints the instructor URL)',
    '',
    'Classroom mode: learners join a class with its code and get a sandboxed shell (bubblewrap);',
    'the instructor opens the printed URL, which holds a one-time secret. Progress, results and',
    'each learner\'s cluster are kept in DATA_DIR/kubelab.db and come back after a restart.',
  ].join('\n'),
  options: {
    host: { type: 'string', description: 'Address to listen on', valueName: 'ADDR', default: '127.0.0.1' },
    port: { type: 'string', description: 'Port to listen on', valueName: 'PORT', default: '3000' },
    runtime: { type: 'string', description: 'Where lab clusters run: embedded (in this process) or kind', valueName: 'RUNTIME', default: 'embedded' },
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
    expose: { type: 'boolean', description: 'Allow a --host other machines can reach: every visitor gets a shell on this machine' },
    'idle-minutes': { type: 'string', description: 'Delete a lab nobody used for this long', valueName: 'MIN', default: '120' },
    'max-labs': { type: 'string', description: 'Labs (clusters) running at once, over all sessions', valueName: 'N', default: '20' },
    'isolate-networks': { type: 'boolean', description: 'kind runtime: one Docker network per cluster, so labs cannot reach each other' },
    classroom: { type: 'boolean', description: 'Classroom mode: an instructor, classes with join codes, exams, sandboxed shells' },
  },
  async run(values, _positionals, io) {
    const host = String(values.host);
    const port = wholeNumber(values.port, '--port', 0, 65535);
    const idleMinutes = wholeNumber(values['idle-minutes'], '--idle-minutes', 1, 7 * 24 * 60);
    const maxLabs = wholeNumber(values['max-labs'], '--max-labs', 1, 1000);
    if (values.runtime !== 'embedded' && values.runtime !== 'kind') throw new UsageError(`unknown --runtime "${String(values.runtime)}": use embedded or kind`);
    const loopback = isLoopback(host);
    if (!loopback && values.expose !== true) {
      throw new UsageError(
        `refusing to listen on ${host}: other machines could reach it, and the lab hands every visitor a bash shell on this machine. ` +
          'Use the default --host 127.0.0.1, or add --expose if that is really what you want.',
      );
    }

    const user = userInfo().username;
    const dir = dataDir(values['data-dir']);
    const runtime = values.runtime === 'kind' ? await kindRuntime(dir, values['isolate-networks'] === true, io) : {};
    const classroom = values.classroom === true;
    const server = await startLabServer({ host, port, dataDir: dir, exposed: !loopback, idleTimeoutMs: idleMinutes * 60_000, maxLabs, classroom, runtime: values.runtime === 'kind' ? 'kind' : 'embedded', log: io.err, ...runtime });
    if (classroom) {
      io.err(`kubelab classroom: ${server.url} (learners open ${server.url}join)`);
      io.err(`Instructor: open ${server.instructorUrl ?? ''}`);
      io.err('  (a one-time link: the first browser to open it becomes the instructor; a restart prints a new one)');
      io.err(`Listening on ${host}${loopback ? ' (loopback only: learners on other machines cannot reach it)' : ''}. Learners need a class join code; their shells are sandboxed.`);
    } else if (loopback) {
      io.err(`kubelab web lab: ${server.url}`);
      io.err(`Listening on ${host} (loopback) only: other machines cannot reach it. Each session gets a bash shell as "${user}".`);
    } else {
      io.err('!'.repeat(78));
      io.err(`!! kubelab is listening on ${host}:${server.port}: ANYONE WHO CAN REACH THIS PORT GETS A BASH`);
      io.err(`!! SHELL ON THIS MACHINE AS "${user}", with cluster-admin on their lab cluster. There are no`);
      io.err('!! accounts in this mode. Use it only on a network you trust, and stop it with Ctrl-C.');
      io.err('!'.repeat(78));
      io.err(`kubelab web lab: ${server.url}`);
    }
    io.err('Press Ctrl-C to stop it.');

    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    const running = server.labs.running;
    io.err(`${signal}: saving and stopping ${running} lab cluster${running === 1 ? '' : 's'} and ending the shells ... (press Ctrl-C again to quit at once)`);
    process.once('SIGINT', () => process.exit(130));
    await server.close();
    io.err('kubelab web lab stopped.');
    return 0;
  },
};

/**
 * The lab server options for kind clusters. Refuses to start when kind cannot work here (with the
 * doctor's fixes), says which versions cannot run, and names clusters left by an earlier run.
 */
async function kindRuntime(dir: string, isolateNetworks: boolean, io: CommandIO): Promise<Partial<LabServerOptions>> {
  const report = await runDoctor({ dataDir: dir });
  if (!report.kind.usable) {
    const fixes = report.checks.filter((c) => c.status === 'fail' && c.blocks.includes('kind')).map((c) => `${c.title}: ${c.detail}${c.fix ? ` (fix: ${c.fix})` : ''}`);
    throw new Error(`the kind runtime cannot run on this machine:\n  ${fixes.join('\n  ') || 'no Kubernetes version can run (see `kubelab doctor`)'}`);
  }
  for (const v of KUBE_VERSIONS) {
    const { usable, problems } = report.kind.versions[v];
    if (!usable) io.err(`kubelab: v${v} labs will fail here: ${problems.join('; ')}`);
  }
  const kubectl = await graderKubectl(dir, io.err);
  const provider = new KindProvider(kindProviderOptions(dir, { kubectl, isolateNetworks }));
  const leftovers = await provider.list();
  if (leftovers.length) io.err(`kubelab: ${leftovers.length} kind cluster(s) from an earlier run are still up (${leftovers.join(', ')}); \`kubelab cluster down --all\` deletes them.`);
  return {
    kubectl,
    // A kind cluster takes a minute or more and a GiB or so: no prepared spares.
    spares: false,
    startCluster: async (spec, { kubeconfigPath, progress, restore }) => {
      // A learner's kind cluster from before the restart is still running in Docker: adopt it.
      if (restore !== undefined) {
        if (!isKindAdoption(restore)) throw new Error('this lab was saved by an embedded cluster and cannot run on kind: press Reset for a fresh one');
        return provider.adoptOne(kindClusterName(restore.clusterName));
      }
      return provider.create(spec, progress, { kubeconfigPath });
    },
  };
}

function wholeNumber(value: unknown, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(String(value)) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${String(value)}"`);
  return n;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
