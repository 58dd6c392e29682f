// What every fidelity file needs: the real kubectl clients to drive (1.35 installed from the npm
// registry when missing), embedded clusters on a frozen clock (so server-side AGE and CREATED AT
// cells are exact), kubeconfigs for other identities, and a reader for kubectl's tables.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureKubectl, findOnPath, installedPath, type KubectlBinary } from '../../cluster/tools/kubectl.js';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import { renderKubeconfig } from '../../cluster/kubeconfig.js';
import type { KubeVersion } from '../../cluster/versions.js';
import { kubectlRunner, minorOf, supportedKubectls, type KubectlRunner } from '../support/kubectl.js';

const TEST_DATA_DIR = join(tmpdir(), 'kubelab-test-data');

/**
 * Every real kubectl this machine has (1.31+), newest last, without the gcloud dispatcher (it
 * picks another binary by server version, so it is not a client of its own). kubectl 1.35 comes
 * from the npm registry package the lab installs; without network the suite runs without it.
 */
export async function fidelityKubectls(): Promise<KubectlBinary[]> {
  await installNewestKubectl();
  return (await supportedKubectls()).filter((k) => !k.gitVersion.includes('dispatcher'));
}

async function installNewestKubectl(): Promise<void> {
  if (existsSync(installedPath(TEST_DATA_DIR))) return;
  // Several test files start at once: one installs, the others wait for the binary.
  const lock = `${installedPath(TEST_DATA_DIR)}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
  try {
    mkdirSync(lock);
  } catch {
    for (let waited = 0; waited < 120_000 && existsSync(lock); waited += 250) await sleep(250);
    return;
  }
  try {
    await withKubectlHiddenFromPath(() => ensureKubectl(TEST_DATA_DIR));
  } catch (e) {
    console.warn(`fidelity: kubectl 1.35 not installed (${(e as Error).message}); running with the clients on this machine`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** ensureKubectl installs only when no kubectl is on PATH: show it a PATH with just node, npm and tar. */
async function withKubectlHiddenFromPath<T>(fn: () => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-path-'));
  for (const tool of ['node', 'npm', 'tar', 'gzip']) {
    const found = findOnPath(tool);
    if (found) symlinkSync(found, join(dir, tool));
  }
  const saved = process.env.PATH;
  process.env.PATH = dir;
  try {
    return await fn();
  } finally {
    process.env.PATH = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface FidelityCluster {
  cluster: EmbeddedCluster;
  /** The cluster's frozen "now": every object created during the test is exactly this old (0s). */
  now: Date;
  /** kubectl as kubernetes-admin, per client minor. */
  admin(client: KubectlBinary): KubectlRunner;
  /** kubectl with a bearer-token kubeconfig (no client certificate), per client minor. */
  withToken(client: KubectlBinary, token: string): KubectlRunner;
  stop(): Promise<void>;
}

/**
 * An embedded cluster whose clock stands still at start-up, so the server-computed cells
 * (AGE, CREATED AT) are exact: bootstrap objects are 60s old, everything created later 0s.
 */
export async function startFidelityCluster(version: KubeVersion): Promise<FidelityCluster> {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-fidelity-'));
  const name = `f${version.replace('.', '')}-${process.pid % 100000}`;
  const cluster = await startEmbeddedCluster({ spec: { name, version }, dataDir, clock: () => now });
  const runners = new Map<string, KubectlRunner>();
  const runner = (key: string, client: KubectlBinary, kubeconfig: () => string) => {
    let r = runners.get(key);
    if (!r) runners.set(key, (r = kubectlRunner(client, kubeconfig())));
    return r;
  };
  return {
    cluster,
    now,
    admin: (client) => runner(`admin ${client.path}`, client, () => cluster.kubeconfigPath),
    withToken: (client, token) =>
      runner(`${token} ${client.path}`, client, () => {
        const path = join(dataDir, `token-${runners.size}.kubeconfig`);
        const ca = caOf(cluster);
        writeFileSync(path, renderKubeconfig({ clusterName: name, server: cluster.server, caPem: ca, user: { token } }), { mode: 0o600 });
        return path;
      }),
    async stop() {
      await cluster.delete();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function caOf(cluster: EmbeddedCluster): string {
  // The admin kubeconfig embeds the CA; reuse it rather than reach into the cluster's PKI.
  const kubeconfig = readFileSync(cluster.kubeconfigPath, 'utf8');
  const data = /certificate-authority-data: (\S+)/.exec(kubeconfig)?.[1];
  if (!data) throw new Error(`no CA in ${cluster.kubeconfigPath}`);
  return Buffer.from(data, 'base64').toString('utf8');
}

/**
 * kubectl's column output as rows of cells, cut at the header's column starts (kubectl aligns
 * every row to them), cells trimmed; empty cells stay empty strings. Several kinds print several
 * tables, one after another with a blank line between: each is cut at its own header.
 */
export function readTable(text: string): string[][] {
  return text.split(/\n\n+/).flatMap((block) => {
    const lines = block.split('\n').filter((l) => l.length > 0);
    const header = lines[0] ?? '';
    const starts = [...header.matchAll(/(?:^|(?<=\s{2}))\S/g)].map((m) => m.index);
    return lines.map((line) => starts.map((s, i) => line.slice(s, starts[i + 1] ?? line.length).trim()));
  });
}

/** The client's minor, for expectations that changed between kubectl releases. */
export function clientMinor(client: KubectlBinary): number {
  return minorOf(client);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
