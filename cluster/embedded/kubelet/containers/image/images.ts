// Container images as data: which family an image belongs to, its ENTRYPOINT/CMD and ENV,
// its default user, the title its main process shows, and which log script its output follows.
// Rows match on the repository's last path segment; the first matching row wins (KWOK-style
// tables, no branches in the code that reads them).

import type { FamilyId } from './families.js';

export type LogScriptId = 'nginx' | 'coredns' | 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kube-proxy' | 'kindnetd' | 'local-path-provisioner';

export interface ImageProfile {
  family: FamilyId;
  entrypoint: readonly string[];
  cmd: readonly string[];
  env: readonly (readonly [string, string])[];
  /** Default uid (the image's USER). */
  uid: number;
  /** A main process that rewrites its argv shows this instead (nginx). */
  processTitle?: string;
  logs?: LogScriptId;
  /** Extra /etc/passwd and /etc/group lines the image adds. */
  users?: { passwd: string; group: string };
  /** The software version the image carries, when its logs mention it. */
  version?: string;
}

export interface ImageReference {
  /** Last path segment of the repository, e.g. "coredns" for registry.k8s.io/coredns/coredns. */
  name: string;
  tag: string;
}

export function parseImage(image: string): ImageReference {
  const withoutDigest = image.split('@')[0] ?? image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > slash;
  const repository = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  return { name: repository.slice(repository.lastIndexOf('/') + 1), tag: hasTag ? withoutDigest.slice(colon + 1) : 'latest' };
}

const versionOf = (tag: string, fallback: string) => /^v?(\d+\.\d+(\.\d+)?)/.exec(tag)?.[1] ?? fallback;

interface Row {
  match: RegExp;
  profile(ref: ImageReference): ImageProfile;
}

const shellImage = (family: FamilyId, cmd: string) => (): ImageProfile => ({ family, entrypoint: [], cmd: [cmd], env: [], uid: 0 });

/** Control-plane and add-on images: distroless, no shell, logs from their script. */
const distrolessApp = (logs: LogScriptId, entrypoint: string[], uid = 0) => (ref: ImageReference): ImageProfile => ({
  family: 'distroless',
  entrypoint,
  cmd: [],
  env: [],
  uid,
  logs,
  version: versionOf(ref.tag, ref.tag),
});

const ROWS: readonly Row[] = [
  { match: /^busybox$/, profile: shellImage('busybox', 'sh') },
  { match: /^alpine$/, profile: shellImage('alpine', '/bin/sh') },
  { match: /^ubuntu$/, profile: shellImage('ubuntu', '/bin/bash') },
  { match: /^debian$/, profile: shellImage('debian', 'bash') },
  {
    match: /^nginx$/,
    profile: (ref) => {
      const version = versionOf(ref.tag, '1.27.4');
      return {
        family: ref.tag.includes('alpine') ? 'alpine' : 'debian',
        entrypoint: ['/docker-entrypoint.sh'],
        cmd: ['nginx', '-g', 'daemon off;'],
        env: [
          ['NGINX_VERSION', version],
          ['NJS_VERSION', '0.8.9'],
          ['NJS_RELEASE', '1~bookworm'],
          ['PKG_RELEASE', '1~bookworm'],
          ['DYNPKG_RELEASE', '1~bookworm'],
        ],
        uid: 0,
        processTitle: 'nginx: master process nginx -g daemon off;',
        logs: 'nginx',
        users: { passwd: 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n', group: 'nginx:x:101:\n' },
        version,
      };
    },
  },
  { match: /^coredns$/, profile: distrolessApp('coredns', ['/coredns'], 65532) },
  { match: /^etcd$/, profile: distrolessApp('etcd', ['/usr/local/bin/etcd']) },
  { match: /^kube-apiserver$/, profile: distrolessApp('kube-apiserver', ['kube-apiserver']) },
  { match: /^kube-controller-manager$/, profile: distrolessApp('kube-controller-manager', ['kube-controller-manager']) },
  { match: /^kube-scheduler$/, profile: distrolessApp('kube-scheduler', ['kube-scheduler']) },
  { match: /^kube-proxy$/, profile: distrolessApp('kube-proxy', ['/usr/local/bin/kube-proxy']) },
  { match: /^kindnetd$/, profile: distrolessApp('kindnetd', ['/bin/kindnetd']) },
  { match: /^local-path-provisioner$/, profile: distrolessApp('local-path-provisioner', ['local-path-provisioner']) },
  { match: /^pause$/, profile: () => ({ family: 'distroless', entrypoint: ['/pause'], cmd: [], env: [], uid: 65535 }) },
];

/** The profile of any image; unknown ones are taken for Debian-based (alpine when the tag says so). */
export function imageProfile(image: string): ImageProfile {
  const ref = parseImage(image);
  const row = ROWS.find((r) => r.match.test(ref.name));
  if (row) return row.profile(ref);
  return shellImage(ref.tag.includes('alpine') ? 'alpine' : 'debian', 'sh')();
}
