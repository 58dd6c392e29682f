// Where a request to the kubelet's port 10250 goes, before any handler runs: answered by Go's
// ServeMux (404 or 301, no authentication at all), or dispatched to a registered endpoint behind
// the auth filter. For a registered endpoint this also says what the kubelet writes *after*
// authorization passes when it is not the endpoint's handler: go-restful's 404/405 for a route
// miss, or a disabled-endpoint stub.

import type { KubeVersion } from '../../versions.js';
import {
  KUBELET_SERVERS,
  type EndpointId,
  type HandlerSwitch,
  type Installation,
  type KubeletServerSpec,
  type Registration,
} from './endpoints.js';
import { goHttpError, type PlainResponse } from './plain-response.js';
import { selectRestfulRoute, type RestfulService } from './restful-router.js';
import { serveMuxLookup } from './serve-mux.js';

export type { EndpointId } from './endpoints.js';

/** The parts of the kubelet's configuration that decide what is registered. */
export interface KubeletRouteConfig extends Readonly<Record<HandlerSwitch, boolean>> {
  version: KubeVersion;
  enableDebuggingHandlers: boolean;
  /** Effective feature gates (defaults merged with overrides); a missing gate counts as off. */
  gates: Readonly<Record<string, boolean>>;
}

/** The route configuration of a kubelet running `config` with these effective gates. */
export function kubeletRouteConfig(
  version: KubeVersion,
  config: Readonly<Record<HandlerSwitch | 'enableDebuggingHandlers', boolean>>,
  gates: Readonly<Record<string, boolean>>,
): KubeletRouteConfig {
  return {
    version,
    gates,
    enableDebuggingHandlers: config.enableDebuggingHandlers,
    enableSystemLogHandler: config.enableSystemLogHandler,
    enableProfilingHandler: config.enableProfilingHandler,
    enableDebugFlagsHandler: config.enableDebugFlagsHandler,
  };
}

/** Path parameters under friendlier names than the kubelet's route templates use. */
export interface EndpointParams {
  namespace?: string;
  pod?: string;
  uid?: string;
  container?: string;
  logPath?: string;
  subpath?: string;
}

export type KubeletRoute =
  | { kind: 'notFound'; response: PlainResponse }
  | { kind: 'redirect'; status: 301; location: string; response: PlainResponse }
  | RegisteredRoute;

export interface RegisteredRoute {
  kind: 'registered';
  endpoint: EndpointId;
  params: EndpointParams;
  /** Always true: every registration on this port goes through the kubelet's auth filter. */
  authFilter: true;
  /** False when go-restful answers 405 (after authorization) because no route takes this method. */
  methodAllowed: boolean;
  /** go-restful's own 404/405 when the path or method fits no route of the WebService. */
  restfulError?: PlainResponse;
  /** The 405 a disabled endpoint answers with instead of its handler. */
  disabledStub?: PlainResponse;
}

type Target =
  | { kind: 'handle'; id: EndpointId; stubMessage?: string }
  | { kind: 'webservice'; service: RestfulService<EndpointId> };

function installed(installation: Installation, config: KubeletRouteConfig): boolean {
  if (installation.group === 'debugging' && !config.enableDebuggingHandlers) return false;
  return installation.gate === undefined || config.gates[installation.gate] === true;
}

/** ServeMux patterns a registration adds (go-restful Container.addHandler for WebServices). */
function patternsOf(registration: Registration): string[] {
  if (registration.kind === 'handle') return [registration.pattern];
  const root = registration.root;
  return root.endsWith('/') ? [root] : [root, `${root}/`];
}

function registrationTable(spec: KubeletServerSpec, config: KubeletRouteConfig): Map<string, Target> {
  const table = new Map<string, Target>();
  for (const installation of spec.installations.filter((i) => installed(i, config))) {
    const { registration } = installation;
    const disabled = installation.switch !== undefined && !config[installation.switch.name];
    for (const pattern of patternsOf(registration)) {
      if (disabled) {
        // The disabled variant is a stub registered through Handle at the endpoint's root.
        table.set(pattern, { kind: 'handle', id: registration.id, stubMessage: installation.switch!.disabledMessage });
      } else if (registration.kind === 'handle') {
        table.set(pattern, { kind: 'handle', id: registration.id });
      } else {
        table.set(pattern, { kind: 'webservice', service: registration });
      }
    }
  }
  if (!config.enableDebuggingHandlers) {
    for (const stub of spec.debuggingDisabledStubs) {
      table.set(stub.pattern, { kind: 'handle', id: stub.id, stubMessage: stub.message });
    }
  }
  return table;
}

const PARAM_NAMES: Readonly<Record<string, keyof EndpointParams>> = {
  podNamespace: 'namespace',
  podID: 'pod',
  uid: 'uid',
  containerName: 'container',
  logpath: 'logPath',
  subpath: 'subpath',
};

function friendlyParams(params: Readonly<Record<string, string>>): EndpointParams {
  const out: EndpointParams = {};
  for (const [name, value] of Object.entries(params)) {
    const key = PARAM_NAMES[name];
    if (key !== undefined) out[key] = value;
  }
  return out;
}

/**
 * `rawPath` is the request target as sent ("/runningpods?x=1"); the method is the HTTP method.
 * Percent-escapes are not decoded: kubectl and curl send kubelet paths unescaped.
 */
export function routeKubeletRequest(method: string, rawPath: string, config: KubeletRouteConfig): KubeletRoute {
  const queryAt = rawPath.indexOf('?');
  const path = queryAt < 0 ? rawPath : rawPath.slice(0, queryAt);
  const query = queryAt < 0 ? '' : rawPath.slice(queryAt + 1);

  const table = registrationTable(KUBELET_SERVERS[config.version], config);
  const lookup = serveMuxLookup([...table.keys()], method, path, query);
  if (lookup.kind === 'notFound') return lookup;
  if (lookup.kind === 'redirect') return { kind: 'redirect', status: 301, location: lookup.location, response: lookup.response };

  const target = table.get(lookup.pattern)!;
  const registered = { kind: 'registered', authFilter: true, params: {}, methodAllowed: true } as const;
  if (target.kind === 'handle') {
    return target.stubMessage === undefined
      ? { ...registered, endpoint: target.id }
      : { ...registered, endpoint: target.id, disabledStub: goHttpError(405, target.stubMessage) };
  }

  // Container.dispatch routes among all registered WebServices, not only the matched pattern's.
  const services = [...new Set([...table.values()].flatMap((t) => (t.kind === 'webservice' ? [t.service] : [])))];
  const selection = selectRestfulRoute(services, method, path);
  if (selection.kind === 'route') return { ...registered, endpoint: selection.route, params: friendlyParams(selection.params) };
  return {
    ...registered,
    endpoint: selection.service ?? target.service.id,
    methodAllowed: selection.response.status !== 405,
    restfulError: selection.response,
  };
}
