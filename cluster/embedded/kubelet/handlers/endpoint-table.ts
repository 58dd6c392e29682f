// Which handler answers each endpoint once a request is authorized. The streaming endpoints
// (exec, attach, portForward) are not here: they need the connection, which the server owns.

import type { EndpointId } from '../endpoints.js';
import { configzBody } from '../kubelet-config.js';
import { checkpoint, containerLogs, run } from './container-endpoints.js';
import { debugFlagsV, pprof } from './debug.js';
import { healthCheck, healthz } from './healthz.js';
import { cadvisorMetrics, kubeletMetrics, probeMetrics, resourceMetrics, sliMetrics } from './metrics.js';
import { statsSummary } from './stats-summary.js';
import { systemLogs } from './system-logs.js';
import { jsonReply, type EndpointHandler } from './types.js';
import { flagz, statusz } from './zpages.js';

/** encodePods: a v1 PodList through the legacy JSON codec, which ends the document with a newline. */
function podList(items: readonly unknown[]): string {
  return `${JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: items.length ? items : null })}\n`;
}

const pods: EndpointHandler = (_req, ctx) => jsonReply(podList(ctx.pods.managed()));
const runningPods: EndpointHandler = (_req, ctx) => jsonReply(podList(ctx.pods.running()));

/** component-base configz: {"kubeletconfig": ...}, json.Marshal without a trailing newline. */
const configz: EndpointHandler = (_req, ctx) => ({
  status: 200,
  headers: { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' },
  body: JSON.stringify(configzBody(ctx.config)),
});

export const ENDPOINT_HANDLERS: Readonly<Partial<Record<EndpointId, EndpointHandler>>> = {
  healthz,
  'healthz/ping': healthCheck,
  'healthz/log': healthCheck,
  'healthz/syncloop': healthCheck,
  metrics: kubeletMetrics,
  'metrics/cadvisor': cadvisorMetrics,
  'metrics/resource': resourceMetrics,
  'metrics/probes': probeMetrics,
  'metrics/slis': sliMetrics,
  pods,
  runningpods: runningPods,
  'stats/summary': statsSummary,
  configz,
  containerLogs,
  run,
  checkpoint,
  logs: systemLogs,
  'debug/pprof': pprof,
  'debug/flags/v': debugFlagsV,
  statusz,
  flagz,
};
