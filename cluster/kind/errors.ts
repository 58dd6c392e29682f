// What went wrong with the kind runtime, and what the user does about it. Every error carries the
// fix as its own field, so the CLI and the web lab can show it apart from the message.

export type KindProblem =
  | 'docker-missing'
  | 'docker-unreachable'
  | 'kind-missing'
  | 'kind-too-old'
  | 'cgroup-v1'
  | 'name-clash'
  | 'create-failed'
  | 'not-ready'
  | 'command-failed';

export class KindRuntimeError extends Error {
  constructor(
    readonly problem: KindProblem,
    /** What happened, without the fix. */
    readonly summary: string,
    readonly fix: string,
  ) {
    super(`${summary}: ${fix}`);
  }
}

export const INSTALL_DOCKER = 'install Docker Engine (https://docs.docker.com/engine/install/) or Docker Desktop, start it, and make sure `docker info` works for this user';
export const INSTALL_KIND = 'install kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation) and put it on PATH';

export function dockerMissing(): KindRuntimeError {
  return new KindRuntimeError('docker-missing', 'the docker command is not installed', INSTALL_DOCKER);
}

export function dockerUnreachable(detail: string): KindRuntimeError {
  const fix = /permission denied/i.test(detail)
    ? 'add this user to the "docker" group (`sudo usermod -aG docker $USER`, then log in again) or run kubelab as a user that may use the Docker socket'
    : 'start the Docker daemon (e.g. `sudo systemctl start docker`, or open Docker Desktop); in docker compose, mount /var/run/docker.sock into the lab container';
  return new KindRuntimeError('docker-unreachable', `the Docker daemon cannot be reached (${detail.trim() || 'docker info failed'})`, fix);
}

export function kindMissing(): KindRuntimeError {
  return new KindRuntimeError('kind-missing', 'the kind command is not installed', INSTALL_KIND);
}

export function kindTooOld(found: string, needed: string, image: string): KindRuntimeError {
  return new KindRuntimeError('kind-too-old', `kind ${found} is too old for ${image}, which needs kind ${needed} or newer`, `upgrade kind to ${needed} or newer (https://github.com/kubernetes-sigs/kind/releases)`);
}

export function cgroupV1(image: string): KindRuntimeError {
  return new KindRuntimeError(
    'cgroup-v1',
    `the Docker host runs cgroup v1, and ${image} needs cgroup v2 (Kubernetes 1.35+ node images dropped cgroup v1)`,
    'boot the Docker host with the unified cgroup hierarchy (kernel parameter systemd.unified_cgroup_hierarchy=1), or pick an older Kubernetes version',
  );
}

export function nameClash(kindName: string): KindRuntimeError {
  return new KindRuntimeError('name-clash', `a kind cluster named "${kindName}" already exists`, `delete it with \`kubelab cluster down ${kindName}\` (or \`kind delete cluster --name ${kindName}\`), or pick another name`);
}
