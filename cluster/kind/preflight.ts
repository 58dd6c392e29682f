// What the kind runtime needs before `kind create cluster` is worth trying: a reachable Docker
// daemon (kind asks `docker info --format '{{json .}}'` too), a kind release new enough for the
// node image, and cgroup v2 on the Docker host for images that dropped cgroup v1. Each problem
// comes back as a KindRuntimeError that says how to fix it.

import { z } from 'zod';
import { VERSIONS, type KubeVersion } from '../versions.js';
import { runCommand, ToolNotFoundError, type CommandRunner } from './command-runner.js';
import { cgroupV1, dockerMissing, dockerUnreachable, kindMissing, KindRuntimeError, kindTooOld } from './errors.js';
import { atLeast, parseKindVersion, releaseVersion, type KindVersion } from './kind-version.js';

const DOCKER_INFO = z.object({
  ServerVersion: z.string().default(''),
  CgroupVersion: z.string().default(''),
  MemTotal: z.number().default(0),
  NCPU: z.number().default(0),
  OperatingSystem: z.string().default(''),
});

export interface DockerHostInfo {
  serverVersion: string;
  /** "1" or "2" as the daemon reports it; "" when it does not say. */
  cgroupVersion: string;
  memTotalBytes: number;
  cpus: number;
  operatingSystem: string;
}

export async function dockerHostInfo(run: CommandRunner = runCommand): Promise<DockerHostInfo> {
  let result;
  try {
    result = await run('docker', ['info', '--format', '{{json .}}'], { timeoutMs: 30_000 });
  } catch (e) {
    if (e instanceof ToolNotFoundError) throw dockerMissing();
    throw e;
  }
  // Without a daemon, docker still prints the client half of the JSON, but exits 1.
  if (result.code !== 0) throw dockerUnreachable(result.stderr.split('\n').find((l) => l.trim()) ?? '');
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    throw dockerUnreachable(`docker info printed no JSON: ${result.stdout.slice(0, 120)}`);
  }
  const info = DOCKER_INFO.parse(json);
  return { serverVersion: info.ServerVersion, cgroupVersion: info.CgroupVersion, memTotalBytes: info.MemTotal, cpus: info.NCPU, operatingSystem: info.OperatingSystem };
}

export async function installedKindVersion(run: CommandRunner = runCommand): Promise<KindVersion> {
  let result;
  try {
    result = await run('kind', ['version'], { timeoutMs: 30_000 });
  } catch (e) {
    if (e instanceof ToolNotFoundError) throw kindMissing();
    throw e;
  }
  const version = result.code === 0 ? parseKindVersion(result.stdout) : undefined;
  if (!version) throw new KindRuntimeError('kind-missing', `\`kind version\` did not print a kind version (exit ${result.code}: ${(result.stdout + result.stderr).trim().slice(0, 200)})`, 'reinstall kind from https://kind.sigs.k8s.io');
  return version;
}

/** The problems of running `version`'s node image with this kind on this Docker host (empty: none). */
export function imageProblems(version: KubeVersion, kind: KindVersion, docker: DockerHostInfo): KindRuntimeError[] {
  const image = VERSIONS[version].kind;
  const problems: KindRuntimeError[] = [];
  if (!atLeast(kind, releaseVersion(image.minVersion))) problems.push(kindTooOld(kind.text, image.minVersion, image.nodeImage));
  if (image.requiresCgroupV2 && docker.cgroupVersion === '1') problems.push(cgroupV1(image.nodeImage));
  return problems;
}

/** Throws the first reason `kind create cluster` for this version cannot work here. */
export async function preflight(version: KubeVersion, run: CommandRunner = runCommand): Promise<{ kind: KindVersion; docker: DockerHostInfo }> {
  const docker = await dockerHostInfo(run);
  const kind = await installedKindVersion(run);
  const [problem] = imageProblems(version, kind, docker);
  if (problem) throw problem;
  return { kind, docker };
}
