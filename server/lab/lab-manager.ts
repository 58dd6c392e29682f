// Starts, resets and ends the labs of all sessions: a cluster from the scenario's spec for that
// version, the scenario's setup applied with the real kubectl, a grading session, and the
// kubelets' decisions forwarded live. Progress of every stage goes to the session's browsers.
// Idle labs are warned, then deleted.

import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ClusterSpec, Progress, ProgressReporter } from '../../cluster/provider.js';
import type { KubeVersion } from '../../cluster/versions.js';
import type { KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';
import { InvalidClusterSpecError } from '../../cluster/embedded/errors.js';
import { GradingSession } from '../grading/session.js';
import { gradeWithSession } from '../grading/engine.js';
import type { StepReport } from '../grading/report.js';
import { clusterSpecFor } from '../scenarios/cluster-spec.js';
import { applySetup, SetupError } from '../scenarios/setup.js';
import { stepsFor, type Scenario, type Step } from '../scenarios/model.js';
import { ApiError, noLab } from '../http/api-error.js';
import type { Session } from '../sessions.js';
import { Lab, type LabCluster, type LabFailure, type LabView } from './lab.js';
import { SpareClusters } from './spare-clusters.js';

/** Starts a cluster for a spec; with `restore`, brings back one a snapshot of it describes (no setup needed). */
export type ClusterStarter = (spec: ClusterSpec, opts: { kubeconfigPath: string; progress: ProgressReporter; restore?: unknown }) => Promise<LabCluster>;

/** A lab cluster as it was saved before the server stopped. */
export interface SavedCluster {
  clusterName: string;
  snapshot: unknown;
}

export type GradeTrigger = 'learner' | 'instructor' | 'exam-end';

/**
 * What else must know of a lab's life: the journal that makes it outlive a restart, the classroom
 * that shows it to the instructor. Called synchronously; they must not throw.
 */
export interface LabHooks {
  started(session: Session, lab: Lab): void;
  ready(session: Session, lab: Lab & { cluster: LabCluster }): void;
  ended(session: Session, lab: Lab, reason: LabEndReason): void;
  graded(session: Session, lab: Lab, reports: readonly StepReport[], trigger: GradeTrigger): void;
}

/**
 * Several hooks as one, called in the order of the list at the time of the call (the journal
 * first: it names the attempt; the list may grow after the lab manager exists).
 */
export function composeHooks(all: readonly LabHooks[]): LabHooks {
  return {
    started: (session, lab) => all.forEach((h) => h.started(session, lab)),
    ready: (session, lab) => all.forEach((h) => h.ready(session, lab)),
    ended: (session, lab, reason) => all.forEach((h) => h.ended(session, lab, reason)),
    graded: (session, lab, reports, trigger) => all.forEach((h) => h.graded(session, lab, reports, trigger)),
  };
}

export type LabEndReason = 'replaced' | 'reset' | 'deleted' | 'idle' | 'shutdown' | 'exam-over';

/** How the lab manager reaches the session's browsers and shell. */
export interface LabEvents {
  progress(session: Session, p: Progress): void;
  decision(session: Session, d: KubeletDecision): void;
  idleWarning(session: Session, info: { idleMs: number; deleteInMs: number }): void;
  /** The lab is gone (labId undefined: the session had none): its shell, which points at the old cluster, must go too. */
  ended(session: Session, labId: string | undefined, reason: LabEndReason): Promise<void>;
}

export interface LabManagerOptions {
  dataDir: string;
  /** The real kubectl, for setup and grading. */
  kubectl: string;
  startCluster: ClusterStarter;
  events: LabEvents;
  /** Labs running at once, over all sessions. */
  maxLabs: number;
  /** How long POST /api/lab waits for a start before answering "starting". */
  readyWaitMs: number;
  idleTimeoutMs: number;
  /** How long before the idle deletion the warning goes out. */
  idleWarningMs: number;
  /** Keep a prepared cluster per scenario and version (spare-clusters.ts). */
  spares: boolean;
  /** A spare nobody took for this long is deleted. */
  spareTtlMs: number;
  log: (line: string) => void;
  hooks?: LabHooks;
}

export const SETUP_STAGE = 'Applying scenario setup';
export const SPARE_STAGE = 'Taking a prepared cluster';
export const READY_STAGE = 'Lab ready';
export const RESTORE_STAGE = 'Restoring your cluster as you left it';

export class LabManager {
  private readonly labs = new Set<Lab>();
  private readonly spares: SpareClusters;
  private readonly clusterNames = new Set<string>();
  private closed = false;

  constructor(private readonly opts: LabManagerOptions) {
    this.spares = new SpareClusters(
      (scenario, version) => this.prepareCluster(scenario, version, () => {}),
      (cluster) => this.discard(cluster),
      opts.log,
    );
  }

  /** Clusters running for learners (spares not counted). */
  get running(): number {
    return this.labs.size;
  }

  /** A learner is looking at this scenario: have a cluster ready for when they press Start. */
  prepareSpare(scenario: Scenario, version: KubeVersion): void {
    if (this.opts.spares && !this.closed && this.labs.size + this.spares.size < this.opts.maxLabs) this.spares.make(scenario, version);
  }

  /** This session's lab for the scenario and version: the running one, or a new one replacing any other. */
  async start(session: Session, scenario: Scenario, version: KubeVersion): Promise<LabView> {
    const lab = await session.serially(async () => {
      const current = session.lab;
      if (current && current.scenario.id === scenario.id && current.version === version && current.state !== 'failed') return current;
      if (current) this.endInBackground(session, 'replaced');
      return this.launch(session, scenario, version);
    });
    await lab.settledWithin(this.opts.readyWaitMs);
    return lab.view();
  }

  /** A fresh cluster for the same scenario and version. */
  async reset(session: Session): Promise<LabView> {
    const lab = await session.serially(async () => {
      const current = session.lab;
      if (!current) throw noLab();
      this.endInBackground(session, 'reset');
      return this.launch(session, current.scenario, current.version);
    });
    await lab.settledWithin(this.opts.readyWaitMs);
    return lab.view();
  }

  remove(session: Session, reason: LabEndReason = 'deleted'): Promise<void> {
    return session.serially(() => this.end(session, reason));
  }

  /** The session's lab once it is ready, else the error the learner should see. */
  readyLab(session: Session): Lab & { cluster: LabCluster; grading: GradingSession } {
    const lab = session.lab;
    if (!lab) throw noLab();
    if (lab.state === 'starting') throw new ApiError(409, 'LAB_NOT_READY', 'The lab is still starting.', 'Wait for the progress to reach "Lab ready", then try again.');
    if (lab.state === 'failed' || !lab.cluster || !lab.grading) {
      throw new ApiError(409, 'LAB_FAILED', `The lab did not start: ${lab.error?.message ?? 'unknown error'}`, 'Press Reset to start a fresh cluster.');
    }
    return lab as Lab & { cluster: LabCluster; grading: GradingSession };
  }

  async check(session: Session, stepNumber: number): Promise<StepReport> {
    const lab = this.readyLab(session);
    stepOf(lab, stepNumber);
    const report = await gradeWithSession(lab.grading, lab.scenario, stepNumber);
    this.recordGrading(session, lab, [report], 'learner');
    return report;
  }

  /** Grades every step of the lab's scenario at its version, as the instructor or the exam's end does. */
  async gradeAll(session: Session, trigger: GradeTrigger): Promise<StepReport[]> {
    const lab = this.readyLab(session);
    const reports: StepReport[] = [];
    for (const step of stepsFor(lab.scenario, lab.version)) reports.push(await gradeWithSession(lab.grading, lab.scenario, step.number));
    this.recordGrading(session, lab, reports, trigger);
    return reports;
  }

  private recordGrading(session: Session, lab: Lab, reports: readonly StepReport[], trigger: GradeTrigger): void {
    for (const r of reports) session.progress.checked(lab.scenario.id, lab.version, r.step, r.passed);
    this.opts.hooks?.graded(session, lab, reports, trigger);
  }

  /**
   * Brings back a session's lab from a snapshot taken before the server stopped: the same
   * cluster state, no setup. If the snapshot cannot be restored, the lab fails with the reason.
   */
  resume(session: Session, scenario: Scenario, version: KubeVersion, saved: SavedCluster): Promise<Lab> {
    return session.serially(async () => {
      if (session.lab) return session.lab;
      return this.launch(session, scenario, version, saved);
    });
  }

  /** Warns labs that are close to the idle limit and deletes those past it. */
  async reapIdle(sessions: readonly Session[], now = Date.now()): Promise<void> {
    const { idleTimeoutMs, idleWarningMs } = this.opts;
    await this.spares.expire(now - this.opts.spareTtlMs);
    await Promise.all(
      sessions.map(async (session) => {
        const lab = session.lab;
        if (!lab || lab.state === 'starting') return;
        const idle = now - session.lastActivity;
        if (idle >= idleTimeoutMs) {
          await this.remove(session, 'idle');
        } else if (idle >= idleTimeoutMs - idleWarningMs) {
          if (!lab.idleWarned) this.opts.events.idleWarning(session, { idleMs: idle, deleteInMs: idleTimeoutMs - idle });
          lab.idleWarned = true;
        } else {
          lab.idleWarned = false;
        }
      }),
    );
  }

  private launch(session: Session, scenario: Scenario, version: KubeVersion, saved?: SavedCluster): Lab {
    if (this.labs.size >= this.opts.maxLabs) {
      throw new ApiError(503, 'LAB_LIMIT', `This server already runs ${this.labs.size} labs, its limit.`, 'Close a lab you no longer use (or ask whoever runs the server to raise --max-labs), then try again.');
    }
    const lab = new Lab(scenario, version);
    this.labs.add(lab);
    session.lab = lab;
    session.progress.started(scenario.id, version, lab.startedAt);
    this.opts.hooks?.started(session, lab);
    lab.settled = this.boot(session, lab, saved);
    return lab;
  }

  private async boot(session: Session, lab: Lab, saved: SavedCluster | undefined): Promise<void> {
    const report = (p: Progress) => {
      lab.progress.push(p);
      // A lab that a reset already replaced finishes its start unseen.
      if (session.lab === lab) this.opts.events.progress(session, p);
    };
    const started = performance.now();
    try {
      let cluster = saved ? await this.restoreCluster(lab, saved, report) : await this.spares.take(lab.scenario, lab.version);
      if (cluster) {
        report({ stage: SPARE_STAGE, state: 'done', elapsedMs: performance.now() - started });
      } else {
        if (this.labs.size + this.spares.size > this.opts.maxLabs) await this.spares.evictOne();
        cluster = await this.prepareCluster(lab.scenario, lab.version, report, (c) => (lab.cluster = c));
      }
      lab.cluster = cluster;
      lab.grading = await GradingSession.open(cluster, { kubectl: this.opts.kubectl, dataDir: this.opts.dataDir, version: lab.version, answersDir: join(session.dir, 'home'), homeDir: join(session.dir, 'home') });
      lab.stopDecisions = cluster.onDecision((d) => this.opts.events.decision(session, d));
      lab.state = 'ready';
      session.touch(); // idle time counts from here: a slow start is not the learner idling
      this.opts.hooks?.ready(session, lab as Lab & { cluster: LabCluster });
      report({ stage: READY_STAGE, state: 'done', elapsedMs: performance.now() - started });
      this.prepareSpare(lab.scenario, lab.version); // for the next Reset
    } catch (e) {
      lab.error = failure(e);
      lab.state = 'failed';
      if (lab.progress.at(-1)?.state === 'start') report({ stage: lab.progress.at(-1)!.stage, state: 'failed', detail: lab.error.message });
      report({ stage: READY_STAGE, state: 'failed', detail: lab.error.message, elapsedMs: performance.now() - started });
      await this.dispose(lab);
    }
  }

  /**
   * A cluster from the scenario's spec for the version, with its setup applied. `started` learns
   * the cluster as soon as it runs, so that a failing setup does not leave it behind.
   */
  private async prepareCluster(scenario: Scenario, version: KubeVersion, report: (p: Progress) => void, started?: (c: LabCluster) => void): Promise<LabCluster> {
    const name = this.newClusterName();
    const cluster = await this.opts
      .startCluster(clusterSpecFor(scenario, version, name), { kubeconfigPath: join(this.opts.dataDir, 'labs', name, 'kubeconfig'), progress: report })
      .catch((e: unknown) => {
        this.clusterNames.delete(name);
        throw e;
      });
    started?.(cluster);
    try {
      const setupStarted = performance.now();
      report({ stage: SETUP_STAGE, state: 'start' });
      const applied: string[] = [];
      await applySetup(cluster, scenario, { kubectl: this.opts.kubectl, dataDir: this.opts.dataDir, version, log: (line) => applied.push(line) });
      report({ stage: SETUP_STAGE, state: 'done', elapsedMs: performance.now() - setupStarted, ...(applied.length ? { detail: applied.join('\n') } : {}) });
      return cluster;
    } catch (e) {
      if (!started) await this.discard(cluster);
      throw e;
    }
  }

  private async restoreCluster(lab: Lab, saved: SavedCluster, report: (p: Progress) => void): Promise<LabCluster> {
    const started = performance.now();
    report({ stage: RESTORE_STAGE, state: 'start' });
    // The same name: its nodes, and the objects that name them, come back with it.
    const name = saved.clusterName;
    if (this.clusterNames.has(name)) throw new Error(`a cluster named ${name} is already running`);
    this.clusterNames.add(name);
    const spec = clusterSpecFor(lab.scenario, lab.version, name);
    const cluster = await this.opts
      .startCluster(spec, { kubeconfigPath: join(this.opts.dataDir, 'labs', name, 'kubeconfig'), progress: () => {}, restore: saved.snapshot })
      .catch((e: unknown) => {
        this.clusterNames.delete(name);
        throw e;
      });
    report({ stage: RESTORE_STAGE, state: 'done', elapsedMs: performance.now() - started });
    return cluster;
  }

  /** Deletes a lab or spare cluster, its folder, and frees its name. */
  private async discard(cluster: LabCluster): Promise<void> {
    await cluster.delete();
    rmSync(dirname(cluster.kubeconfigPath), { recursive: true, force: true });
    this.clusterNames.delete(cluster.spec.name);
  }

  private newClusterName(): string {
    let name: string;
    do name = `lab-${randomBytes(3).toString('hex')}`;
    while (this.clusterNames.has(name));
    this.clusterNames.add(name);
    return name;
  }

  /** Deletes the spare clusters (the labs are ended through their sessions). */
  async close(): Promise<void> {
    this.closed = true;
    await this.spares.clear();
  }

  /**
   * Takes the lab from the session at once; the returned promise settles when its cluster and
   * shell are gone. A new lab need not wait for that (Start and Reset do not).
   */
  private async end(session: Session, reason: LabEndReason): Promise<void> {
    const lab = session.lab;
    session.lab = undefined;
    if (lab) {
      this.labs.delete(lab);
      this.opts.hooks?.ended(session, lab, reason);
    }
    await Promise.all([this.opts.events.ended(session, lab?.id, reason), lab?.settled.then(() => this.dispose(lab, reason))]);
  }

  /** end(), for a lab another one replaces: its cleanup runs on without holding anything up. */
  private endInBackground(session: Session, reason: LabEndReason): void {
    this.end(session, reason).catch((e: Error) => this.opts.log(`kubelab: cleaning up a lab failed: ${e.message}`));
  }

  private async dispose(lab: Lab, reason?: LabEndReason): Promise<void> {
    lab.stopDecisions?.();
    lab.stopDecisions = undefined;
    lab.grading?.close();
    lab.grading = undefined;
    const cluster = lab.cluster;
    lab.cluster = undefined;
    this.labs.delete(lab);
    if (!cluster) return;
    // A kind cluster outlives the server's stop: the next start adopts it for its learner.
    if (reason === 'shutdown' && cluster.runtime === 'kind') this.clusterNames.delete(cluster.spec.name);
    else await this.discard(cluster);
  }
}

export function stepOf(lab: Lab, stepNumber: number): Step {
  const step = stepsFor(lab.scenario, lab.version).find((s) => s.number === stepNumber);
  if (!step) {
    const numbers = stepsFor(lab.scenario, lab.version).map((s) => s.number);
    throw new ApiError(404, 'STEP_NOT_FOUND', `Scenario "${lab.scenario.id}" has no step ${stepNumber} on v${lab.version}.`, `Use one of its steps: ${numbers.join(', ')}.`);
  }
  return step;
}

function failure(e: unknown): LabFailure {
  const message = (e as Error).message;
  if (e instanceof SetupError) return { code: 'SETUP_FAILED', message, fix: 'Press Reset to try again; if it fails again, the scenario itself is broken: report it with this message.' };
  if (e instanceof InvalidClusterSpecError) return { code: 'CLUSTER_SPEC_INVALID', message, fix: "The scenario's cluster settings are invalid for this version: report it with this message." };
  return { code: 'CLUSTER_START_FAILED', message, fix: 'Press Reset to try again; if it keeps failing, restart `kubelab start` and look at its output.' };
}
