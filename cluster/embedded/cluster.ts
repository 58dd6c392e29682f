// An embedded cluster: one in-process HTTPS API server (and, per node, a kubelet), started as
// named steps like kind's actions, reporting progress through the same interface. A cluster can
// be snapshotted and started again from its snapshot, as it was.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { Cluster, ClusterNode, ClusterSpec, KubeletRequest, KubeletResponse, ProgressReporter } from '../provider.js';
import { nodeNames } from '../provider.js';
import { VERSIONS, type VersionInfo } from '../versions.js';
import { validateFeatureGates } from '../feature-gates.js';
import { renderKubeconfig } from '../kubeconfig.js';
import { generateClusterPki, loadClusterPki, type ClusterPki } from './pki/cluster-pki.js';
import { ObjectStore, resourceKey } from './apiserver/storage/store.js';
import { generateSigningKey, type SigningKey } from './apiserver/serviceaccount/jwt.js';
import { assembleApiServer, type AssembledApiServer } from './apiserver/assemble.js';
import { seedClusterState } from './bootstrap.js';
import { allocateNodeAddresses, reclaimNodeAddresses } from './node-addresses.js';
import { relocateNodes } from './nodes.js';
import { InvalidClusterSpecError } from './errors.js';
import { KUBEADM_KUBELET_CLIENT } from './apiserver/bootstrap/installer-rbac.js';
import { ClusterKubelets } from './kubelet/cluster-kubelets.js';
import type { ContainerRuntime } from './kubelet/container-runtime.js';
import { ClusterRuntimes } from './kubelet/containers/cluster-runtimes.js';
import { DecisionLog, type DecisionListener, type KubeletDecision } from './kubelet/decisions/decision-log.js';
import { DECISION_FILE_NAME, writeDecisionFile } from './kubelet/decisions/decision-file.js';
import type { KubeletConfiguration } from './kubelet/kubelet-config.js';
import { resolveNodeKubeletConfig } from './kubelet/node-config.js';
import { ClusterSnapshotError, parseClusterSnapshot, type EmbeddedClusterSnapshot } from './snapshot-format.js';
import { importSigningKey } from './snapshot-keys.js';
import { captureClusterSnapshot } from './snapshot.js';

const CLUSTER_AGE_AT_READY_MS = 60_000;

/**
 * What restarted controllers must see again to finish work under way at snapshot time: a pod
 * being deleted waits on a timer, and so do a Deployment's progress deadline and a ReplicaSet's
 * minReadySeconds. Everything else the controllers do runs in the microtask after the write, so
 * it is done before any snapshot is taken (and replaying every ClusterRole through the
 * aggregation controller would cost more than the rest of a restore).
 */
const UNFINISHED_WORK = [resourceKey('', 'pods'), resourceKey('apps', 'deployments'), resourceKey('apps', 'replicasets')];

interface StartOptions {
  /** Where the kubeconfig goes; default <dataDir>/clusters/<name>/kubeconfig. */
  kubeconfigPath?: string;
  dataDir: string;
  progress?: ProgressReporter;
  clock?: () => Date;
  /** Each node's container runtime (exec, attach, port-forward, run, logs); default: simulated containers. */
  containerRuntime?: (node: ClusterNode) => ContainerRuntime;
  /**
   * Where the kubelets' decision log is mirrored as JSON lines, for `kubelab cluster log` in another
   * process; default <dataDir>/clusters/<name>/kubelet-decisions.jsonl; false for none.
   */
  decisionLogFile?: string | false;
}

/**
 * A new cluster from `spec`, or the cluster a snapshot holds (`restore`, checked again here as
 * untrusted input): same objects, certificates and keys, a new API server port (the kubeconfig is
 * rewritten), the old node addresses when they are free.
 */
export type EmbeddedClusterOptions = StartOptions & ({ spec: ClusterSpec; restore?: undefined } | { restore: EmbeddedClusterSnapshot; spec?: undefined });

export interface StateChangeOptions {
  /** Wait this long after a change, gathering the ones that follow, then call once. */
  batchMs?: number;
}

interface ClusterParts {
  spec: ClusterSpec;
  gitVersion: string;
  kubeconfigPath: string;
  server: string;
  nodes: readonly ClusterNode[];
  store: ObjectStore;
  pki: ClusterPki;
  signingKey: Promise<SigningKey>;
  httpsServer: Server;
  apiserver: AssembledApiServer;
  kubelets: ClusterKubelets;
  /** Absent when the caller brought its own container runtime: its state is its own. */
  runtimes: ClusterRuntimes | undefined;
  decisionLog: DecisionLog;
  stopDecisionFile: () => Promise<void>;
  clock: () => Date;
}

export class EmbeddedCluster implements Cluster {
  readonly runtime = 'embedded' as const;
  readonly spec: ClusterSpec;
  readonly gitVersion: string;
  readonly kubeconfigPath: string;
  readonly server: string;
  readonly nodes: readonly ClusterNode[];
  readonly store: ObjectStore;
  private readonly stateSubscriptions = new Set<() => void>();

  constructor(private readonly parts: ClusterParts) {
    this.spec = parts.spec;
    this.gitVersion = parts.gitVersion;
    this.kubeconfigPath = parts.kubeconfigPath;
    this.server = parts.server;
    this.nodes = parts.nodes;
    this.store = parts.store;
  }

  async kubeletRequest(node: string, req: KubeletRequest): Promise<KubeletResponse> {
    return this.parts.kubelets.request(node, req);
  }

  /** What the kubelets decided, oldest first (the last few thousand requests). */
  decisions(): KubeletDecision[] {
    return this.parts.decisionLog.entries();
  }

  /** Every kubelet decision from now on; returns the unsubscribe function. */
  onDecision(listener: DecisionListener): () => void {
    return this.parts.decisionLog.subscribe(listener);
  }

  /**
   * Everything needed to bring this cluster back as it was (startEmbeddedCluster({ restore })),
   * as JSON-serialisable data. Waits only for the ServiceAccount signing key, which start-up
   * generates in the background; the state itself is captured at one instant.
   */
  async snapshot(): Promise<EmbeddedClusterSnapshot> {
    const signingKey = await this.parts.signingKey;
    const { spec, pki, nodes, store, runtimes, clock } = this.parts;
    return captureClusterSnapshot({ spec, pki, signingKey, nodes, store, containers: runtimes?.states() ?? [], takenAt: clock() });
  }

  /**
   * Called after every change a snapshot would see: any write to the store (the controllers'
   * too) and any change a process makes inside a container. Returns the unsubscribe function;
   * deleting the cluster unsubscribes every listener.
   */
  onStateChange(listener: () => void, opts: StateChangeOptions = {}): () => void {
    const notify = opts.batchMs === undefined ? { call: listener, cancel: () => {} } : batched(listener, opts.batchMs);
    const fromStore = this.store.subscribe(() => notify.call());
    const fromContainers = this.parts.runtimes?.subscribe(() => notify.call());
    const unsubscribe = () => {
      fromStore();
      fromContainers?.();
      notify.cancel();
      this.stateSubscriptions.delete(unsubscribe);
    };
    this.stateSubscriptions.add(unsubscribe);
    return unsubscribe;
  }

  async delete(): Promise<void> {
    for (const unsubscribe of [...this.stateSubscriptions]) unsubscribe();
    await this.parts.kubelets.stop();
    await this.parts.stopDecisionFile();
    this.parts.apiserver.stop();
    await new Promise<void>((done) => {
      this.parts.httpsServer.close(() => done());
      this.parts.httpsServer.closeAllConnections();
    });
  }
}

/** At most one call per `ms`: `ms` after the first change of a burst. */
function batched(listener: () => void, ms: number): { call: () => void; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  return {
    call() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        listener();
      }, ms);
      timer.unref();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

export interface ValidatedSpec {
  version: VersionInfo;
  featureGates: Record<string, boolean>;
  kubelet: { config: KubeletConfiguration; gates: Record<string, boolean> };
}

/** Checks the spec as the real components would, before anything starts. */
export function validateSpec(spec: ClusterSpec): ValidatedSpec {
  const version = VERSIONS[spec.version];
  if (!version) throw new InvalidClusterSpecError(`unsupported version "${spec.version}": use one of ${Object.keys(VERSIONS).join(', ')}`);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(spec.name) || spec.name.length > 40) {
    throw new InvalidClusterSpecError(`invalid cluster name "${spec.name}": use lower-case letters, digits and '-' (at most 40 characters), e.g. "lab1"`);
  }
  const nodes = spec.nodes ?? 1;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 10) throw new InvalidClusterSpecError(`invalid node count ${nodes}: use 1 to 10`);
  const gates = validateFeatureGates(spec.version, spec.featureGates ?? {});
  if (!gates.ok) throw new InvalidClusterSpecError(gates.message);
  const kubelet = resolveNodeKubeletConfig(spec.version, spec.featureGates ?? {}, spec.kubeletConfigPatch);
  if (!kubelet.ok) throw new InvalidClusterSpecError(`kubelet configuration: ${kubelet.message}`);
  return {
    version,
    featureGates: gates.effective,
    kubelet: { config: kubelet.config, gates: kubelet.effectiveGates },
  };
}

export async function startEmbeddedCluster(opts: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const clock = opts.clock ?? (() => new Date());
  const step = stepper(opts.progress);
  const saved = opts.restore ? step('Reading snapshot', () => readSnapshot(opts.restore)) : undefined;
  const spec = saved?.snapshot.spec ?? opts.spec;
  if (!spec) throw new InvalidClusterSpecError('no cluster spec: pass `spec` for a new cluster or `restore` with a snapshot');

  const { version, featureGates, kubelet } = step('Validating configuration', () => validateSpec(spec));
  // RSA keygen runs on the thread pool while we go on.
  const signingKey = saved ? Promise.resolve(saved.signingKey) : generateSigningKey();
  const pki = saved?.pki ?? step('Generating certificates', () => generateClusterPki(KUBEADM_KUBELET_CLIENT[spec.version].certificateGroups));
  const addresses = saved
    ? await reclaimNodeAddresses(spec.name, saved.snapshot.nodes.map((n) => ({ ip: n.internalIP, port: n.kubeletPort })))
    : await allocateNodeAddresses(spec.name, spec.nodes ?? 1);
  const nodes: ClusterNode[] = nodeNames(spec.name, spec.nodes ?? 1).map((n, i) => ({
    name: n.name,
    role: n.role,
    internalIP: addresses[i]!.ip,
    kubeletPort: addresses[i]!.port,
  }));

  const store = new ObjectStore(clock);
  if (saved) {
    step('Restoring cluster state', () => {
      store.restore(saved.snapshot.store);
      relocateNodes(store, saved.snapshot.nodes, nodes);
    });
  } else {
    // A kind cluster is about a minute old when `kind create cluster` returns; so are its objects.
    const createdAt = new Date(clock().getTime() - CLUSTER_AGE_AT_READY_MS);
    step('Writing bootstrap state', () =>
      seedClusterState(store, { clusterName: spec.name, version, featureGates, nodes, caPem: pki.ca.certPem, now: createdAt }),
    );
  }

  const apiserver = assembleApiServer({
    version,
    featureGates,
    store,
    signingKey,
    kubeletClient: pki.kubeletClient,
    clock,
    caPem: pki.ca.certPem,
    advertiseAddress: nodes[0]!.internalIP,
  });
  if (saved) store.resync(UNFINISHED_WORK);
  const httpsServer = await step('Starting API server', () => listen(pki, apiserver));
  const port = (httpsServer.address() as AddressInfo).port;
  const server = `https://127.0.0.1:${port}`;

  const decisionLog = new DecisionLog();
  const decisionFile = opts.decisionLogFile ?? join(opts.dataDir, 'clusters', spec.name, DECISION_FILE_NAME);
  let stopDecisionFile = async () => {};
  if (decisionFile !== false) {
    mkdirSync(dirname(decisionFile), { recursive: true });
    stopDecisionFile = writeDecisionFile(decisionLog, decisionFile);
  }
  const runtimes = opts.containerRuntime
    ? undefined
    : new ClusterRuntimes({ store, tokens: apiserver.tokens, version, config: kubelet.config, gates: kubelet.gates, clock }, saved?.snapshot.containers);
  let kubelets: ClusterKubelets;
  try {
    kubelets = await step('Starting kubelets', () =>
      ClusterKubelets.start({
        clusterName: spec.name,
        version,
        nodes,
        config: kubelet.config,
        gates: kubelet.gates,
        caPem: pki.ca.certPem,
        store,
        apiserver,
        runtime: opts.containerRuntime ?? ((node) => runtimes!.forNode(node)),
        decisions: decisionLog,
        clock,
      }),
    );
  } catch (e) {
    await stopDecisionFile();
    apiserver.stop();
    httpsServer.close();
    throw e;
  }

  const kubeconfigPath = resolve(opts.kubeconfigPath ?? join(opts.dataDir, 'clusters', spec.name, 'kubeconfig'));
  step('Writing kubeconfig', () => {
    mkdirSync(dirname(kubeconfigPath), { recursive: true });
    writeFileSync(kubeconfigPath, renderKubeconfig({ clusterName: spec.name, server, caPem: pki.ca.certPem, user: pki.admin }), { mode: 0o600 });
  });
  return new EmbeddedCluster({
    spec,
    gitVersion: version.gitVersion,
    kubeconfigPath,
    server,
    nodes,
    store,
    pki,
    signingKey,
    httpsServer,
    apiserver,
    kubelets,
    runtimes,
    decisionLog,
    stopDecisionFile,
    clock,
  });
}

interface ReadSnapshot {
  snapshot: EmbeddedClusterSnapshot;
  pki: ClusterPki;
  signingKey: SigningKey;
}

/** The snapshot checked as if it came from untrusted bytes, with its certificates and keys loaded. */
function readSnapshot(input: unknown): ReadSnapshot {
  const snapshot = parseClusterSnapshot(input);
  try {
    return { snapshot, pki: loadClusterPki(snapshot.pki), signingKey: importSigningKey(snapshot.pki.serviceAccountKey) };
  } catch (e) {
    throw new ClusterSnapshotError(`the cluster snapshot's keys are not usable (${(e as Error).message}): restore an unmodified copy`, { cause: e });
  }
}

function listen(pki: ClusterPki, apiserver: AssembledApiServer): Promise<Server> {
  const server = createServer({
    cert: pki.serving.certPem,
    key: pki.serving.keyPem,
    ca: pki.ca.certPem,
    requestCert: true,
    rejectUnauthorized: false, // a missing or foreign client cert is the authenticator's call
    keepAliveTimeout: 60_000,
  });
  server.on('request', apiserver.server.handle);
  server.on('upgrade', apiserver.server.handleUpgrade);
  server.on('tlsClientError', () => {}); // a client that hangs up mid-handshake is not our failure
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

type Step = <T>(stage: string, fn: () => T) => T;

/** Runs named stages, reporting start/done/failed with timings (kind's ✓/✗ status lines). */
function stepper(progress: ProgressReporter | undefined): Step {
  return <T>(stage: string, fn: () => T): T => {
    const started = performance.now();
    progress?.({ stage, state: 'start' });
    const finish = (state: 'done' | 'failed', detail?: string) =>
      progress?.({ stage, state, elapsedMs: performance.now() - started, ...(detail ? { detail } : {}) });
    try {
      const result = fn();
      if (result instanceof Promise) {
        return result.then(
          (v: unknown) => {
            finish('done');
            return v;
          },
          (e: unknown) => {
            finish('failed', (e as Error).message);
            throw e;
          },
        ) as T;
      }
      finish('done');
      return result;
    } catch (e) {
      finish('failed', (e as Error).message);
      throw e;
    }
  };
}
