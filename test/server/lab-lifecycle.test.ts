// A lab's life beyond a single request: idle labs are warned, then deleted; prepared (spare)
// clusters make Start and Reset fast; `kubelab start` stops cleanly on SIGTERM.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETUP_STAGE, SPARE_STAGE } from '../../server/lab/lab-manager.js';
import type { Progress } from '../../cluster/provider.js';
import { Browser, connected, SCENARIO, startTestServer, TerminalReader, testKubectl } from './support.js';

describe('idle labs', () => {
  it('warns, then deletes a lab nobody uses', async () => {
    const server = await startTestServer({ idleTimeoutMs: 2500, idleWarningMs: 2000, reapIntervalMs: 100 });
    try {
      const browser = await Browser.open(server);
      const lab = await browser.send<{ labId: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' });
      const socket = browser.socket();
      const warned = new Promise<{ idleMs: number; deleteInMs: number }>((done) => socket.on('lab:idle', done));
      const ended = new Promise<{ labId: string; reason: string }>((done) => socket.on('lab:ended', done));
      await connected(socket);
      const warning = await warned;
      expect(warning.deleteInMs).toBeGreaterThan(0);
      expect(warning.deleteInMs).toBeLessThanOrEqual(2000);
      expect(await ended).toEqual({ labId: lab.body.labId, reason: 'idle' });
      expect((await browser.get('/api/lab')).status).toBe(404);
      expect(server.labs.running).toBe(0);
      socket.close();
    } finally {
      await server.close();
    }
  });
});

describe('spare clusters', () => {
  it('start a lab the learner was looking at, and the next reset, from a prepared cluster', async () => {
    const server = await startTestServer({ spares: true });
    try {
      const browser = await Browser.open(server);
      const socket = browser.socket();
      const stages: string[] = [];
      socket.on('lab:progress', (p: Progress) => stages.push(p.stage));
      await connected(socket);
      await browser.get(`/api/scenarios/${SCENARIO}?version=1.33`); // opening the page prepares one
      const started = await browser.send<{ state: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' });
      expect(started.body.state).toBe('ready');
      expect(stages).toContain(SPARE_STAGE);
      expect(stages).not.toContain(SETUP_STAGE);

      stages.length = 0;
      expect((await browser.send<{ state: string }>('POST', '/api/lab/reset')).body.state).toBe('ready');
      expect(stages).toContain(SPARE_STAGE);
      // The prepared cluster carries the scenario's setup.
      const terminal = new TerminalReader(socket);
      socket.emit('terminal:attach', { cols: 100, rows: 30 });
      await terminal.waitFor('[kubelab v1.33 ');
      expect(await terminal.run('kubectl get clusterrole kubelet-pod-reader -o name')).toContain('clusterrole.rbac.authorization.k8s.io/kubelet-pod-reader');
      socket.close();
    } finally {
      await server.close();
    }
    // Labs and spares alike are gone with the server.
    expect(readdirSync(join(server.dataDir, 'labs'))).toEqual([]);
  });
});

/** The `kubelab` command from the sources, as `node bin/kubelab.js` runs it once built. */
function kubelab(args: string[], env: Record<string, string> = {}) {
  const entry = "const { main } = await import('./cli/main.ts'); process.exitCode = await main(process.argv.slice(1));";
  return spawn(process.execPath, ['--import', 'tsx', '-e', entry, ...args], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('kubelab start', () => {
  it('deletes the clusters, ends the shells and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-start-'));
    const child = kubelab(['start', '--port', '0', '--data-dir', dataDir], { KUBELAB_KUBECTL: await testKubectl() });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL printed:\n${stderr}`)), 45_000);
        child.stderr.on('data', () => {
          const m = /kubelab web lab: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
          if (!m) return;
          clearTimeout(timer);
          done(m[1]!);
        });
      });

      const browser = new Browser(url);
      const session = await browser.get<{ csrf: string }>('/api/session');
      browser.csrf = session.body.csrf;
      expect((await browser.send<{ state: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.31' })).body.state).toBe('ready');
      const socket = browser.socket();
      await connected(socket);
      const terminal = new TerminalReader(socket);
      socket.emit('terminal:attach', { cols: 100, rows: 30 });
      await terminal.waitFor('[kubelab v1.31 ');
      const pid = Number(/pid=(\d+)/.exec(await terminal.run('echo "pid=$$"'))?.[1]);
      expect(stderr).toContain('(loopback) only');
      const [labFolder] = readdirSync(join(dataDir, 'labs'));
      const apiServer = new URL(/server: (\S+)/.exec(readFileSync(join(dataDir, 'labs', labFolder!, 'kubeconfig'), 'utf8'))![1]!);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toContain('saving and stopping 1 lab cluster and ending the shells');
      expect(() => process.kill(pid, 0)).toThrow(); // the shell is gone
      expect(existsSync(join(dataDir, 'labs', labFolder!))).toBe(false);
      await expect(
        new Promise((done, fail) => connect(Number(apiServer.port), apiServer.hostname).on('connect', done).on('error', fail)),
      ).rejects.toThrow(/ECONNREFUSED/);
      socket.close();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a host other machines can reach unless told to expose the lab', async () => {
    const child = kubelab(['start', '--host', '0.0.0.0']);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('--expose');
  });
});
