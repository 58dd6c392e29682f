// The kind runtime: creates lab clusters with the kind CLI (one `kind create cluster` per spec,
// its progress streamed stage by stage), lists and adopts the lab's clusters after a restart
// (every one is named kubelab-<id>), and deletes them with whatever kind left behind.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ClusterProvider, ClusterSpec, Progress, ProgressReporter } from '../provider.js';
import { isKubeVersion, KUBE_VERSIONS, VERSIONS, type KubeVersion } from '../versions.js';
import { validateSpec } from '../embedded/cluster.js';
import { DecisionLog } from '../embedded/kubelet/decisions/decision-log.js';
import { runCommand, type CommandRunner, type RunOptions } from './command-runner.js';
import { KindRuntimeError, nameClash } from './errors.js';
import { auditPolicyYaml } from './audit-policy.js';
import { AuditDecisionBuilder, followAuditLog } from './audit-trail.js';
import { renderKindConfig } from './kind-config.js';
import { KindOutputParser } from './kind-progress.js';
import { KindCluster } from './kind-cluster.js';
import { canReach, type KubeletRoute } from './kubelet-transport.js';
import { commandFailed, inspectNodes, KIND_NETWORK, kindNodeNames } from './node-network.js';
import { isLabCluster, kindClusterName, labIdOf, normalizeKindName } from './names.js';
import { preflight } from './preflight.js';
import { RbacMirror } from './rbac-mirror.js';

export const DEFAULT_WAIT = '180s';
const CREATE_TIMEOUT_MS = 15 * 60_000;

export interface KindProviderOptions {
  /** Per-cluster files (kind config, audit policy, record) go to STATE_DIR/<kind name>/. */
  stateDir: string;
  /** The real kubectl: watches each cluster's RBAC for the lab's access matrix. Without it the copy stays empty. */
  kubectl?: string;
  /** `kind create cluster --wait`; default 180s. */
  wait?: string;
  /** One Docker network per cluster, so one learner's nodes cannot reach another's. */
  isolateNetworks?: boolean;
  /** Write kubeconfigs with the control plane's address on the kind network (`kind get kubeconfig --internal`), for a lab server in a container on that network. */
  internalKubeconfig?: boolean;
  /** This lab server's container: connected to each per-cluster network so it can reach the nodes. */
  labContainer?: string;
  /** How kubelet calls travel: auto (direct when a TCP connection to the node opens, else docker exec), or fixed. */
  kubeletRoute?: 'auto' | KubeletRoute;
  /** Follow each cluster's audit log and RBAC (the web lab needs both); default true. */
  live?: boolean;
  /** Environment for kind, docker and kubectl; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface CreateOptions {
  /** Where the admin kubeconfig goes; default STATE_DIR/<kind name>/kubeconfig. */
  kubeconfigPath?: string;
}

/** What `kubelab cluster list` shows of a lab kind cluster. */
export interface KindClusterSummary {
  kindName: string;
  id: string;
  version: KubeVersion | undefined;
  nodes: string[];
  /** Its kubeconfig, when this lab created or adopted it. */
  kubeconfigPath: string | undefined;
  createdAt: string | undefined;
}

const RECORD_FILE = 'cluster.json';
const RECORD = z.object({
  kindName: z.string(),
  spec: z.object({ name: z.string(), version: z.string(), nodes: z.number().optional(), featureGates: z.record(z.string(), z.boolean()).optional(), kubeletConfigPatch: z.string().optional() }),
  kubeconfigPath: z.string(),
  network: z.string(),
  createdAt: z.string(),
});
type ClusterRecord = z.infer<typeof RECORD>;

export class KindProvider implements ClusterProvider {
  private readonly run: CommandRunner;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly opts: KindProviderOptions) {
    this.env = opts.env ?? process.env;
    this.run = (command, args, runOpts: RunOptions = {}) => runCommand(command, args, { env: this.env, ...runOpts });
  }

  async create(spec: ClusterSpec, progress: ProgressReporter = () => {}, createOpts: CreateOptions = {}): Promise<KindCluster> {
    const step = stepper(progress);
    await step('Validating configuration', async () => validateSpec(spec));
    const kindName = kindClusterName(spec.name);
    await step('Checking Docker and kind', async () => {
      await preflight(spec.version, this.run);
      if ((await this.kindClusters()).includes(kindName)) throw nameClash(kindName);
    });

    const dir = this.clusterDir(kindName);
    const kubeconfigPath = resolve(createOpts.kubeconfigPath ?? join(dir, 'kubeconfig'));
    const network = this.opts.isolateNetworks ? kindName : KIND_NETWORK;
    mkdirSync(dir, { recursive: true });
    mkdirSync(dirname(kubeconfigPath), { recursive: true });
    const auditPolicyHostPath = join(dir, 'audit-policy.yaml');
    writeFileSync(auditPolicyHostPath, auditPolicyYaml());
    const configPath = join(dir, 'kind-config.yaml');
    writeFileSync(configPath, renderKindConfig({ spec, auditPolicyHostPath }));

    try {
      await this.kindCreate(kindName, spec.version, configPath, kubeconfigPath, network, progress);
      if (this.opts.internalKubeconfig) await this.writeKubeconfig(kindName, kubeconfigPath, true);
      const record: ClusterRecord = { kindName, spec, kubeconfigPath, network, createdAt: new Date().toISOString() };
      const cluster = await step('Connecting to the nodes', () => this.open(record));
      writeFileSync(join(dir, RECORD_FILE), JSON.stringify(record, null, 2));
      return cluster;
    } catch (e) {
      if (!(e instanceof KindRuntimeError && e.problem === 'name-clash')) {
        await this.remove(kindName, network).catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      }
      throw e;
    }
  }

  /** The lab's kind clusters (kubelab-*), by kind name. */
  async list(): Promise<string[]> {
    return (await this.kindClusters()).filter(isLabCluster);
  }

  /** The lab's kind clusters with what is known of each. */
  async describe(): Promise<KindClusterSummary[]> {
    const names = await this.list();
    return Promise.all(
      names.map(async (kindName) => {
        const record = this.readRecord(kindName);
        const nodes = await kindNodeNames(kindName, this.run);
        const version = record && isKubeVersion(record.spec.version) ? record.spec.version : await this.versionFromImage(nodes[0]);
        return { kindName, id: labIdOf(kindName), version, nodes, kubeconfigPath: record?.kubeconfigPath, createdAt: record?.createdAt };
      }),
    );
  }

  /** Every lab kind cluster that exists now, as a Cluster again (after a lab restart). */
  async adopt(): Promise<KindCluster[]> {
    const clusters: KindCluster[] = [];
    for (const kindName of await this.list()) clusters.push(await this.adoptOne(kindName));
    return clusters;
  }

  /** Deletes every lab kind cluster except those named in `keep` (orphans of an earlier run); returns what it deleted. */
  async reap(keep: readonly string[] = []): Promise<string[]> {
    const kept = new Set(keep.map(normalizeKindName));
    const orphans = (await this.list()).filter((name) => !kept.has(name));
    for (const name of orphans) await this.delete(name);
    return orphans;
  }

  /** Deletes a lab kind cluster by kind name or lab id; deleting one that is gone is not an error. */
  async delete(nameOrId: string): Promise<void> {
    const kindName = normalizeKindName(nameOrId);
    const record = this.readRecord(kindName);
    await this.remove(kindName, record?.network ?? (this.opts.isolateNetworks ? kindName : KIND_NETWORK));
    rmSync(this.clusterDir(kindName), { recursive: true, force: true });
  }

  /** One lab kind cluster by name (kubelab's or kind's form), e.g. the one a learner had before a restart. */
  async adoptOne(kindName: string): Promise<KindCluster> {
    const known = this.readRecord(kindName);
    if (known && existsSync(known.kubeconfigPath)) return this.open(known);
    const nodes = await kindNodeNames(kindName, this.run);
    const version = await this.versionFromImage(nodes[0]);
    if (!version) throw new KindRuntimeError('command-failed', `cannot tell the Kubernetes version of ${kindName}: its node image is none of kubelab's`, `delete it with \`kubelab cluster down ${kindName}\``);
    const dir = this.clusterDir(kindName);
    mkdirSync(dir, { recursive: true });
    const kubeconfigPath = join(dir, 'kubeconfig');
    await this.writeKubeconfig(kindName, kubeconfigPath, this.opts.internalKubeconfig === true);
    const { network } = await inspectNodes(nodes, this.opts.isolateNetworks ? kindName : KIND_NETWORK, this.run);
    const record: ClusterRecord = { kindName, spec: { name: labIdOf(kindName), version, nodes: nodes.length }, kubeconfigPath, network, createdAt: new Date().toISOString() };
    writeFileSync(join(dir, RECORD_FILE), JSON.stringify(record, null, 2));
    return this.open(record);
  }

  /** A Cluster for a running kind cluster described by `record`. */
  private async open(record: ClusterRecord): Promise<KindCluster> {
    const spec = record.spec as ClusterSpec;
    const names = await kindNodeNames(record.kindName, this.run);
    if (names.length === 0) throw new KindRuntimeError('command-failed', `kind cluster ${record.kindName} has no nodes`, `delete it with \`kubelab cluster down ${record.kindName}\` and create it again`);
    if (this.opts.labContainer && record.network !== KIND_NETWORK) await this.connectLabContainer(record.network);
    const { nodes, network } = await inspectNodes(names, record.network, this.run);
    if (this.opts.internalKubeconfig && !existsSync(record.kubeconfigPath)) await this.writeKubeconfig(record.kindName, record.kubeconfigPath, true);
    const server = serverOf(record.kubeconfigPath);
    const fixedRoute = this.opts.kubeletRoute ?? 'auto';
    const route: KubeletRoute = fixedRoute !== 'auto' ? fixedRoute : (await canReach(nodes[0]!)) ? 'direct' : 'docker-exec';
    const live = this.opts.live !== false;
    const decisions = new DecisionLog();
    const audit = live ? followAuditLog(nodes[0]!.name, new AuditDecisionBuilder(decisions), this.env) : undefined;
    const mirror = live && this.opts.kubectl ? new RbacMirror(this.opts.kubectl, record.kubeconfigPath, this.env).start() : undefined;
    return new KindCluster({
      spec,
      kindName: record.kindName,
      kubeconfigPath: record.kubeconfigPath,
      server,
      nodes,
      network,
      route,
      stateDir: this.clusterDir(record.kindName),
      ...(mirror ? { store: mirror.store } : {}),
      decisions,
      stopLive: () => {
        audit?.stop();
        mirror?.stop();
      },
      remove: () => this.remove(record.kindName, network),
      run: this.run,
    });
  }

  /** `kind create cluster`, progress parsed from its stderr; throws with kind's own error and the fix. */
  private async kindCreate(kindName: string, version: KubeVersion, configPath: string, kubeconfigPath: string, network: string, progress: ProgressReporter): Promise<void> {
    const parser = new KindOutputParser(progress);
    const env = network === KIND_NETWORK ? this.env : { ...this.env, KIND_EXPERIMENTAL_DOCKER_NETWORK: network };
    const result = await runCommand('kind', createArgs(kindName, version, configPath, kubeconfigPath, this.opts.wait ?? DEFAULT_WAIT), {
      env,
      timeoutMs: CREATE_TIMEOUT_MS,
      onStderrLine: (line) => parser.line(line),
    });
    if (result.code !== 0) {
      const error = parser.error ?? (result.stderr.trim().split('\n').at(-1) || `kind exited ${result.code}`);
      parser.abandon(error);
      if (/already exist for a cluster with the name/.test(error)) throw nameClash(kindName);
      const where = parser.failedStage ? ` at "${parser.failedStage}"` : '';
      throw new KindRuntimeError('create-failed', `kind create cluster failed${where}: ${error}`, 'kubelab deleted what kind left behind; run `kubelab doctor`, then try again (`kind export logs` after a failure with --retain shows the node logs)');
    }
    if (parser.waitTimedOut) {
      throw new KindRuntimeError('not-ready', `the nodes of ${kindName} did not become Ready within ${this.opts.wait ?? DEFAULT_WAIT}`, 'the cluster was deleted; give it longer (a busy or small Docker host can need minutes) or free memory and CPU, then try again');
    }
  }

  /** `kind delete cluster` (idempotent), then the per-cluster network if there is one. */
  private async remove(kindName: string, network: string): Promise<void> {
    const result = await this.run('kind', ['delete', 'cluster', '--name', kindName], { timeoutMs: 120_000 });
    if (result.code !== 0) throw commandFailed(`kind delete cluster --name ${kindName}`, result.stderr);
    if (network === KIND_NETWORK) return;
    if (this.opts.labContainer) await this.run('docker', ['network', 'disconnect', '--force', network, this.opts.labContainer], { timeoutMs: 30_000 });
    const rm = await this.run('docker', ['network', 'rm', network], { timeoutMs: 30_000 });
    if (rm.code !== 0 && !/not found|no such network/i.test(rm.stderr)) throw commandFailed(`docker network rm ${network}`, rm.stderr);
  }

  private async connectLabContainer(network: string): Promise<void> {
    const result = await this.run('docker', ['network', 'connect', network, this.opts.labContainer!], { timeoutMs: 30_000 });
    if (result.code !== 0 && !/already exists/i.test(result.stderr)) throw commandFailed(`docker network connect ${network} ${this.opts.labContainer!}`, result.stderr);
  }

  private async writeKubeconfig(kindName: string, path: string, internal: boolean): Promise<void> {
    const result = await this.run('kind', ['get', 'kubeconfig', '--name', kindName, ...(internal ? ['--internal'] : [])], { timeoutMs: 30_000 });
    if (result.code !== 0) throw commandFailed(`kind get kubeconfig --name ${kindName}`, result.stderr);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, result.stdout, { mode: 0o600 });
  }

  private async kindClusters(): Promise<string[]> {
    const result = await this.run('kind', ['get', 'clusters'], { timeoutMs: 30_000 });
    if (result.code !== 0) throw commandFailed('kind get clusters', result.stderr);
    return result.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  }

  /** The version whose pinned node image the node runs. */
  private async versionFromImage(node: string | undefined): Promise<KubeVersion | undefined> {
    if (!node) return undefined;
    const result = await this.run('docker', ['inspect', '--format', '{{.Config.Image}}', node], { timeoutMs: 30_000 });
    const image = result.stdout.trim();
    return KUBE_VERSIONS.find((v) => VERSIONS[v].kind.nodeImage === image || VERSIONS[v].kind.nodeImage.split('@')[0] === image);
  }

  private clusterDir(kindName: string): string {
    return join(this.opts.stateDir, kindName);
  }

  private readRecord(kindName: string): ClusterRecord | undefined {
    const file = join(this.clusterDir(kindName), RECORD_FILE);
    if (!existsSync(file)) return undefined;
    const parsed = RECORD.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  }
}

/** The exact `kind create cluster` argv for a lab cluster. */
export function createArgs(kindName: string, version: KubeVersion, configPath: string, kubeconfigPath: string, wait: string): string[] {
  return ['create', 'cluster', '--name', kindName, '--image', VERSIONS[version].kind.nodeImage, '--config', configPath, '--kubeconfig', kubeconfigPath, '--wait', wait];
}

function serverOf(kubeconfigPath: string): string {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as { clusters?: { cluster?: { server?: string } }[] } | null;
  const server = config?.clusters?.[0]?.cluster?.server;
  if (!server) throw new KindRuntimeError('command-failed', `kind wrote a kubeconfig without a server (${kubeconfigPath})`, 'delete the cluster and create it again');
  return server;
}

/** Our own stages around kind's, reported like kind's (start, then done or failed with timing). */
function stepper(progress: ProgressReporter) {
  return async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    progress({ stage, state: 'start' });
    try {
      const result = await fn();
      progress({ stage, state: 'done', elapsedMs: performance.now() - started });
      return result;
    } catch (e) {
      const p: Progress = { stage, state: 'failed', detail: (e as Error).message, elapsedMs: performance.now() - started };
      progress(p);
      throw e;
    }
  };
}
