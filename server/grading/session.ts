// A grading session holds what stays the same while a learner works on one cluster: the admin
// API client, the kubectl runner, the cluster's version and what each kubelet is configured to
// do. A run (one step graded once) adds what must be fresh every time: ServiceAccount tokens
// (a new token means no kubelet cache entry from an earlier attempt can answer for it) and the
// subjects the cluster's bindings name.

import { homedir } from 'node:os';
import { isKubeVersion, type KubeVersion } from '../../cluster/versions.js';
import type { ClusterNode } from '../../cluster/provider.js';
import type { Scenario } from '../scenarios/model.js';
import { decisionSourceFor, type DecisionSource } from './decision-source.js';
import { ANONYMOUS, serviceAccountIdentity, splitNamespacedName, subjectKey, type Identity, type Subject } from './identities.js';
import { expectOk, kubeClientFromKubeconfig, type KubeClient } from './kube-client.js';
import { kubectlBinDir, kubectlRunner, type KubectlRunner } from './kubectl.js';
import { readKubeletView, type KubeletView } from './kubelet-view.js';
import { scriptEnvironment } from './scripts.js';
import type { GradingTarget } from './target.js';

export interface GradeOptions {
  /** Path of the real kubectl (see graderKubectl). */
  kubectl: string;
  /** Where kubectl's discovery cache and the scripts' kubectl link live. */
  dataDir: string;
  /** The cluster's version; read from /version when absent. */
  version?: KubeVersion;
  /** Where `answer` checks with a file read it; default the current directory. */
  answersDir?: string;
  /** The learner's HOME, for answer files written `~/...`; default this user's home. The web lab passes the shell's HOME. */
  homeDir?: string;
  /** The longest the grader waits for a kubelet's cached decision to expire (default 35 s). */
  maxCacheWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class GradingSession {
  private readonly views = new Map<string, Promise<KubeletView>>();
  /** The kubelets' own decision log, when the cluster keeps one the grader can read. */
  readonly decisions: DecisionSource | undefined;

  private constructor(
    readonly target: GradingTarget,
    readonly version: KubeVersion,
    readonly api: KubeClient,
    readonly kubectl: KubectlRunner,
    readonly options: Required<Pick<GradeOptions, 'answersDir' | 'homeDir' | 'maxCacheWaitMs' | 'sleep' | 'dataDir'>>,
  ) {
    this.decisions = decisionSourceFor(target);
  }

  static async open(target: GradingTarget, opts: GradeOptions): Promise<GradingSession> {
    const api = kubeClientFromKubeconfig(target.kubeconfigPath);
    try {
      const version = opts.version ?? (await clusterVersion(api));
      return new GradingSession(target, version, api, kubectlRunner(opts.kubectl, target.kubeconfigPath, opts.dataDir), {
        dataDir: opts.dataDir,
        answersDir: opts.answersDir ?? process.cwd(),
        homeDir: opts.homeDir ?? homedir(),
        maxCacheWaitMs: opts.maxCacheWaitMs ?? 35_000,
        sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      });
    } catch (e) {
      api.close();
      throw e;
    }
  }

  /** The node at a check's position (0 = control plane). */
  node(index: number): ClusterNode {
    const node = this.target.nodes[index];
    if (!node) throw new Error(`the cluster has ${this.target.nodes.length} node(s), so there is no node at position ${index}: start it with the scenario's cluster spec`);
    return node;
  }

  kubeletView(node: ClusterNode, scenario: Scenario): Promise<KubeletView> {
    let view = this.views.get(node.name);
    if (!view) {
      view = readKubeletView(this.api, node.name, this.version, scenario.clusters[this.version]);
      this.views.set(node.name, view);
    }
    return view;
  }

  close(): void {
    this.api.close();
  }
}

/** Per grading run: fresh tokens, the bindings' subjects, the environment for shell checks. */
export class GradingRun {
  private readonly tokens = new Map<string, Promise<string>>();
  private subjects?: Promise<BoundSubject[]>;

  constructor(
    readonly session: GradingSession,
    readonly scenario: Scenario,
  ) {}

  get version(): KubeVersion {
    return this.session.version;
  }

  /** A token for "namespace/name" from the TokenRequest API, minted once per run. */
  token(serviceAccount: string): Promise<string> {
    let token = this.tokens.get(serviceAccount);
    if (!token) {
      const { namespace, name } = splitNamespacedName(serviceAccount);
      token = expectOk<{ status?: { token?: string } }>(this.session.api, 'POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 600 },
      }).then((r) => {
        if (!r.status?.token) throw new Error(`no token came back for ServiceAccount ${serviceAccount}`);
        return r.status.token;
      });
      this.tokens.set(serviceAccount, token);
    }
    return token;
  }

  identity(serviceAccount: string | undefined): Identity {
    if (!serviceAccount) return ANONYMOUS;
    const { namespace, name } = splitNamespacedName(serviceAccount);
    return serviceAccountIdentity(namespace, name);
  }

  /**
   * Every subject any ClusterRoleBinding or RoleBinding names, each marked when it is one of the
   * control plane's own ServiceAccounts: a kube-system ServiceAccount named by a binding of the
   * API server's bootstrap policy (kubernetes.io/bootstrapping=rbac-defaults). Some of those hold
   * `*` on every resource (the garbage collector, the namespace controller), nodes/proxy included.
   */
  bindingSubjects(): Promise<BoundSubject[]> {
    this.subjects ??= Promise.all([
      expectOk<BindingList>(this.session.api, 'GET', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings'),
      expectOk<BindingList>(this.session.api, 'GET', '/apis/rbac.authorization.k8s.io/v1/rolebindings'),
    ]).then(([crbs, rbs]) => {
      const seen = new Map<string, BoundSubject>();
      for (const b of [...crbs.items, ...rbs.items]) {
        const bootstrap = b.metadata.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults';
        for (const s of b.subjects ?? []) {
          const subject: Subject =
            s.kind === 'ServiceAccount' ? { kind: 'ServiceAccount', name: s.name, namespace: s.namespace ?? b.metadata.namespace ?? '' } : { kind: s.kind as 'User' | 'Group', name: s.name };
          const key = subjectKey(subject);
          const controlPlane = bootstrap && subject.kind === 'ServiceAccount' && subject.namespace === 'kube-system';
          seen.set(key, { ...subject, controlPlane: controlPlane || seen.get(key)?.controlPlane === true });
        }
      }
      return [...seen.values()];
    });
    return this.subjects;
  }

  scriptEnv(): Record<string, string> {
    return scriptEnvironment(this.session.target, this.version, kubectlBinDir(this.session.kubectl.path, this.session.options.dataDir), this.scenario.dir);
  }
}

export type BoundSubject = Subject & { controlPlane: boolean };

interface BindingList {
  items: { metadata: { name: string; namespace?: string; labels?: Record<string, string> }; subjects?: { kind: string; name: string; namespace?: string }[] }[];
}

/** The cluster's minor version from /version, if kubelab covers it. */
export async function clusterVersion(api: KubeClient): Promise<KubeVersion> {
  const info = await expectOk<{ gitVersion?: string }>(api, 'GET', '/version');
  const minor = /^v(1\.\d+)\./.exec(info.gitVersion ?? '')?.[1] ?? '';
  if (!isKubeVersion(minor)) throw new Error(`the cluster runs ${info.gitVersion ?? 'an unknown version'}, which kubelab's scenarios do not cover`);
  return minor;
}
