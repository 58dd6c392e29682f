// The kubelet's Prometheus endpoints: /metrics (its own registry, with build info and the state
// of every feature gate it knows), /metrics/cadvisor, /metrics/resource, /metrics/probes and
// /metrics/slis. Families and help texts are the upstream ones; values come from the usage model
// and from what this kubelet actually served.

import { release } from 'node:os';
import { FEATURE_GATES } from '../../../feature-gates.js';
import type { KubeVersion } from '../../../versions.js';
import type { KubeObject } from '../../apiserver/types.js';
import { PROMETHEUS_TEXT, renderPrometheusText, type MetricFamily, type Sample } from './prometheus-text.js';
import type { EndpointHandler, KubeletContext, KubeletReply } from './types.js';
import { containerUsage, nodeUsage, type ContainerUsage } from './usage-model.js';

/** Metric stability levels that changed across the versions we ship. */
const STABILITY: Readonly<Record<KubeVersion, { buildInfo: string; prober: string }>> = {
  // kubernetes_build_info went BETA with PR #136154 (Jan 2026, 1.36).
  '1.31': { buildInfo: 'ALPHA', prober: 'ALPHA' },
  '1.33': { buildInfo: 'ALPHA', prober: 'ALPHA' },
  // prober_probe_total: promotion agreed in kubernetes#129761 (2025); listed BETA in the 1.36-era metrics reference.
  '1.36': { buildInfo: 'BETA', prober: 'BETA' },
};

function reply(families: MetricFamily[]): KubeletReply {
  return { status: 200, headers: { 'Content-Type': PROMETHEUS_TEXT }, body: renderPrometheusText(families) };
}

function runningContainers(ctx: KubeletContext, now: Date): ContainerUsage[] {
  return ctx.pods.managed().flatMap((pod) => containerUsage(pod, now));
}

function buildInfo(ctx: KubeletContext): MetricFamily {
  const v = ctx.version;
  return {
    name: 'kubernetes_build_info',
    help: `[${STABILITY[v.version].buildInfo}] A metric with a constant '1' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.`,
    type: 'gauge',
    samples: [
      {
        labels: {
          build_date: v.buildDate,
          compiler: 'gc',
          git_commit: v.gitCommit,
          git_tree_state: 'clean',
          git_version: v.gitVersion,
          go_version: v.goVersion,
          major: '1',
          minor: v.version.split('.')[1]!,
          platform: 'linux/amd64',
        },
        value: 1,
      },
    ],
  };
}

function featureEnabled(ctx: KubeletContext): MetricFamily {
  const specs = FEATURE_GATES[ctx.version.version];
  return {
    name: 'kubernetes_feature_enabled',
    help: '[BETA] This metric records the data about the stage and enablement of a k8s feature.',
    type: 'gauge',
    // featuregate.GA is the empty prerelease string, so GA gates carry stage="".
    samples: Object.entries(specs).map(([name, spec]) => ({
      labels: { name, stage: spec.preRelease === 'GA' ? '' : spec.preRelease },
      value: ctx.gates[name] ? 1 : 0,
    })),
  };
}

export const kubeletMetrics: EndpointHandler = (_req, ctx) => {
  const pods = ctx.pods.running();
  const running = pods.reduce((n, p) => n + ((p.spec as { containers: unknown[] | null }).containers?.length ?? 0), 0);
  const requests: Sample[] = ctx.counters.all().map((c) => ({
    labels: { long_running: String(c.longRunning), method: c.method, path: c.path, server_type: 'readwrite' },
    value: c.count,
  }));
  return reply([
    buildInfo(ctx),
    featureEnabled(ctx),
    { name: 'kubelet_node_name', help: "[ALPHA] The node's name. The count is always 1.", type: 'gauge', samples: [{ labels: { node: ctx.node.name }, value: 1 }] },
    { name: 'kubelet_running_pods', help: '[ALPHA] Number of pods that have a running pod sandbox', type: 'gauge', samples: [{ value: pods.length }] },
    {
      name: 'kubelet_running_containers',
      help: '[ALPHA] Number of containers currently running',
      type: 'gauge',
      samples: ['created', 'exited', 'running', 'unknown'].map((state) => ({ labels: { container_state: state }, value: state === 'running' ? running : 0 })),
    },
    { name: 'kubelet_started_pods_total', help: '[ALPHA] Cumulative number of pods started', type: 'counter', samples: [{ value: ctx.pods.managed().length }] },
    { name: 'kubelet_http_requests_total', help: '[ALPHA] Number of the http requests received since the server started', type: 'counter', samples: requests },
    { name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch in seconds.', type: 'gauge', samples: [{ value: Math.floor(ctx.startedAt.getTime() / 1000) }] },
    { name: 'go_goroutines', help: 'Number of goroutines that currently exist.', type: 'gauge', samples: [{ value: 180 + running * 12 }] },
  ]);
};

function cgroupOf(c: ContainerUsage, pod: KubeObject | undefined): string {
  const qos = ((pod?.status as { qosClass?: string } | undefined)?.qosClass ?? 'BestEffort').toLowerCase();
  const uid = c.podUid.replace(/-/g, '_');
  const slice = qos === 'guaranteed' ? `kubelet-kubepods-pod${uid}.slice` : `kubelet-kubepods-${qos}.slice/kubelet-kubepods-${qos}-pod${uid}.slice`;
  return `/kubelet.slice/kubelet-kubepods.slice/${slice}/cri-containerd-${c.containerId}.scope`;
}

export const cadvisorMetrics: EndpointHandler = (_req, ctx) => {
  const now = ctx.clock();
  const ms = now.getTime();
  const pods = new Map(ctx.pods.managed().map((p) => [p.metadata.uid ?? '', p]));
  const containers = runningContainers(ctx, now);
  const node = nodeUsage(containers, ctx.startedAt, now);
  const root = { container: '', id: '/', image: '', name: '', namespace: '', pod: '' };
  const labelsOf = (c: ContainerUsage) => ({ container: c.container, id: cgroupOf(c, pods.get(c.podUid)), image: c.image, name: c.containerId, namespace: c.namespace, pod: c.pod });
  const series = (rootValue: number, value: (c: ContainerUsage) => number): Sample[] => [
    { labels: root, value: rootValue, timestampMs: ms },
    ...containers.map((c) => ({ labels: labelsOf(c), value: value(c), timestampMs: ms })),
  ];
  return reply([
    {
      name: 'cadvisor_version_info',
      help: "A metric with a constant '1' value labeled by kernel version, OS version, docker version, cadvisor version & cadvisor revision.",
      type: 'gauge',
      samples: [{ labels: { cadvisorRevision: '', cadvisorVersion: '', dockerVersion: '', kernelVersion: release(), osVersion: ctx.version.nodeOsImage }, value: 1 }],
    },
    { name: 'container_cpu_usage_seconds_total', help: 'Cumulative cpu time consumed in seconds.', type: 'counter', samples: series(node.cpuCoreSeconds, (c) => c.cpuCoreSeconds) },
    { name: 'container_memory_working_set_bytes', help: 'Current working set in bytes.', type: 'gauge', samples: series(node.memoryWorkingSetBytes, (c) => c.memoryWorkingSetBytes) },
    { name: 'container_memory_rss', help: 'Size of RSS in bytes.', type: 'gauge', samples: series(node.memoryRssBytes, (c) => c.memoryRssBytes) },
    { name: 'container_start_time_seconds', help: 'Start time of the container since unix epoch in seconds.', type: 'gauge', samples: series(Math.floor(ctx.startedAt.getTime() / 1000), (c) => Math.floor(c.startedAt.getTime() / 1000)) },
    { name: 'machine_cpu_cores', help: 'Number of logical CPU cores.', type: 'gauge', samples: [{ labels: { boot_id: '', machine_id: '', system_uuid: '' }, value: node.cores }] },
    { name: 'machine_memory_bytes', help: 'Amount of memory installed on the machine.', type: 'gauge', samples: [{ labels: { boot_id: '', machine_id: '', system_uuid: '' }, value: node.memoryCapacityBytes }] },
  ]);
};

export const resourceMetrics: EndpointHandler = (_req, ctx) => {
  const now = ctx.clock();
  const ms = now.getTime();
  const containers = runningContainers(ctx, now);
  const node = nodeUsage(containers, ctx.startedAt, now);
  const byPod = new Map<string, ContainerUsage[]>();
  for (const c of containers) byPod.set(`${c.namespace}/${c.pod}`, [...(byPod.get(`${c.namespace}/${c.pod}`) ?? []), c]);
  const perContainer = (value: (c: ContainerUsage) => number): Sample[] =>
    containers.map((c) => ({ labels: { container: c.container, namespace: c.namespace, pod: c.pod }, value: value(c), timestampMs: ms }));
  const perPod = (value: (c: ContainerUsage) => number): Sample[] =>
    [...byPod.values()].map((cs) => ({ labels: { namespace: cs[0]!.namespace, pod: cs[0]!.pod }, value: cs.reduce((t, c) => t + value(c), 0), timestampMs: ms }));
  return reply([
    { name: 'container_cpu_usage_seconds_total', help: '[STABLE] Cumulative cpu time consumed by the container in core-seconds', type: 'counter', samples: perContainer((c) => c.cpuCoreSeconds) },
    { name: 'container_memory_working_set_bytes', help: '[STABLE] Current working set of the container in bytes', type: 'gauge', samples: perContainer((c) => c.memoryWorkingSetBytes) },
    { name: 'container_start_time_seconds', help: '[STABLE] Start time of the container since unix epoch in seconds', type: 'gauge', samples: perContainer((c) => c.startedAt.getTime() / 1000) },
    { name: 'node_cpu_usage_seconds_total', help: '[STABLE] Cumulative cpu time consumed by the node in core-seconds', type: 'counter', samples: [{ value: node.cpuCoreSeconds, timestampMs: ms }] },
    { name: 'node_memory_working_set_bytes', help: '[STABLE] Current working set of the node in bytes', type: 'gauge', samples: [{ value: node.memoryWorkingSetBytes, timestampMs: ms }] },
    { name: 'pod_cpu_usage_seconds_total', help: '[STABLE] Cumulative cpu time consumed by the pod in core-seconds', type: 'counter', samples: perPod((c) => c.cpuCoreSeconds) },
    { name: 'pod_memory_working_set_bytes', help: '[STABLE] Current working set of the pod in bytes', type: 'gauge', samples: perPod((c) => c.memoryWorkingSetBytes) },
    { name: 'resource_scrape_error', help: '[STABLE] 1 if there was an error while getting container metrics, 0 otherwise', type: 'gauge', samples: [{ value: 0 }] },
  ]);
};

interface ProbedContainer {
  name: string;
  livenessProbe?: { periodSeconds?: number };
  readinessProbe?: { periodSeconds?: number };
  startupProbe?: { periodSeconds?: number };
}

export const probeMetrics: EndpointHandler = (_req, ctx) => {
  const now = ctx.clock().getTime();
  const samples: Sample[] = [];
  for (const pod of ctx.pods.managed()) {
    const started = Date.parse((pod.status as { startTime?: string } | undefined)?.startTime ?? '') || now;
    for (const c of ((pod.spec as { containers?: ProbedContainer[] }).containers ?? [])) {
      for (const [field, type] of [['livenessProbe', 'Liveness'], ['readinessProbe', 'Readiness'], ['startupProbe', 'Startup']] as const) {
        const probe = c[field];
        if (!probe) continue;
        // A startup probe stops once it has succeeded; the others run every period.
        const runs = type === 'Startup' ? 1 : Math.max(1, Math.floor((now - started) / 1000 / (probe.periodSeconds ?? 10)));
        samples.push({
          labels: { container: c.name, namespace: pod.metadata.namespace ?? '', pod: pod.metadata.name ?? '', pod_uid: pod.metadata.uid ?? '', probe_type: type, result: 'successful' },
          value: runs,
        });
      }
    }
  }
  return reply([
    {
      name: 'prober_probe_total',
      help: `[${STABILITY[ctx.version.version].prober}] Cumulative number of a liveness, readiness or startup probe for a container by result.`,
      type: 'counter',
      samples,
    },
  ]);
};

export const sliMetrics: EndpointHandler = (_req, ctx) => {
  const checks = ['log', 'ping', 'syncloop'];
  const healthz = ctx.counters.all().filter((c) => c.path === 'healthz').reduce((n, c) => n + c.count, 0);
  return reply([
    { name: 'kubernetes_healthcheck', help: '[BETA] This metric records the result of a single healthcheck.', type: 'gauge', samples: checks.map((name) => ({ labels: { name, type: 'healthz' }, value: 1 })) },
    {
      name: 'kubernetes_healthchecks_total',
      help: '[BETA] This metric records the results of all healthcheck.',
      type: 'counter',
      samples: checks.map((name) => ({ labels: { name, status: 'success', type: 'healthz' }, value: healthz })),
    },
  ]);
};
