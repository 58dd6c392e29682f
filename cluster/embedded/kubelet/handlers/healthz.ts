// healthz.InstallHandler as the kubelet calls it (k8s.io/apiserver/pkg/server/healthz): checks
// ping, log and syncloop on /healthz, and one path per check. The simulated sync loop never stalls.

import { sniffedText, TEXT_PLAIN, type EndpointHandler } from './types.js';

const CHECKS = ['ping', 'log', 'syncloop'] as const;

/** handleRootHealth("healthz", ...): "ok", or with ?verbose one line per check. */
export const healthz: EndpointHandler = (req) => {
  const headers = { 'Content-Type': TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' };
  if (!req.query.has('verbose')) return { status: 200, headers, body: 'ok' };
  const excluded = new Set(req.query.getAll('exclude'));
  let lines = '';
  for (const check of CHECKS) {
    if (excluded.delete(check)) lines += `[+]${check} excluded: ok\n`;
    else lines += `[+]${check} ok\n`;
  }
  if (excluded.size > 0) {
    lines += `warn: some health checks cannot be excluded: no matches for ${[...excluded].sort().map((n) => `"${n}"`).join(',')}\n`;
  }
  return { status: 200, headers, body: `${lines}healthz check passed\n` };
};

/** adaptCheckToHandler: one check's own path (/healthz/ping, /healthz/log, /healthz/syncloop) answers "ok". */
export const healthCheck: EndpointHandler = () => sniffedText(200, 'ok');
