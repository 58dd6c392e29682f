// Live calls to a kind node's kubelet, as `curl -k https://NODE_IP:10250/...` makes them: straight
// to the node's IP where this host can route to the kind network (Linux, or a lab container on
// that network), else through `docker exec NODE curl` (Docker Desktop, where node IPs live inside
// a VM). Request headers and body go to curl on stdin (`curl --config -`), so a bearer token never
// shows up in a process list.

import { connect } from 'node:net';
import type { ClusterNode, KubeletRequest, KubeletResponse } from '../provider.js';
import { callKubelet } from '../embedded/kubelet/kubelet-client.js';
import { runCommand, type CommandRunner } from './command-runner.js';

export type KubeletRoute = 'direct' | 'docker-exec';

const CALL_TIMEOUT_MS = 15_000;

/** Whether a TCP connection to the node's kubelet port opens from here. */
export function canReach(node: ClusterNode, timeoutMs = 1500): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: node.internalIP, port: node.kubeletPort });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export async function directKubeletCall(node: ClusterNode, req: KubeletRequest): Promise<KubeletResponse> {
  try {
    return await callKubelet(node.internalIP, node.kubeletPort, req, CALL_TIMEOUT_MS);
  } catch (e) {
    throw new Error(`cannot reach the kubelet of ${node.name} at ${node.internalIP}:${node.kubeletPort}: ${(e as Error).message}`, { cause: e });
  }
}

/** The docker argv of a kubelet call through the node container; the request itself goes on stdin. */
export function dockerExecArgs(node: ClusterNode): string[] {
  return ['exec', '-i', node.name, 'curl', '--config', '-'];
}

/** curl's config file for the request (https://curl.se/docs/manpage.html#-K). */
export function curlConfig(node: ClusterNode, req: KubeletRequest): string {
  const lines = [
    'silent',
    'show-error',
    'insecure',
    'http1.1',
    'dump-header = "-"',
    `max-time = ${CALL_TIMEOUT_MS / 1000}`,
    `request = ${quote(req.method)}`,
    `url = ${quote(`https://127.0.0.1:${node.kubeletPort}${req.path}`)}`,
    ...Object.entries(req.headers ?? {}).map(([k, v]) => `header = ${quote(`${k}: ${v}`)}`),
  ];
  if (req.body !== undefined) lines.push(`data-raw = ${quote(req.body)}`);
  return `${lines.join('\n')}\n`;
}

export async function dockerExecKubeletCall(node: ClusterNode, req: KubeletRequest, run: CommandRunner = runCommand): Promise<KubeletResponse> {
  const result = await run('docker', dockerExecArgs(node), { input: curlConfig(node, req), timeoutMs: CALL_TIMEOUT_MS + 5000 });
  if (result.code !== 0) throw new Error(`cannot reach the kubelet of ${node.name} through docker exec: ${result.stderr.trim() || `curl exited ${result.code}`}`);
  return parseCurlDump(result.stdout);
}

/** curl's stdout with `--dump-header -`: header block(s), a blank line, the body. 1xx blocks are skipped. */
export function parseCurlDump(output: string): KubeletResponse {
  let rest = output;
  for (;;) {
    const end = rest.search(/\r?\n\r?\n/);
    if (!rest.startsWith('HTTP/') || end < 0) throw new Error(`unexpected curl output from the kubelet: ${output.slice(0, 120)}`);
    const [statusLine = '', ...headerLines] = rest.slice(0, end).split(/\r?\n/);
    const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1] ?? 0);
    rest = rest.slice(end).replace(/^\r?\n\r?\n/, '');
    if (status >= 100 && status < 200) continue;
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { status, headers, body: rest };
  }
}

/** A double-quoted curl config string: backslash and quote escaped, newlines as \n. */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}
