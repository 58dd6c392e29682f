// One simulated container: its image, filesystem, environment, user, processes and tokens, built
// from the pod spec the way the kubelet and containerd would set it up. It is what processes see
// (ContainerView) and what exec sessions, /run and /containerLogs act on.

import type { ClusterObjects, IssuePodToken, TokenResult } from './cluster-objects.js';
import { buildContainerFs, hostNetworkHostsFile, hostsFile, mountTable, resolvConf, type ContainerMount, type DnsSettings } from './container-fs.js';
import { containerEnvironment } from './environment.js';
import type { MemoryFs } from './fs/memory-fs.js';
import { FAMILIES, type ImageFamily } from './image/families.js';
import { imageProfile, type ImageProfile } from './image/images.js';
import type { ContainerSpec, PodView } from './pod-view.js';
import type { ContainerView, Identity, Kernel, MountEntry, ProcessEntry } from './shell/system.js';
import { issueTokenFile, tokenNeedsRefresh, volumeContent, type TokenFile } from './volumes.js';

export interface ContainerContext {
  pod: PodView;
  spec: ContainerSpec;
  objects: ClusterObjects;
  nodeName: string;
  dns: DnsSettings;
  kernel: Kernel;
  clock: () => Date;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

function parsePasswd(text: string): PasswdEntry[] {
  return text
    .split('\n')
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 7 && /^\d+$/.test(f[2]!))
    .map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! }));
}

function parseGroups(text: string): { name: string; gid: number; members: string[] }[] {
  return text
    .split('\n')
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 3 && /^\d+$/.test(f[2]!))
    .map((f) => ({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
}

/** runAsUser/runAsGroup (container over pod) over the image's USER; groups as containerd adds them. */
function identityOf(profile: ImageProfile, family: ImageFamily, ctx: ContainerContext): Identity {
  const container = ctx.spec.securityContext ?? {};
  const pod = ctx.pod.spec.securityContext ?? {};
  const uid = container.runAsUser ?? pod.runAsUser ?? profile.uid;
  const users = parsePasswd(family.passwd + (profile.users?.passwd ?? ''));
  const user = users.find((u) => u.uid === uid);
  const gid = container.runAsGroup ?? pod.runAsGroup ?? user?.gid ?? 0;
  const member = user ? parseGroups(family.group + (profile.users?.group ?? '')).filter((g) => g.members.includes(user.name)).map((g) => g.gid) : [];
  const extra = [...(pod.supplementalGroups ?? []), ...(pod.fsGroup !== undefined ? [pod.fsGroup] : [])];
  return { uid, gid, groups: [...new Set([gid, ...member, ...extra])] };
}

/** The pod's hostname: spec.hostname, else the pod name cut to 63 characters; the node's on hostNetwork. */
function hostnameOf(ctx: ContainerContext): string {
  if (ctx.pod.spec.hostNetwork) return ctx.nodeName;
  return (ctx.pod.spec.hostname ?? ctx.pod.name).slice(0, 63).replace(/[-.]+$/, '');
}

/** Kubernetes: command replaces ENTRYPOINT (and drops CMD); args replaces CMD. */
export function mainArgv(profile: ImageProfile, spec: ContainerSpec): string[] {
  if (spec.command?.length) return [...spec.command, ...(spec.args ?? [])];
  return [...profile.entrypoint, ...(spec.args ?? profile.cmd)];
}

export class SimulatedContainer implements ContainerView {
  readonly family: ImageFamily;
  readonly profile: ImageProfile;
  readonly identity: Identity;
  readonly hostname: string;
  readonly kernel: Kernel;
  readonly mounts: readonly MountEntry[];
  readonly fs: MemoryFs;
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  readonly argv: readonly string[];
  readonly clock: () => Date;
  readonly pod: PodView;
  readonly spec: ContainerSpec;
  private readonly tokens: TokenFile[];
  private readonly live = new Map<number, ProcessEntry>();
  private lastPid = 1;

  constructor(ctx: ContainerContext) {
    this.pod = ctx.pod;
    this.spec = ctx.spec;
    this.clock = ctx.clock;
    this.kernel = ctx.kernel;
    this.profile = imageProfile(ctx.spec.image);
    this.family = FAMILIES[this.profile.family];
    this.identity = identityOf(this.profile, this.family, ctx);
    this.hostname = hostnameOf(ctx);
    this.cwd = ctx.spec.workingDir || '/';
    this.argv = mainArgv(this.profile, ctx.spec);
    const home = parsePasswd(this.family.passwd + (this.profile.users?.passwd ?? '')).find((u) => u.uid === this.identity.uid)?.home ?? '/';
    this.env = containerEnvironment({ pod: ctx.pod, container: ctx.spec, profile: this.profile, path: this.family.path, hostname: this.hostname, home, objects: ctx.objects });

    const volumes = new Map((ctx.pod.spec.volumes ?? []).map((v) => [v.name, v]));
    const mounts: ContainerMount[] = (ctx.spec.volumeMounts ?? []).flatMap((m) => {
      const volume = volumes.get(m.name);
      return volume ? [{ mountPath: m.mountPath, readOnly: m.readOnly ?? false, content: volumeContent(ctx.pod, volume, m.mountPath, ctx.objects) }] : [];
    });
    this.tokens = mounts.flatMap((m) => m.content.tokens);
    const { spec: podSpec, status } = ctx.pod;
    const domain = podSpec.subdomain ? `${podSpec.subdomain}.${ctx.pod.namespace}.svc.${ctx.dns.domain}` : undefined;
    const fsInput = {
      family: this.family,
      profile: this.profile,
      identity: `${ctx.pod.uid}/${ctx.spec.name}`,
      etc: {
        hostname: this.hostname,
        hosts: podSpec.hostNetwork
          ? hostNetworkHostsFile(status.hostIP ?? '', ctx.nodeName)
          : hostsFile(status.podIP ? [status.podIP] : [], this.hostname, domain, podSpec.hostAliases ?? []),
        resolvConf: resolvConf(podSpec.dnsPolicy, podSpec.hostNetwork ?? false, ctx.pod.namespace, ctx.dns),
      },
      mainCommandLine: this.profile.processTitle && !ctx.spec.command?.length ? `${this.profile.processTitle}\0` : this.argv.map((a) => `${a}\0`).join(''),
      mainEnvironment: this.env,
      kernelRelease: ctx.kernel.release,
      readOnlyRootFilesystem: ctx.spec.securityContext?.readOnlyRootFilesystem ?? false,
      mounts,
      clock: ctx.clock,
    };
    this.mounts = mountTable(fsInput);
    this.fs = buildContainerFs(fsInput, this.mounts);
    for (const token of this.tokens) this.fs.install(token.path, '');
  }

  allocatePid(): number {
    // Each exec costs the runtime a few pids (runc init, the shim's helpers) before the process.
    this.lastPid += 6;
    return this.lastPid;
  }

  /** Shows a running exec process in `ps` until the returned function is called. */
  track(pid: number, command: string): () => void {
    this.live.set(pid, { pid, uid: this.identity.uid, command });
    return () => this.live.delete(pid);
  }

  processes(): ProcessEntry[] {
    const title = this.profile.processTitle && !this.spec.command?.length ? this.profile.processTitle : this.argv.join(' ');
    return [{ pid: 1, uid: this.identity.uid, command: title }, ...[...this.live.values()].sort((a, b) => a.pid - b.pid)];
  }

  private passwd(): PasswdEntry[] {
    const read = this.fs.readFile('/etc/passwd');
    return read.ok ? parsePasswd(read.value) : [];
  }

  userName(uid: number): string | undefined {
    return this.passwd().find((u) => u.uid === uid)?.name;
  }

  groupName(gid: number): string | undefined {
    const read = this.fs.readFile('/etc/group');
    return read.ok ? parseGroups(read.value).find((g) => g.gid === gid)?.name : undefined;
  }

  /**
   * Makes sure every projected ServiceAccount token is fresh, issuing it through TokenRequest
   * bound to this pod. Returns the errors of tokens that could not be issued.
   */
  async refreshTokens(issue: IssuePodToken): Promise<string[]> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const errors: string[] = [];
    for (const token of this.tokens) {
      if (!tokenNeedsRefresh(token, now)) continue;
      const issued = await issueTokenFile(this.pod, token, issue).catch((error: unknown): TokenResult => ({ ok: false, error: String(error) }));
      if (!issued.ok) {
        errors.push(issued.error);
        continue;
      }
      token.issuedAt = now;
      this.fs.install(token.path, issued.token);
    }
    return errors;
  }
}
