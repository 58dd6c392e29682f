// A container's filesystem: the image (family, programs, /etc), what the kubelet and runtime
// mount into it (/etc/hosts, /etc/hostname, /etc/resolv.conf, /dev/termination-log, volumes) and
// a synthetic /proc. Also the mount table `mount` and /proc/mounts show.

import { createHash } from 'node:crypto';
import { MemoryFs } from './fs/memory-fs.js';
import type { ImageFamily } from './image/families.js';
import type { ImageProfile } from './image/images.js';
import type { MountEntry } from './shell/system.js';
import type { VolumeContent } from './volumes.js';

export interface ContainerMount {
  mountPath: string;
  readOnly: boolean;
  content: VolumeContent;
}

export interface ContainerFsInput {
  family: ImageFamily;
  profile: ImageProfile;
  /** Pod uid + container name: seeds the overlay snapshot ids so they stay stable. */
  identity: string;
  etc: { hostname: string; hosts: string; resolvConf: string };
  mainCommandLine: string;
  mainEnvironment: ReadonlyMap<string, string>;
  kernelRelease: string;
  readOnlyRootFilesystem: boolean;
  mounts: readonly ContainerMount[];
  clock: () => Date;
}

const PROC_OPTIONS = 'rw,nosuid,nodev,noexec,relatime';

function overlayOptions(identity: string, readOnly: boolean): string {
  const seed = createHash('sha256').update(identity).digest().readUInt16BE(0);
  const snapshots = '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots';
  const lower = [seed % 40 + 3, seed % 40 + 2, 1].map((n) => `${snapshots}/${n}/fs`).join(':');
  const upper = seed % 40 + 60;
  return `${readOnly ? 'ro' : 'rw'},relatime,lowerdir=${lower},upperdir=${snapshots}/${upper}/fs,workdir=${snapshots}/${upper}/work`;
}

/** The mounts runc sets up, in the order /proc/mounts lists them. */
export function mountTable(input: ContainerFsInput): MountEntry[] {
  const disk = (target: string, readOnly = false): MountEntry => ({ source: '/dev/sda1', target, type: 'ext4', options: `${readOnly ? 'ro' : 'rw'},relatime` });
  const masked = (target: string): MountEntry => ({ source: 'tmpfs', target, type: 'tmpfs', options: 'ro,relatime,inode64' });
  const procReadOnly = (target: string): MountEntry => ({ source: 'proc', target, type: 'proc', options: 'ro,nosuid,nodev,noexec,relatime' });
  const volumes = input.mounts.map((m): MountEntry =>
    m.content.medium === 'tmpfs'
      ? { source: 'tmpfs', target: m.mountPath, type: 'tmpfs', options: `${m.readOnly ? 'ro' : 'rw'},relatime,size=8010664k,inode64` }
      : disk(m.mountPath, m.readOnly),
  );
  return [
    { source: 'overlay', target: '/', type: 'overlay', options: overlayOptions(input.identity, input.readOnlyRootFilesystem) },
    { source: 'proc', target: '/proc', type: 'proc', options: PROC_OPTIONS },
    { source: 'tmpfs', target: '/dev', type: 'tmpfs', options: 'rw,nosuid,size=65536k,mode=755,inode64' },
    { source: 'devpts', target: '/dev/pts', type: 'devpts', options: 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666' },
    { source: 'mqueue', target: '/dev/mqueue', type: 'mqueue', options: PROC_OPTIONS },
    { source: 'sysfs', target: '/sys', type: 'sysfs', options: 'ro,nosuid,nodev,noexec,relatime' },
    { source: 'cgroup', target: '/sys/fs/cgroup', type: 'cgroup2', options: 'ro,nosuid,nodev,noexec,relatime' },
    ...volumes,
    disk('/etc/hosts'),
    disk('/dev/termination-log'),
    disk('/etc/hostname'),
    disk('/etc/resolv.conf'),
    { source: 'shm', target: '/dev/shm', type: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=65536k,inode64' },
    procReadOnly('/proc/bus'),
    procReadOnly('/proc/fs'),
    procReadOnly('/proc/irq'),
    procReadOnly('/proc/sys'),
    procReadOnly('/proc/sysrq-trigger'),
    masked('/proc/acpi'),
    { source: 'tmpfs', target: '/proc/kcore', type: 'tmpfs', options: 'rw,nosuid,size=65536k,mode=755,inode64' },
    { source: 'tmpfs', target: '/proc/keys', type: 'tmpfs', options: 'rw,nosuid,size=65536k,mode=755,inode64' },
    { source: 'tmpfs', target: '/proc/timer_list', type: 'tmpfs', options: 'rw,nosuid,size=65536k,mode=755,inode64' },
    masked('/proc/scsi'),
    masked('/sys/firmware'),
  ];
}

export function buildContainerFs(input: ContainerFsInput, mounts: readonly MountEntry[]): MemoryFs {
  const { family, profile } = input;
  const fs = new MemoryFs(input.clock);
  for (const dir of family.rootDirs) fs.mkdirs(`/${dir}`);
  fs.mkdirs('/tmp', { uid: 0, gid: 0 }, 0o1777);
  fs.mkdirs('/root', { uid: 0, gid: 0 }, 0o700);
  for (const [dir, names] of Object.entries(family.programs)) {
    for (const name of names) fs.install(`${dir}/${name}`, '\x7fELF\x02\x01\x01', { mode: 0o755, program: family.shells[name] ?? name });
  }
  const users = profile.users ?? { passwd: '', group: '' };
  fs.install('/etc/passwd', family.passwd + users.passwd);
  fs.install('/etc/group', family.group + users.group);
  if (family.osRelease) {
    fs.install('/usr/lib/os-release', family.osRelease);
    fs.install('/etc/os-release', family.osRelease);
  }

  // The root filesystem is read-only with readOnlyRootFilesystem; the runtime's own mounts are not.
  fs.mount('/', input.readOnlyRootFilesystem);
  for (const [path, content] of [
    ['/etc/hostname', `${input.etc.hostname}\n`],
    ['/etc/hosts', input.etc.hosts],
    ['/etc/resolv.conf', input.etc.resolvConf],
    ['/dev/termination-log', ''],
  ] as const) {
    fs.install(path, content);
    fs.mount(path, false);
  }
  fs.installNull('/dev/null');
  for (const dir of ['/dev/pts', '/dev/shm', '/dev/mqueue', '/sys/fs/cgroup']) fs.mkdirs(dir);
  fs.mount('/dev/shm', false);

  fs.install('/proc/1/cmdline', input.mainCommandLine);
  fs.install('/proc/1/environ', [...input.mainEnvironment].map(([k, v]) => `${k}=${v}\0`).join(''));
  fs.install('/proc/mounts', mounts.map((m) => `${m.source} ${m.target} ${m.type} ${m.options} 0 0\n`).join(''));
  fs.install('/proc/version', `Linux version ${input.kernelRelease} (buildd@lcy02-amd64) (gcc) #1 SMP PREEMPT_DYNAMIC\n`);
  fs.mount('/proc', true);
  fs.mount('/sys', true);

  for (const mount of input.mounts) {
    fs.mount(mount.mountPath, mount.readOnly);
    for (const [path, content] of mount.content.files) fs.install(`${mount.mountPath}/${path}`, content);
  }
  return fs;
}

/** The kubelet's managed /etc/hosts (managedHostsFileContent). */
export function hostsFile(ips: readonly string[], hostname: string, domain: string | undefined, aliases: readonly { ip?: string; hostnames?: string[] }[]): string {
  let content = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  for (const ip of ips) content += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  if (aliases.length) {
    content += '\n# Entries added by HostAliases.\n';
    for (const alias of aliases) content += `${alias.ip ?? ''}\t${(alias.hostnames ?? []).join('\t')}\n`;
  }
  return content;
}

/** A host-network pod sees the node's own hosts file, with the kubelet's header. */
export function hostNetworkHostsFile(nodeIP: string, nodeName: string): string {
  return `# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${nodeIP}\t${nodeName}\n`;
}

export interface DnsSettings {
  servers: readonly string[];
  domain: string;
}

/** resolv.conf as containerd writes it from the kubelet's DNS config. */
export function resolvConf(dnsPolicy: string | undefined, hostNetwork: boolean, namespace: string, dns: DnsSettings): string {
  const cluster = dnsPolicy === 'ClusterFirstWithHostNet' || ((dnsPolicy ?? 'ClusterFirst') === 'ClusterFirst' && !hostNetwork);
  if (!cluster || dnsPolicy === 'None') return 'nameserver 172.18.0.1\noptions ndots:0\n';
  const search = [`${namespace}.svc.${dns.domain}`, `svc.${dns.domain}`, dns.domain];
  return `search ${search.join(' ')}\nnameserver ${dns.servers.join('\nnameserver ')}\noptions ndots:5\n`;
}
