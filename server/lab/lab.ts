// One session's lab: a scenario at one version on a cluster of its own, from "starting" (cluster
// boot, scenario setup) to "ready" or "failed". What the API answers about it is `view()`.

import { randomBytes } from 'node:crypto';
import type { EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import type { Cluster, Progress } from '../../cluster/provider.js';
import { VERSIONS, type KubeVersion } from '../../cluster/versions.js';
import type { GradingSession } from '../grading/session.js';
import type { Scenario } from '../scenarios/model.js';

/**
 * What the lab needs of a cluster: the provider contract plus the kubelets' decision log and the
 * object store (read for the access matrix). The embedded runtime is the only one that has these
 * today; a kind runtime would supply the log from its kubelets' audit and the objects by listing.
 */
export type LabCluster = Pick<EmbeddedCluster, 'spec' | 'gitVersion' | 'kubeconfigPath' | 'server' | 'nodes' | 'kubeletRequest' | 'delete' | 'decisions' | 'onDecision' | 'store'> & {
  runtime: Cluster['runtime'];
} &
  /** A cluster that can be saved and brought back after a restart (the embedded one can). */
  Partial<Pick<EmbeddedCluster, 'snapshot' | 'onStateChange'>>;

export type LabState = 'starting' | 'ready' | 'failed';

export interface LabFailure {
  code: string;
  message: string;
  fix: string;
}

/** The lab as GET/POST /api/lab answer it (docs/web-api.md). */
export interface LabView {
  labId: string;
  scenarioId: string;
  version: KubeVersion;
  gitVersion: string;
  state: LabState;
  nodes: { name: string; internalIP: string; kubeletPort: number }[];
  startedAt: string;
  /** Only in state "failed". */
  error?: LabFailure;
}

export class Lab {
  readonly id = randomBytes(8).toString('hex');
  readonly startedAt = new Date();
  state: LabState = 'starting';
  cluster: LabCluster | undefined;
  grading: GradingSession | undefined;
  error: LabFailure | undefined;
  /** Every progress event of the start, replayed to a browser that connects mid-way. */
  readonly progress: Progress[] = [];
  /** Resolves (never rejects) when the start has succeeded or failed. */
  settled: Promise<void> = Promise.resolve();
  /** Set once the idle warning went out, cleared by activity. */
  idleWarned = false;
  stopDecisions: (() => void) | undefined;
  /** The journal's attempt this lab counts for (scenario and version of one learner; a reset keeps it). */
  attemptId: string | undefined;
  /** An exam's end for this attempt. */
  deadlineAt: Date | undefined;

  constructor(
    readonly scenario: Scenario,
    readonly version: KubeVersion,
  ) {}

  view(): LabView {
    return {
      labId: this.id,
      scenarioId: this.scenario.id,
      version: this.version,
      gitVersion: this.cluster?.gitVersion ?? VERSIONS[this.version].gitVersion,
      state: this.state,
      nodes: (this.cluster?.nodes ?? []).map((n) => ({ name: n.name, internalIP: n.internalIP, kubeletPort: n.kubeletPort })),
      startedAt: this.startedAt.toISOString(),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** Waits for the start to settle, at most `ms`. */
  async settledWithin(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.settled, new Promise<void>((done) => (timer = setTimeout(done, ms)))]);
    clearTimeout(timer);
  }
}
