// Puts a scenario's starting state on a running cluster: its setup manifests applied with the
// real kubectl, its setup scripts run with bash, in the order scenario.yaml lists them. The web
// lab does this when a learner starts; authors and instructors run it with `kubelab scenario setup`.

import type { KubeVersion } from '../../cluster/versions.js';
import { kubectlBinDir, kubectlRunner } from '../grading/kubectl.js';
import { runScript, scriptEnvironment, type ScriptResult } from '../grading/scripts.js';
import type { GradingTarget } from '../grading/target.js';
import type { Scenario } from './model.js';

export interface ScenarioToolOptions {
  /** Path of the real kubectl. */
  kubectl: string;
  dataDir: string;
  version: KubeVersion;
  log?: (line: string) => void;
}

export class SetupError extends Error {}

const SCRIPT_TIMEOUT_MS = 120_000;

export async function applySetup(target: GradingTarget, scenario: Scenario, opts: ScenarioToolOptions): Promise<void> {
  if (!scenario.versions.includes(opts.version)) throw new SetupError(`scenario "${scenario.id}" does not run on v${opts.version}: it runs on ${scenario.versions.join(', ')}`);
  const kubectl = kubectlRunner(opts.kubectl, target.kubeconfigPath, opts.dataDir);
  for (const item of scenario.setup.filter((s) => s.versions.includes(opts.version))) {
    if (item.kind === 'manifest') {
      const r = await kubectl.run(['apply', '-f', item.file]);
      if (r.code !== 0) throw new SetupError(`kubectl apply -f ${item.relative} failed (exit ${r.code}):\n${(r.stderr || r.stdout).trim()}`);
      for (const line of r.stdout.trim().split('\n')) if (line) opts.log?.(line);
    } else {
      const r = await runScenarioScript(target, scenario, item.file, opts);
      if (r.code !== 0) throw new SetupError(`setup script ${item.relative} ${r.timedOut ? 'timed out' : `failed (exit ${r.code})`}:\n${r.output.trim()}`);
      for (const line of r.output.trim().split('\n')) if (line) opts.log?.(line);
    }
  }
}

/** A solution, wrong solution or setup script, with the scenario script environment. */
export function runScenarioScript(target: GradingTarget, scenario: Scenario, file: string, opts: ScenarioToolOptions): Promise<ScriptResult> {
  const env = scriptEnvironment(target, opts.version, kubectlBinDir(opts.kubectl, opts.dataDir), scenario.dir);
  return runScript(file, env, { cwd: scenario.dir, timeoutMs: SCRIPT_TIMEOUT_MS });
}
