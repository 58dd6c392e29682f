// What the kubelet registers on its authenticated port (10250), as data. Two registration kinds,
// as in pkg/kubelet/server/server.go:
// - handle: filteringContainer.Handle -> Container.HandleWithFilter: one ServeMux pattern whose
//   handler runs the container filters (the auth filter) and then the handler, whatever the method.
// - webservice: Container.Add: ServeMux gets the root (and root+"/" when the root has no trailing
//   slash); go-restful then picks a route by path tokens and method.
// Per-version differences are in KUBELET_SERVERS at the bottom; nothing else branches on version.

import type { KubeVersion } from '../../versions.js';
import { joinRoutePath, type RestfulRoute } from './restful-router.js';

export type EndpointId =
  | 'healthz'
  | 'healthz/ping'
  | 'healthz/log'
  | 'healthz/syncloop'
  | 'metrics'
  | 'metrics/cadvisor'
  | 'metrics/resource'
  | 'metrics/probes'
  | 'metrics/slis'
  | 'pods'
  | 'stats'
  | 'stats/summary'
  | 'run'
  | 'exec'
  | 'attach'
  | 'portForward'
  | 'containerLogs'
  | 'configz'
  | 'runningpods'
  | 'checkpoint'
  | 'logs'
  | 'debug/pprof'
  | 'debug/flags/v'
  | 'statusz'
  | 'flagz';

/** KubeletConfiguration switches that shape the route table (same names as the config fields). */
export type HandlerSwitch = 'enableSystemLogHandler' | 'enableProfilingHandler' | 'enableDebugFlagsHandler';

export type Registration =
  | { kind: 'handle'; id: EndpointId; pattern: string }
  | { kind: 'webservice'; id: EndpointId; root: string; routes: readonly RestfulRoute<EndpointId>[] };

export interface Installation {
  registration: Registration;
  /** 'debugging': installed only with enableDebuggingHandlers (NewServer's debugging branch). */
  group: 'always' | 'debugging';
  /** Feature gate the kubelet checks before installing it. */
  gate?: string;
  /** A config switch that, when false, replaces the endpoint by a 405 stub with this message. */
  switch?: { name: HandlerSwitch; disabledMessage: string };
}

export interface DisabledStub {
  id: EndpointId;
  pattern: string;
  message: string;
}

export interface KubeletServerSpec {
  installations: readonly Installation[];
  /** InstallDebuggingDisabledHandlers: what answers instead when enableDebuggingHandlers is false. */
  debuggingDisabledStubs: readonly DisabledStub[];
}

const POD_CONTAINER = '/{podNamespace}/{podID}/{containerName}';
const POD_UID_CONTAINER = '/{podNamespace}/{podID}/{uid}/{containerName}';

function webservice(id: EndpointId, root: string, routes: readonly [string, string][], routeId: EndpointId = id): Registration {
  return {
    kind: 'webservice',
    id,
    root,
    routes: routes.map(([method, subPath]) => ({ id: routeId, method, path: joinRoutePath(root, subPath) })),
  };
}

const handle = (id: EndpointId, pattern: string): Registration => ({ kind: 'handle', id, pattern });
const always = (registration: Registration): Installation => ({ registration, group: 'always' });
const debugging = (registration: Registration): Installation => ({ registration, group: 'debugging' });

// healthz.InstallHandler: "/healthz" plus one exact path per check (ping, log, syncloop).
// slis.SLIMetricsWithReset: "/metrics/slis". Pods, stats and metrics are not behind the debugging switch.
const AUTH_NOT_REQUIRED: readonly Installation[] = [
  always(handle('healthz', '/healthz')),
  always(handle('healthz/ping', '/healthz/ping')),
  always(handle('healthz/log', '/healthz/log')),
  always(handle('healthz/syncloop', '/healthz/syncloop')),
  always(handle('metrics/slis', '/metrics/slis')),
  always(webservice('pods', '/pods', [['GET', '']])),
  // stats.CreateHandlers: only "/summary" since the cAdvisor JSON endpoints went away (1.21).
  always(webservice('stats', '/stats/', [['GET', '/summary'], ['POST', '/summary']], 'stats/summary')),
  always(handle('metrics', '/metrics')),
  always(handle('metrics/cadvisor', '/metrics/cadvisor')),
  always(handle('metrics/resource', '/metrics/resource')),
  always(handle('metrics/probes', '/metrics/probes')),
];

const both = (subPaths: readonly string[]): [string, string][] =>
  subPaths.flatMap((p): [string, string][] => [['GET', p], ['POST', p]]);

const DEBUGGING: readonly Installation[] = [
  debugging(webservice('run', '/run', [['POST', POD_CONTAINER], ['POST', POD_UID_CONTAINER]])),
  debugging(webservice('exec', '/exec', both([POD_CONTAINER, POD_UID_CONTAINER]))),
  debugging(webservice('attach', '/attach', both([POD_CONTAINER, POD_UID_CONTAINER]))),
  debugging(webservice('portForward', '/portForward', both(['/{podNamespace}/{podID}', '/{podNamespace}/{podID}/{uid}']))),
  debugging(webservice('containerLogs', '/containerLogs', [['GET', POD_CONTAINER]])),
  debugging(handle('configz', '/configz')),
  // "The /runningpods endpoint is used for testing only." Root has a trailing slash: "/runningpods" is a 301.
  debugging(webservice('runningpods', '/runningpods/', [['GET', '']])),
];

const checkpoint = (group: Installation['group']): Installation => ({
  registration: webservice('checkpoint', '/checkpoint/', [['POST', POD_CONTAINER]]),
  group,
  gate: 'ContainerCheckpoint',
});

// Installed after the debugging handlers, inside the same branch (logs and pprof only with
// enableDebuggingHandlers, see kubernetes PR #87273).
const DEBUG_SWITCHES: readonly Installation[] = [
  {
    registration: webservice('logs', '/logs/', [['GET', ''], ['GET', '/{logpath:*}']]),
    group: 'debugging',
    switch: { name: 'enableSystemLogHandler', disabledMessage: 'logs endpoint is disabled.' },
  },
  {
    registration: webservice('debug/pprof', '/debug/pprof/', [['GET', '/{subpath:*}']]),
    group: 'debugging',
    switch: { name: 'enableProfilingHandler', disabledMessage: 'profiling endpoint is disabled.' },
  },
  {
    registration: handle('debug/flags/v', '/debug/flags/v'),
    group: 'debugging',
    switch: { name: 'enableDebugFlagsHandler', disabledMessage: 'flags endpoint is disabled.' },
  },
];

// component-base zpages, kubelet side (PR #128811 statusz, #128857 flagz): installed with the
// auth-required handlers, each behind its own gate.
const ZPAGES: readonly Installation[] = [
  { registration: handle('statusz', '/statusz'), group: 'debugging', gate: 'ComponentStatusz' },
  { registration: handle('flagz', '/flagz'), group: 'debugging', gate: 'ComponentFlagz' },
];

const DEBUG_ENDPOINTS_DISABLED = 'Debug endpoints are disabled.';
const DEBUGGING_DISABLED_STUBS: readonly DisabledStub[] = (
  [
    ['run', '/run/'],
    ['exec', '/exec/'],
    ['attach', '/attach/'],
    ['portForward', '/portForward/'],
    ['containerLogs', '/containerLogs/'],
    ['runningpods', '/runningpods/'],
    ['debug/pprof', '/debug/pprof/'],
    ['logs', '/logs/'],
  ] as const
).map(([id, pattern]) => ({ id, pattern, message: DEBUG_ENDPOINTS_DISABLED }));

export const KUBELET_SERVERS: Readonly<Record<KubeVersion, KubeletServerSpec>> = {
  // server.go@4a37f009: the checkpoint WebService is in InstallDefaultHandlers, so it exists
  // even with enableDebuggingHandlers=false. No zpages before 1.32.
  '1.31': {
    installations: [...AUTH_NOT_REQUIRED, checkpoint('always'), ...DEBUGGING, ...DEBUG_SWITCHES],
    debuggingDisabledStubs: DEBUGGING_DISABLED_STUBS,
  },
  // PR #129354 ("Require auth for all new Kubelet endpoints", 1.33) moved checkpoint into
  // InstallAuthRequiredHandlers, next to the gated statusz/flagz (1.33-era server.go).
  '1.33': {
    installations: [...AUTH_NOT_REQUIRED, ...DEBUGGING, ...ZPAGES, checkpoint('debugging'), ...DEBUG_SWITCHES],
    debuggingDisabledStubs: DEBUGGING_DISABLED_STUBS,
  },
  // PR #137420 (opened and approved early March 2026; taken to be in 1.36) installs statusz
  // and flagz together at the end of the debugging branch; both gates are beta and on by default
  // in 1.36. GETOnlyRestfulFilter (PR #138088) first ships in 1.37, so no 405 filter here.
  '1.36': {
    installations: [...AUTH_NOT_REQUIRED, ...DEBUGGING, checkpoint('debugging'), ...DEBUG_SWITCHES, ...ZPAGES],
    debuggingDisabledStubs: DEBUGGING_DISABLED_STUBS,
  },
};
