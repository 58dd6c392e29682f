// The kubelet endpoints the access matrix lists: one row per group of paths the kubelet authorizes
// alike, with the method a real client uses (an exec stream is a WebSocket upgrade, i.e. a GET).
// `path` is what the learner reads; `probe` is a concrete request path routed and authorized for it.

export interface EndpointGroup {
  group: string;
  path: string;
  method: string;
  probe: string;
}

// Which pod does not matter: the kubelet's attributes name only the node.
const POD = 'default/web/app';

export const ENDPOINT_GROUPS: readonly EndpointGroup[] = [
  { group: 'pods', path: '/pods', method: 'GET', probe: '/pods' },
  { group: 'runningpods', path: '/runningpods/', method: 'GET', probe: '/runningpods/' },
  { group: 'healthz', path: '/healthz', method: 'GET', probe: '/healthz' },
  { group: 'configz', path: '/configz', method: 'GET', probe: '/configz' },
  { group: 'metrics', path: '/metrics', method: 'GET', probe: '/metrics' },
  { group: 'metrics/cadvisor', path: '/metrics/cadvisor', method: 'GET', probe: '/metrics/cadvisor' },
  { group: 'stats/summary', path: '/stats/summary', method: 'GET', probe: '/stats/summary' },
  { group: 'logs', path: '/logs/', method: 'GET', probe: '/logs/' },
  { group: 'containerLogs', path: '/containerLogs/{namespace}/{pod}/{container}', method: 'GET', probe: `/containerLogs/${POD}` },
  { group: 'exec (WebSocket)', path: '/exec/{namespace}/{pod}/{container}?command=...', method: 'GET', probe: `/exec/${POD}` },
  { group: 'run', path: '/run/{namespace}/{pod}/{container}', method: 'POST', probe: `/run/${POD}` },
  { group: 'checkpoint', path: '/checkpoint/{namespace}/{pod}/{container}', method: 'POST', probe: `/checkpoint/${POD}` },
  { group: 'statusz', path: '/statusz', method: 'GET', probe: '/statusz' },
  { group: 'flagz', path: '/flagz', method: 'GET', probe: '/flagz' },
];
