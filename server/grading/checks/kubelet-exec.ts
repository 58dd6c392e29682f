// `kubelet-exec`: opens a WebSocket exec stream straight to the kubelet of the pod's node, as a
// ServiceAccount (token in the bearer subprotocol, as browsers and kubectl's WebSocket executor
// send it). A WebSocket upgrade is a GET, so on every version it is authorized as
// `get nodes/proxy`: the reason a "read-only" proxy grant is not read-only.

import WebSocket from 'ws';
import type { ClusterNode } from '../../../cluster/provider.js';
import type { KubeletExecCheck } from '../../scenarios/schema.js';
import { expectOk } from '../kube-client.js';
import { describeExplanation, explainKubeletRequest } from '../kubelet-trail.js';
import type { CheckOutcome } from '../report.js';
import type { GradingRun } from '../session.js';
import { splitNamespacedName } from '../identities.js';
import { tokenCommand } from './kubelet.js';
import { shorten } from './output.js';

const STREAM_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const HANDSHAKE_KEY = 'a3ViZWxhYi1ncmFkZXIhIQ==';

interface ExecAttempt {
  /** 101 when the kubelet switched protocols, else the HTTP status it answered. */
  status: number;
  /** The handshake's error body, or the command's output on an open stream. */
  output: string;
}

interface PodObject {
  spec?: { nodeName?: string; containers?: { name: string }[] };
}

export async function runKubeletExec(check: KubeletExecCheck, run: GradingRun): Promise<CheckOutcome> {
  const { namespace, name } = splitNamespacedName(check.pod);
  const pod = await expectOk<PodObject>(run.session.api, 'GET', `/api/v1/namespaces/${namespace}/pods/${name}`);
  const node = run.session.target.nodes.find((n) => n.name === pod.spec?.nodeName);
  if (!node) throw new Error(`pod ${check.pod} is not bound to a node of this cluster (nodeName "${pod.spec?.nodeName ?? ''}")`);
  const container = check.container ?? pod.spec?.containers?.[0]?.name ?? '';
  const query = [...check.command.map((c) => `command=${encodeURIComponent(c)}`), 'output=1', 'error=1'].join('&');
  const path = `/exec/${namespace}/${name}/${container}?${query}`;
  const token = await run.token(check.serviceAccount);
  const view = await run.session.kubeletView(node, run.scenario);
  const since = Date.now();
  const attempt = await execOverWebSocket(node, path, token);
  const explanation = await explainKubeletRequest({
    api: run.session.api,
    version: run.version,
    view,
    node: node.name,
    method: 'GET', // a WebSocket upgrade is a GET
    path,
    who: run.identity(check.serviceAccount),
    response: { status: attempt.status === 101 ? 200 : attempt.status, headers: {}, body: attempt.output },
    since,
    ...(run.session.decisions ? { decisions: run.session.decisions } : {}),
  });
  const authorized = passedAuthorization(attempt);
  const outputOk = !check.outputContains || (attempt.status === 101 && attempt.output.includes(check.outputContains));
  const passed = check.expect === 'allowed' ? authorized && outputOk : attempt.status === 403;
  return {
    passed,
    command: `${tokenCommand(check.serviceAccount)}\n${handshakeCommand(node, path)}`,
    output: `${describeAttempt(attempt)}\n${shorten(attempt.output)}`.trimEnd(),
    expected:
      check.expect === 'allowed'
        ? `the kubelet authorizes the exec stream${check.outputContains ? ` and the command prints ${JSON.stringify(check.outputContains)}` : ''}`
        : 'the kubelet refuses the exec stream (403)',
    why: [check.why, describeExplanation(explanation)].filter(Boolean).join(' '),
    ...(explanation.attempts.length ? { trail: explanation.attempts } : {}),
  };
}

/**
 * The kubelet let the stream through authorization: it opened (101), or the kubelet failed after
 * authorizing (no such container, no runtime): the permission is there either way.
 */
function passedAuthorization(a: ExecAttempt): boolean {
  return a.status === 101 || (a.status >= 400 && a.status !== 401 && a.status !== 403);
}

function describeAttempt(a: ExecAttempt): string {
  if (a.status === 101) return 'HTTP 101 Switching Protocols (the exec stream opened)';
  if (passedAuthorization(a)) return `HTTP ${a.status} (authorized, but the stream could not start)`;
  return a.status === 0 ? 'no answer' : `HTTP ${a.status}`;
}

function execOverWebSocket(node: ClusterNode, path: string, token: string, timeoutMs = 5000): Promise<ExecAttempt> {
  return new Promise((done) => {
    const bearer = `base64url.bearer.authorization.k8s.io.${Buffer.from(token).toString('base64url')}`;
    const ws = new WebSocket(`wss://${node.internalIP}:${node.kubeletPort}${path}`, [bearer, ...STREAM_PROTOCOLS], { rejectUnauthorized: false, handshakeTimeout: timeoutMs });
    const output: Buffer[] = [];
    let settled = false;
    const finish = (attempt: ExecAttempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
      done(attempt);
    };
    const timer = setTimeout(() => finish({ status: 101, output: `${Buffer.concat(output).toString('utf8')}\n(no end of stream after ${timeoutMs} ms)` }), timeoutMs);
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish({ status: res.statusCode ?? 0, output: Buffer.concat(chunks).toString('utf8') }));
    });
    ws.on('message', (data: Buffer) => {
      const channel = data[0];
      if (channel === 1 || channel === 2) output.push(data.subarray(1));
      if (channel === 3) finish({ status: 101, output: `${Buffer.concat(output).toString('utf8')}${statusLine(data.subarray(1))}` });
    });
    ws.on('close', () => finish({ status: 101, output: Buffer.concat(output).toString('utf8') }));
    ws.on('error', (e) => finish({ status: 0, output: `cannot open a WebSocket to ${node.internalIP}:${node.kubeletPort}: ${e.message}` }));
  });
}

/** The exec stream's final Status: nothing to add on success, the message otherwise. */
function statusLine(payload: Buffer): string {
  try {
    const status = JSON.parse(payload.toString('utf8')) as { status?: string; message?: string };
    return status.status === 'Success' ? '' : `\n${status.message ?? status.status ?? ''}`;
  } catch {
    return '';
  }
}

/** A WebSocket handshake with curl: prints "101 Switching Protocols" or the kubelet's 403. */
function handshakeCommand(node: ClusterNode, path: string): string {
  return [
    `curl -sk -i -N --max-time 3 -H "Authorization: Bearer $TOKEN"`,
    `-H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13'`,
    `-H 'Sec-WebSocket-Key: ${HANDSHAKE_KEY}' -H 'Sec-WebSocket-Protocol: v4.channel.k8s.io'`,
    `'https://${node.internalIP}:${node.kubeletPort}${path}'`,
  ].join(' \\\n  ');
}
