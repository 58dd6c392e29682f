// A scenario as the grader, the CLI and the web lab use it: loaded and validated from its folder,
// with paths resolved and every check resolved per version.

import type { KubeVersion } from '../../cluster/versions.js';
import type { Check } from './schema.js';

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

export interface ScenarioCluster {
  nodes: number;
  featureGates: Record<string, boolean>;
  /** The KubeletConfiguration patch (YAML) every node gets; empty when there is none. */
  kubeletConfigPatch: string;
}

export interface SetupItem {
  /** Absolute path. */
  file: string;
  /** Path inside the scenario folder, for messages. */
  relative: string;
  kind: 'manifest' | 'script';
  versions: KubeVersion[];
}

export interface Step {
  /** 1-based, from the file name prefix. */
  number: number;
  slug: string;
  title: string;
  /** Markdown, with `::: only VERSION...` blocks still in place (see renderForVersion). */
  markdown: string;
  hints: string[];
  versions: KubeVersion[];
  checks: Partial<Record<KubeVersion, Check[]>>;
  /** Absolute path of the step's solution script. */
  solution: string;
}

export interface WrongSolution {
  file: string;
  relative: string;
  step: number;
  versions: KubeVersion[];
  why: string;
  failsChecks?: string[];
}

export interface Scenario {
  id: string;
  /** Absolute path of the scenario folder. */
  dir: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  minutes: number;
  versions: KubeVersion[];
  clusters: Partial<Record<KubeVersion, ScenarioCluster>>;
  setup: SetupItem[];
  intro?: string;
  finish: string;
  steps: Step[];
  wrongSolutions: WrongSolution[];
}

export function stepsFor(scenario: Scenario, version: KubeVersion): Step[] {
  return scenario.steps.filter((s) => s.versions.includes(version));
}

export function checksFor(step: Step, version: KubeVersion): Check[] {
  return step.checks[version] ?? [];
}
