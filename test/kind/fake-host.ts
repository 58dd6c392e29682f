// A host for kind tests: a PATH holding only node and the tools a test asks for (the recording
// fakes for kind and docker, the real kubectl, jq and curl), and the fakes' state and call log.

import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOnPath } from '../../cluster/tools/kubectl.js';

const FAKE_BIN = join(dirname(fileURLToPath(import.meta.url)), 'fake', 'bin');

export type HostTool = 'kind' | 'docker' | 'kubectl' | 'jq' | 'curl';

export interface FakeState {
  docker: 'up' | 'down';
  kindVersion: string;
  cgroupVersion: string;
  memTotal: number;
  clusters: Record<string, { image: string; network: string; port: number; nodes: { name: string; ip: string }[] }>;
  failAt: string | null;
  leaveNodes: boolean;
  waitTimesOut: boolean;
  auditLines: string[];
}

export interface Call {
  tool: 'kind' | 'docker';
  argv: string[];
  stdin?: string;
  network?: string;
}

export interface FakeHost {
  /** Scratch space for the test (state dirs, kubeconfigs). */
  root: string;
  env: NodeJS.ProcessEnv;
  calls(): Call[];
  /** The argv of each call as one string per call, e.g. "kind get clusters". */
  commandLines(): string[];
  state(): FakeState;
  setState(patch: Partial<FakeState>): void;
}

export function fakeHost(tools: HostTool[] = ['kind', 'docker', 'kubectl', 'jq', 'curl'], state: Partial<FakeState> = {}): FakeHost {
  const root = mkdtempSync(join(tmpdir(), 'kubelab-kind-test-'));
  const fakeDir = join(root, 'fake');
  const bin = join(root, 'bin');
  mkdirSync(fakeDir);
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  for (const tool of tools) {
    const target = tool === 'kind' || tool === 'docker' ? join(FAKE_BIN, tool) : findOnPath(tool);
    if (!target) throw new Error(`the test needs a real ${tool} on PATH`);
    symlinkSync(target, join(bin, tool));
  }
  const statePath = join(fakeDir, 'state.json');
  const callsPath = join(fakeDir, 'calls.jsonl');
  const read = (): FakeState => JSON.parse(readFileSync(statePath, 'utf8')) as FakeState;
  writeFileSync(statePath, JSON.stringify({ docker: 'up', kindVersion: 'v0.32.0', cgroupVersion: '2', memTotal: 8 * 1024 ** 3, clusters: {}, failAt: null, leaveNodes: false, waitTimesOut: false, nextIp: 2, auditLines: [], ...state }));
  const calls = (): Call[] => (existsSync(callsPath) ? readFileSync(callsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Call) : []);
  return {
    root,
    env: { PATH: bin, HOME: root, KUBELAB_FAKE_DIR: fakeDir },
    calls,
    commandLines: () => calls().map((c) => [c.tool, ...c.argv].join(' ')),
    state: read,
    setState: (patch) => writeFileSync(statePath, JSON.stringify({ ...read(), ...patch })),
  };
}
