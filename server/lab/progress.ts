// A learner's progress per scenario and version: when they started, which steps they checked
// (the solution unlocks after a first check) and which passed at their latest check. It belongs
// to the session, so it outlives resets, version switches and page reloads.

import type { KubeVersion } from '../../cluster/versions.js';
import { stepsFor, type Scenario } from '../scenarios/model.js';

/** The catalog's `progress` object (docs/web-api.md). */
export interface ScenarioProgress {
  startedAt?: string;
  completedSteps: number;
  totalSteps: number;
  finished: boolean;
}

interface VersionRecord {
  checked: Set<number>;
  passed: Set<number>;
}

interface ScenarioRecord {
  startedAt: string;
  /** The version last started: the one the catalog reports. */
  version: KubeVersion;
  versions: Map<KubeVersion, VersionRecord>;
}

export class ProgressBook {
  private readonly scenarios = new Map<string, ScenarioRecord>();

  started(scenarioId: string, version: KubeVersion, at: Date): void {
    const record = this.scenarios.get(scenarioId);
    if (record) record.version = version;
    else this.scenarios.set(scenarioId, { startedAt: at.toISOString(), version, versions: new Map() });
  }

  checked(scenarioId: string, version: KubeVersion, step: number, passed: boolean): void {
    const record = this.versionRecord(scenarioId, version);
    record.checked.add(step);
    if (passed) record.passed.add(step);
    else record.passed.delete(step);
  }

  hasChecked(scenarioId: string, version: KubeVersion, step: number): boolean {
    return this.scenarios.get(scenarioId)?.versions.get(version)?.checked.has(step) ?? false;
  }

  summary(scenario: Scenario): ScenarioProgress {
    const record = this.scenarios.get(scenario.id);
    const version = record?.version ?? scenario.versions[0];
    const steps = version ? stepsFor(scenario, version) : [];
    const passed = version ? record?.versions.get(version)?.passed : undefined;
    const completedSteps = steps.filter((s) => passed?.has(s.number)).length;
    return {
      ...(record ? { startedAt: record.startedAt } : {}),
      completedSteps,
      totalSteps: steps.length,
      finished: steps.length > 0 && completedSteps === steps.length,
    };
  }

  private versionRecord(scenarioId: string, version: KubeVersion): VersionRecord {
    let record = this.scenarios.get(scenarioId);
    if (!record) {
      record = { startedAt: new Date().toISOString(), version, versions: new Map() };
      this.scenarios.set(scenarioId, record);
    }
    let v = record.versions.get(version);
    if (!v) {
      v = { checked: new Set(), passed: new Set() };
      record.versions.set(version, v);
    }
    return v;
  }
}
