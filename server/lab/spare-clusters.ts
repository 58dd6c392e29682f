// At most one prepared cluster per scenario and version: booted, with the scenario's setup
// applied, waiting for the next Start or Reset of that scenario at that version. Setup runs the
// real kubectl a few times, which costs about a second; with a spare, Start is about as fast as
// opening a shell. A spare is made when a learner opens a scenario and after every start, and is
// deleted when nobody takes it in time or when a real lab needs the room.

import type { KubeVersion } from '../../cluster/versions.js';
import type { Scenario } from '../scenarios/model.js';
import type { LabCluster } from './lab.js';

export type PrepareCluster = (scenario: Scenario, version: KubeVersion) => Promise<LabCluster>;

interface Spare {
  cluster: Promise<LabCluster | undefined>;
  madeAt: number;
}

export class SpareClusters {
  private readonly spares = new Map<string, Spare>();

  constructor(
    private readonly prepare: PrepareCluster,
    private readonly discard: (cluster: LabCluster) => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  get size(): number {
    return this.spares.size;
  }

  has(scenario: Scenario, version: KubeVersion): boolean {
    return this.spares.has(key(scenario, version));
  }

  /** Starts preparing a spare for the scenario and version, unless one exists. */
  make(scenario: Scenario, version: KubeVersion, now = Date.now()): void {
    const k = key(scenario, version);
    if (this.spares.has(k)) return;
    const cluster = this.prepare(scenario, version).catch((e: Error) => {
      this.log(`kubelab: could not prepare a spare cluster for ${k}: ${e.message}`);
      if (this.spares.get(k)?.cluster === cluster) this.spares.delete(k);
      return undefined;
    });
    this.spares.set(k, { cluster, madeAt: now });
  }

  /** The spare for the scenario and version (waiting for it if it is still being made), or undefined. */
  async take(scenario: Scenario, version: KubeVersion): Promise<LabCluster | undefined> {
    const k = key(scenario, version);
    const spare = this.spares.get(k);
    if (!spare) return undefined;
    this.spares.delete(k);
    return spare.cluster;
  }

  /** Deletes one spare other than `keep`'s, to make room for a lab; false if there was none. */
  async evictOne(keep?: { scenario: Scenario; version: KubeVersion }): Promise<boolean> {
    const spared = keep ? key(keep.scenario, keep.version) : undefined;
    const victim = [...this.spares.entries()].find(([k]) => k !== spared);
    if (!victim) return false;
    this.spares.delete(victim[0]);
    await this.drop(victim[1]);
    return true;
  }

  /** Deletes the spares made before `before`. */
  async expire(before: number): Promise<void> {
    const old = [...this.spares.entries()].filter(([, s]) => s.madeAt < before);
    for (const [k] of old) this.spares.delete(k);
    await Promise.all(old.map(([, s]) => this.drop(s)));
  }

  async clear(): Promise<void> {
    await this.expire(Infinity);
  }

  private async drop(spare: Spare): Promise<void> {
    const cluster = await spare.cluster;
    if (cluster) await this.discard(cluster);
  }
}

function key(scenario: Scenario, version: KubeVersion): string {
  return `${scenario.id}@${version}`;
}
