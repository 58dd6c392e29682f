// /logs/: the kubelet serves the node's /var/log with Go's http.FileServer (behind
// http.StripPrefix("/logs/")). The tree is a kind node's: package-manager logs, the journal, and the
// CRI container logs under pods/ (with the containers/ symlinks) filled from the simulated containers.

import { createHash } from 'node:crypto';
import { formatTime } from '../../apiserver/storage/store.js';
import type { KubeObject } from '../../apiserver/types.js';
import { goNotFound } from '../plain-response.js';
import type { EndpointHandler, KubeletContext, KubeletReply } from './types.js';

interface Dir {
  kind: 'dir';
  children: Map<string, Node>;
}
type Node = Dir | { kind: 'file'; content: () => string | Buffer };

const dir = (): Dir => ({ kind: 'dir', children: new Map() });
const file = (content: () => string | Buffer): Node => ({ kind: 'file', content });

function put(root: Dir, path: string, node: Node): void {
  const parts = path.split('/').filter(Boolean);
  let current = root;
  for (const part of parts.slice(0, -1)) {
    const existing = current.children.get(part);
    const next: Dir = existing?.kind === 'dir' ? existing : dir();
    current.children.set(part, next);
    current = next;
  }
  current.children.set(parts[parts.length - 1]!, node);
}

interface PodShape {
  spec?: { containers?: { name: string }[] };
  status?: { containerStatuses?: { name: string; containerID?: string; restartCount?: number; state?: { running?: { startedAt?: string } } }[] };
}

/** CRI log lines ("<RFC3339Nano> stdout F <line>"), as containerd writes them under /var/log/pods. */
function criLog(output: string, startedAt: string): string {
  const base = Date.parse(startedAt) || Date.now();
  return output
    .split('\n')
    .filter((line, i, all) => line !== '' || i < all.length - 1)
    .map((line, i) => `${new Date(base + i * 3).toISOString().replace('Z', '')}000000Z stdout F ${line}\n`)
    .join('');
}

function varLog(ctx: KubeletContext): Dir {
  const root = dir();
  const boot = formatTime(ctx.startedAt).replace('T', ' ').replace('Z', '');
  put(root, 'alternatives.log', file(() => `update-alternatives ${boot}: run with --install /usr/bin/iptables iptables /usr/sbin/iptables-nft 20\n`));
  put(root, 'apt/history.log', file(() => `\nStart-Date: ${boot}\nCommandline: apt-get install -y --no-install-recommends containerd conntrack iptables nftables ebtables ethtool socat util-linux mount\nEnd-Date: ${boot}\n`));
  put(root, 'apt/term.log', file(() => ''));
  put(root, 'btmp', file(() => ''));
  put(root, 'dpkg.log', file(() => `${boot} startup archives unpack\n${boot} install conntrack:amd64 <none> 1:1.4.7-1+b2\n`));
  const machineId = createHash('md5').update(ctx.node.name).digest('hex');
  put(root, `journal/${machineId}/system.journal`, file(() => Buffer.concat([Buffer.from('LPKSHHRH'), Buffer.alloc(248)])));
  put(root, 'lastlog', file(() => ''));
  put(root, 'private', dir());
  put(root, 'wtmp', file(() => ''));
  put(root, 'containers', dir());
  put(root, 'pods', dir());
  for (const pod of ctx.pods.managed()) addPodLogs(root, pod, ctx);
  return root;
}

function addPodLogs(root: Dir, pod: KubeObject, ctx: KubeletContext): void {
  const { status } = pod as unknown as PodShape;
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  const podDir = `pods/${ns}_${name}_${pod.metadata.uid ?? ''}`;
  for (const s of status?.containerStatuses ?? []) {
    const started = s.state?.running?.startedAt ?? '';
    const content = () => criLog(ctx.runtime.logs({ namespace: ns, pod: name, container: s.name }, {}) ?? '', started);
    put(root, `${podDir}/${s.name}/${s.restartCount ?? 0}.log`, file(content));
    const id = (s.containerID ?? '').replace(/^[a-z]+:\/\//, '');
    if (id) put(root, `containers/${name}_${ns}_${s.name}-${id}.log`, file(content));
  }
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** net/http dirList: sorted names, directories with a trailing slash. */
function listing(node: Dir): KubeletReply {
  const names = [...node.children.entries()].map(([n, child]) => (child.kind === 'dir' ? `${n}/` : n)).sort();
  const links = names.map((n) => `<a href="${encodeURI(n).replace(/[?#]/g, encodeURIComponent)}">${n.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)}</a>\n`).join('');
  return {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: `<!doctype html>\n<meta name="viewport" content="width=device-width">\n<pre>\n${links}</pre>\n`,
  };
}

/** http.localRedirect: a relative Location and no body. */
function localRedirect(location: string): KubeletReply {
  return { status: 301, headers: { Location: location }, body: '' };
}

function serveFile(content: string | Buffer, modified: Date): KubeletReply {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const text = bytes.length === 0 || !bytes.subarray(0, 512).some((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b));
  return {
    status: 200,
    headers: {
      'Accept-Ranges': 'bytes',
      'Content-Type': text ? 'text/plain; charset=utf-8' : 'application/octet-stream',
      'Last-Modified': modified.toUTCString(),
    },
    body: bytes,
  };
}

export const systemLogs: EndpointHandler = (req, ctx) => {
  // StripPrefix("/logs/") then FileServer: the rest is cleaned and looked up under /var/log.
  const rest = req.path.slice('/logs/'.length);
  const segments = rest.split('/').filter((s) => s !== '' && s !== '.');
  let node: Node = varLog(ctx);
  for (const segment of segments) {
    if (segment === '..' || node.kind !== 'dir') return goNotFound();
    const next: Node | undefined = node.children.get(segment);
    if (!next) return goNotFound();
    node = next;
  }
  const last = segments[segments.length - 1] ?? '';
  if (node.kind === 'dir') {
    if (rest !== '' && !rest.endsWith('/')) return localRedirect(`${last}/`);
    return listing(node);
  }
  if (rest.endsWith('/')) return localRedirect(`../${last}`);
  return serveFile(node.content(), ctx.startedAt);
};
