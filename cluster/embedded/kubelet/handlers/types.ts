// What an endpoint handler of the kubelet gets and gives back. Handlers run only after routing,
// authentication and authorization passed; they never see sockets.

import type { IncomingHttpHeaders } from 'node:http';
import type { ClusterNode } from '../../../provider.js';
import type { VersionInfo } from '../../../versions.js';
import type { ContainerRuntime } from '../container-runtime.js';
import type { KubeletConfiguration } from '../kubelet-config.js';
import type { NodePods } from '../pods/node-pods.js';
import type { EndpointParams, KubeletRouteConfig } from '../routes.js';
import type { RequestCounters } from './request-counters.js';

export interface HandlerRequest {
  method: string;
  /** URL path, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: EndpointParams;
  /** The request body (read on demand: most endpoints ignore it). */
  body(): Promise<Buffer>;
  /** Aborted when the client goes away or the kubelet stops. */
  signal: AbortSignal;
}

export interface KubeletReply {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string | Buffer;
  /** Leave the response open after the body (containerLogs?follow=true) until the client leaves. */
  keepOpen?: boolean;
}

/** The node-wide state handlers read. */
export interface KubeletContext {
  clusterName: string;
  node: ClusterNode;
  version: VersionInfo;
  config: KubeletConfiguration;
  /** Effective feature gates of this kubelet. */
  gates: Readonly<Record<string, boolean>>;
  routes: KubeletRouteConfig;
  pods: NodePods;
  runtime: ContainerRuntime;
  clock: () => Date;
  /** When this kubelet process started. */
  startedAt: Date;
  counters: RequestCounters;
  /** klog verbosity, as PUT /debug/flags/v sets it. */
  verbosity: { value: number };
}

export type EndpointHandler = (req: HandlerRequest, ctx: KubeletContext) => KubeletReply | Promise<KubeletReply>;

export const TEXT_PLAIN = 'text/plain; charset=utf-8';

/** A Go handler that writes text without setting Content-Type: net/http sniffs it as text/plain. */
export function sniffedText(status: number, body: string): KubeletReply {
  return { status, headers: { 'Content-Type': TEXT_PLAIN }, body };
}

/** net/http Error(w, message, code). */
export function httpError(status: number, message: string): KubeletReply {
  return { status, headers: { 'Content-Type': TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' }, body: `${message}\n` };
}

/** go-restful Response.WriteError: the error text verbatim, no Content-Type of its own. */
export function restfulError(status: number, message: string): KubeletReply {
  return sniffedText(status, message);
}

/** The kubelet's writeJSONResponse: application/json, the bytes as encoded. */
export function jsonReply(body: string): KubeletReply {
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body };
}
