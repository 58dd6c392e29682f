// The kubelet's container endpoints (pkg/kubelet/server/server.go): /containerLogs, /run,
// /checkpoint, and the checks /exec, /attach and /portForward make before they hand the connection
// to the runtime's streaming server. Pod lookups go through the kubelet's pod manager (NodePods).

import type { ContainerTarget, LogOptions, StreamKind } from '../container-runtime.js';
import { parseForwardedPorts, parseStreamOptions } from '../containers/streaming/stream-request.js';
import { goQuote } from '../../apiserver/authorization/go-quote.js';
import { podAppContainers, podHasContainer, podIsRunning } from '../pods/node-pods.js';
import { httpError, jsonReply, restfulError, sniffedText, type EndpointHandler, type HandlerRequest, type KubeletContext, type KubeletReply } from './types.js';

const podMissing = () => restfulError(404, 'pod does not exist');

/** strconv.ParseBool, as the query parameter codec uses it. */
function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

function parseInt64(value: string): number | undefined {
  return /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

interface PodLogQuery {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  /** Epoch ms of sinceTime (RFC 3339; the API server sends whole seconds, a direct caller may send fractions). */
  sinceTimeMs?: number;
}

/** v1.PodLogOptions from the query ("tail" is the legacy spelling of tailLines), then ValidatePodLogOptions. */
function podLogQuery(query: URLSearchParams): PodLogQuery | KubeletReply {
  const decodeError = restfulError(400, '{"message": "Unable to decode query."}');
  const invalid = restfulError(422, '{"message": "Invalid request."}');
  const params = new URLSearchParams(query);
  const tail = params.get('tail');
  if (tail) {
    if (tail === 'all') params.delete('tailLines');
    else params.set('tailLines', tail);
  }
  const out: PodLogQuery = { follow: false, previous: false, timestamps: false };
  for (const key of ['follow', 'previous', 'timestamps', 'insecureSkipTLSVerifyBackend'] as const) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = parseBool(raw);
    if (value === undefined) return decodeError;
    if (key !== 'insecureSkipTLSVerifyBackend') out[key] = value;
  }
  const ints: Partial<Record<'tailLines' | 'limitBytes' | 'sinceSeconds', number>> = {};
  for (const key of ['tailLines', 'limitBytes', 'sinceSeconds'] as const) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = parseInt64(raw);
    if (value === undefined) return decodeError;
    ints[key] = value;
  }
  const sinceTime = params.get('sinceTime');
  if (sinceTime !== null && Number.isNaN(Date.parse(sinceTime))) return decodeError;
  if ((ints.tailLines ?? 0) < 0 || (ints.limitBytes !== undefined && ints.limitBytes < 1)) return invalid;
  if (ints.sinceSeconds !== undefined && (ints.sinceSeconds < 1 || sinceTime !== null)) return invalid;
  if (ints.tailLines !== undefined) out.tailLines = ints.tailLines;
  if (ints.limitBytes !== undefined) out.limitBytes = ints.limitBytes;
  if (ints.sinceSeconds !== undefined) out.sinceSeconds = ints.sinceSeconds;
  if (sinceTime !== null) out.sinceTimeMs = Date.parse(sinceTime);
  return out;
}

/** logs.NewLogOptions: sinceSeconds before now, or sinceTime when that is later. */
function logsSince(query: PodLogQuery, now: Date): number | undefined {
  let since = query.sinceSeconds !== undefined ? now.getTime() - query.sinceSeconds * 1000 : undefined;
  if (query.sinceTimeMs !== undefined && query.sinceTimeMs > (since ?? -Infinity)) since = query.sinceTimeMs;
  return since;
}

export const containerLogs: EndpointHandler = (req, ctx) => {
  const { namespace = '', pod: podName = '', container = '' } = req.params;
  const query = podLogQuery(req.query);
  if ('status' in query) return query;
  const pod = ctx.pods.byName(namespace, podName);
  if (!pod) return restfulError(404, `pod ${goQuote(podName)} does not exist`);
  if (!podHasContainer(pod, container)) return restfulError(404, `container ${goQuote(container)} not found in pod ${goQuote(podName)}`);
  const opts: LogOptions = { previous: query.previous, timestamps: query.timestamps };
  if (query.tailLines !== undefined) opts.tailLines = query.tailLines;
  const since = logsSince(query, ctx.clock());
  if (since !== undefined) opts.sinceMs = since;
  const output = ctx.runtime.logs({ namespace, pod: podName, container }, opts);
  if (output === undefined) {
    return restfulError(
      400,
      query.previous
        ? `previous terminated container ${goQuote(container)} in pod ${goQuote(podName)} not found`
        : `container ${goQuote(container)} in pod ${goQuote(podName)} is waiting to start: ContainerCreating`,
    );
  }
  const body = query.limitBytes !== undefined ? Buffer.from(output).subarray(0, query.limitBytes) : output;
  return { ...sniffedText(200, ''), body, keepOpen: query.follow && podIsRunning(pod) };
};

export const run: EndpointHandler = async (req, ctx) => {
  const { namespace = '', pod: podName = '', container = '', uid } = req.params;
  const pod = ctx.pods.byName(namespace, podName);
  if (!pod) return podMissing();
  if (!podHasContainer(pod, container) || (uid && uid !== pod.metadata.uid)) return restfulError(500, `container not found (${goQuote(container)})`);
  // "For legacy reasons, run uses different query param than exec": one string split on spaces.
  const command = (req.query.get('cmd') ?? '').split(' ');
  const result = await ctx.runtime.run({ namespace, pod: podName, container, ...(uid ? { uid } : {}) }, command);
  if (result.status !== 200) return restfulError(result.status, result.body);
  // writeJSONResponse: no output means no Content-Type, just the 200.
  return result.body === '' ? { status: 200, headers: {}, body: '' } : jsonReply(result.body);
};

export const checkpoint: EndpointHandler = (req, ctx) => {
  const { namespace = '', pod: podName = '', container = '' } = req.params;
  const pod = ctx.pods.byName(namespace, podName);
  if (!pod) return podMissing();
  if (!podAppContainers(pod).includes(container)) return restfulError(404, `container ${container} does not exist`);
  const timeouts = req.query.getAll('timeout');
  if (timeouts.length > 0 && parseInt64(timeouts[timeouts.length - 1]!) === undefined) {
    return restfulError(404, 'cannot parse value of timeout parameter');
  }
  // kubelet CheckpointContainer: <root-dir>/checkpoints/checkpoint-<pod full name>-<container>-<RFC 3339>.tar
  const stamp = ctx.clock().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const location = `/var/lib/kubelet/checkpoints/checkpoint-${podName}_${namespace}-${container}-${stamp}.tar`;
  return jsonReply(`{"items":["${location}"]}`);
};

export type StreamCheck = { kind: 'reply'; reply: KubeletReply } | { kind: 'stream'; target: ContainerTarget };

/**
 * What getExec/getAttach/getPortForward check before proxying to the streaming server: the stream
 * options, the pod, the container. A request that is not an upgrade then fails in proxyStream
 * (UpgradeAwareHandler with UpgradeRequired: "Upgrade request required", a 500 from its responder).
 */
export function checkStreamRequest(kind: StreamKind, req: HandlerRequest, ctx: KubeletContext, isUpgrade: boolean, isWebSocket: boolean): StreamCheck {
  const reply = (r: KubeletReply): StreamCheck => ({ kind: 'reply', reply: r });
  const { namespace = '', pod: podName = '', container = '', uid } = req.params;
  // portforward.NewV4Options / remotecommand.NewOptions, before the pod is even looked up.
  const options = kind === 'portForward' ? parseForwardedPorts(req.query, isWebSocket) : parseStreamOptions(req.query);
  if (!options.ok) return reply(restfulError(400, options.error));
  const pod = ctx.pods.byName(namespace, podName);
  if (!pod) return reply(podMissing());
  if (kind === 'portForward') {
    if (uid && uid !== pod.metadata.uid) return reply(restfulError(404, 'pod not found'));
  } else if (!podHasContainer(pod, container) || (uid && uid !== pod.metadata.uid)) {
    // streaming.WriteError: the status from the gRPC code (Unknown: 500), the error text as is.
    return reply(sniffedText(500, `container not found (${goQuote(container)})`));
  }
  if (!isUpgrade) return reply(httpError(500, 'Upgrade request required'));
  return { kind: 'stream', target: { namespace, pod: podName, container: kind === 'portForward' ? '' : container, ...(uid ? { uid } : {}) } };
}
