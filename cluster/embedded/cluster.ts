// An embedded cluster: one in-process HTTPS API server (and, per node, a kubelet), started as
// named steps like kind's actions, reporting progress through the same interface.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { Cluster, ClusterNode, ClusterSpec, KubeletRequest, KubeletResponse, ProgressReporter } from '../provider.js';
import { nodeNames } from '../provider.js';
import { VERSIONS, type VersionInfo } from '../versions.js';
import { validateFeatureGates } from '../feature-gates.js';
import { renderKubeconfig } from '../kubeconfig.js';
import { createCertificateAuthority, issueCertificate, type CertificateAuthority, type KeyPairPem } from './pki/index.js';
import { ObjectStore } from './apiserver/storage/store.js';
import { generateSigningKey } from './apiserver/serviceaccount/jwt.js';
import { assembleApiServer, type AssembledApiServer } from './apiserver/assemble.js';
import { seedClusterState } from './bootstrap.js';
import { allocateNodeAddresses } from './node-addresses.js';
import { InvalidClusterSpecError } from './errors.js';
import { KUBEADM_KUBELET_CLIENT } from './apiserver/bootstrap/installer-rbac.js';
import { ClusterKubelets } from './kubelet/cluster-kubelets.js';
import type { ContainerRuntime } from './kubelet/container-runtime.js';
import { DecisionLog, type DecisionListener, type KubeletDecision } from './kubelet/decisions/decision-log.js';
import { DECISION_FILE_NAME, writeDecisionFile } from './kubelet/decisions/decision-file.js';
import type { KubeletConfiguration } from './kubelet/kubelet-config.js';
import { resolveNodeKubeletConfig } from './kubelet/node-config.js';

const CLUSTER_AGE_AT_READY_MS = 60_000;

export interface EmbeddedClusterOptions {
  spec: ClusterSpec;
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

export class EmbeddedCluster implements Cluster {
  readonly runtime = 'embedded' as const;

  constructor(
    readonly spec: ClusterSpec,
    readonly gitVersion: string,
    readonly kubeconfigPath: string,
    readonly server: string,
    readonly nodes: readonly ClusterNode[],
    readonly store: ObjectStore,
    private readonly httpsServer: Server,
    private readonly apiserver: AssembledApiServer,
    private readonly kubelets: ClusterKubelets,
    private readonly decisionLog: DecisionLog,
    private readonly stopDecisionFile: () => Promise<void>,
  ) {}

  async kubeletRequest(node: string, req: KubeletRequest): Promise<KubeletResponse> {
    return this.kubelets.request(node, req);
  }

  /** What the kubelets decided, oldest first (the last few thousand requests). */
  decisions(): KubeletDecision[] {
    return this.decisionLog.entries();
  }

  /** Every kubelet decision from now on; returns the unsubscribe function. */
  onDecision(listener: DecisionListener): () => void {
    return this.decisionLog.subscribe(listener);
  }

  async delete(): Promise<void> {
    await this.kubelets.stop();
    await this.stopDecisionFile();
    this.apiserver.stop();
    await new Promise<void>((done) => {
      this.httpsServer.close(() => done());
      this.httpsServer.closeAllConnections();
    });
  }
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
  const { spec } = opts;
  const clock = opts.clock ?? (() => new Date());
  const step = stepper(opts.progress);

  const { version, featureGates, kubelet } = step('Validating configuration', () => validateSpec(spec));
  const saKey = generateSigningKey(); // RSA keygen runs on the thread pool while we go on
  const pki = step('Generating certificates', () => generatePki(KUBEADM_KUBELET_CLIENT[spec.version].certificateGroups));
  const addresses = await allocateNodeAddresses(spec.name, spec.nodes ?? 1);
  const nodes: ClusterNode[] = nodeNames(spec.name, spec.nodes ?? 1).map((n, i) => ({
    name: n.name,
    role: n.role,
    internalIP: addresses[i]!.ip,
    kubeletPort: addresses[i]!.port,
  }));

  const store = new ObjectStore(clock);
  // A kind cluster is about a minute old when `kind create cluster` returns; so are its objects.
  const createdAt = new Date(clock().getTime() - CLUSTER_AGE_AT_READY_MS);
  step('Writing bootstrap state', () =>
    seedClusterState(store, { clusterName: spec.name, version, featureGates, nodes, caPem: pki.ca.certPem, now: createdAt }),
  );

  const apiserver = assembleApiServer({
    version,
    featureGates,
    store,
    signingKey: saKey,
    kubeletClient: pki.kubeletClient,
    clock,
    caPem: pki.ca.certPem,
    advertiseAddress: nodes[0]!.internalIP,
  });
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
        ...(opts.containerRuntime ? { runtime: opts.containerRuntime } : {}),
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
  return new EmbeddedCluster(spec, version.gitVersion, kubeconfigPath, server, nodes, store, httpsServer, apiserver, kubelets, decisionLog, stopDecisionFile);
}

interface ClusterPki {
  ca: CertificateAuthority;
  serving: KeyPairPem;
  admin: KeyPairPem;
  kubeletClient: KeyPairPem;
}

/** Certificates as kubeadm issues them; the kubelet-client cert's groups changed in 2026 patch releases. */
function generatePki(kubeletClientGroups: string[]): ClusterPki {
  const ca = createCertificateAuthority('kubernetes');
  return {
    ca,
    // The SANs kubeadm puts on apiserver.crt, with our loopback address.
    serving: issueCertificate(ca, {
      commonName: 'kube-apiserver',
      usage: 'server',
      dnsNames: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost'],
      ipAddresses: ['10.96.0.1', '127.0.0.1'],
    }),
    admin: issueCertificate(ca, { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'], usage: 'client' }),
    kubeletClient: issueCertificate(ca, {
      commonName: 'kube-apiserver-kubelet-client',
      organizations: kubeletClientGroups,
      usage: 'client',
    }),
  };
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
