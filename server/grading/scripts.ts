// Scenario scripts (setup, solutions, wrong solutions, shell checks) run with bash, with the
// cluster's admin kubeconfig and the node addresses in the environment (see docs/scenarios.md).

import { spawn } from 'node:child_process';
import type { KubeVersion } from '../../cluster/versions.js';
import type { GradingTarget } from './target.js';

export interface ScriptResult {
  code: number;
  /** stdout and stderr interleaved, as a terminal shows them. */
  output: string;
  timedOut: boolean;
}

export function scriptEnvironment(target: GradingTarget, version: KubeVersion, kubectlDir: string, scenarioDir: string): Record<string, string> {
  const first = target.nodes[0];
  return {
    ...(process.env as Record<string, string>),
    PATH: `${kubectlDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    KUBECONFIG: target.kubeconfigPath,
    KUBE_VERSION: version,
    SCENARIO_DIR: scenarioDir,
    NODES: target.nodes.map((n) => n.name).join(' '),
    NODE_NAME: first?.name ?? '',
    NODE_IP: first?.internalIP ?? '',
    KUBELET_PORT: String(first?.kubeletPort ?? 10250),
  };
}

export function runScript(file: string, env: Record<string, string>, opts: { cwd: string; timeoutMs: number }): Promise<ScriptResult> {
  return new Promise((done) => {
    const child = spawn('bash', [file], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (e) => chunks.push(Buffer.from(`cannot run bash: ${e.message}\n`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8'), timedOut });
    });
  });
}
