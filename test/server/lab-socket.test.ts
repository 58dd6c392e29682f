// socket.io /lab against a real server: who may connect, the session's shell (a real pty running
// kubectl against the session's cluster), scrollback after a reload, one session never reaching
// another's shell, live kubelet decisions, and what a reset does to the shell.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { LabServer } from '../../server/lab-server.js';
import type { KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';
import { Browser, connected, SCENARIO, startTestServer, TerminalReader, testKubectl } from './support.js';

let server: LabServer;
let alice: Browser;
let nodeName: string;
let nodeIP: string;
const sockets: Socket[] = [];

function track(socket: Socket): Socket {
  sockets.push(socket);
  return socket;
}

async function attachedTerminal(browser: Browser, size = { cols: 120, rows: 30 }): Promise<TerminalReader> {
  const socket = track(browser.socket());
  await connected(socket);
  const reader = new TerminalReader(socket);
  socket.emit('terminal:attach', size);
  return reader;
}

beforeAll(async () => {
  server = await startTestServer();
  alice = await Browser.open(server);
  const lab = await alice.send<{ state: string; nodes: { name: string; internalIP: string }[] }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' });
  expect(lab.body.state).toBe('ready');
  nodeName = lab.body.nodes[0]!.name;
  nodeIP = lab.body.nodes[0]!.internalIP;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
});

describe('who may connect', () => {
  it('refuses a connection without a session cookie, saying what to do', async () => {
    const error = (await connected(track(new Browser(server.url).socket())).catch((e: unknown) => e)) as Error & { data?: { code: string; fix: string } };
    expect(error).toBeInstanceOf(Error);
    expect(error.data?.code).toBe('NO_SESSION');
    expect(error.data?.fix).toMatch(/reload/i);
  });

  it('refuses a forged cookie', async () => {
    const forged = track(alice.socket({ cookie: `kubelab.sid=${alice.sessionId}.AAAA` }));
    await expect(connected(forged)).rejects.toThrow();
  });

  it('refuses a page of another origin even with a valid cookie (cross-site WebSocket hijacking)', async () => {
    await expect(connected(track(alice.socket({ origin: 'http://evil.example' })))).rejects.toThrow();
    await expect(connected(track(alice.socket({ origin: `http://localhost:${server.port + 1}` })))).rejects.toThrow();
    await connected(track(alice.socket()));
  });
});

describe("the session's shell", () => {
  let terminal: TerminalReader;

  it('opens bash with a prompt naming the version and the node, and kubectl reaches the lab cluster', async () => {
    terminal = await attachedTerminal(alice);
    await terminal.waitFor(`[kubelab v1.33 ${nodeName}] ~ $ `);
    const nodes = await terminal.run('kubectl get nodes');
    expect(nodes).toMatch(new RegExp(`${nodeName}\\s+Ready\\s+control-plane`));
  });

  it('has the lab environment: its kubeconfig, node address, the real kubectl, jq and curl', async () => {
    const env = await terminal.run('echo "ip=$NODE_IP port=$KUBELET_PORT v=$KUBE_VERSION term=$TERM"; readlink "$(command -v kubectl)"; command -v jq curl | wc -l');
    expect(env).toContain(`ip=${nodeIP} port=10250 v=1.33 term=xterm-256color`);
    expect(env).toContain(await testKubectl());
    expect(env).toMatch(/\r\n2\r\n/);
    const kubeconfig = server.sessions.get(alice.sessionId)!.lab!.cluster!.kubeconfigPath;
    expect(await terminal.run('echo "kc=$KUBECONFIG"')).toContain(`kc=${kubeconfig}`);
  });

  it('follows terminal:resize', async () => {
    terminal.socket.emit('terminal:resize', { cols: 101, rows: 41 });
    expect(await terminal.run('stty size')).toContain('41 101');
  });

  it('streams the kubelet decisions of the lab cluster live', async () => {
    const seen = new Promise<KubeletDecision>((done) => terminal.socket.on('lab:decision', (d: KubeletDecision) => d.path === '/healthz' && done(d)));
    await terminal.run('curl -sk "https://$NODE_IP:$KUBELET_PORT/healthz"; echo');
    const decision = await seen;
    expect(decision).toMatchObject({ node: nodeName, method: 'GET', outcome: 'unauthenticated', status: 401 });
  });

  it('comes back after a reload: same shell, scrollback replayed first', async () => {
    const before = await terminal.run('echo "pid=$$ marker-$((6*7))"');
    const pid = /pid=(\d+) marker-42/.exec(before)?.[1];
    expect(pid).toBeDefined();
    terminal.socket.close();

    const again = await attachedTerminal(alice);
    await again.waitFor('marker-42'); // printed output, not the typed "$((6*7))"
    expect(again.chunks[0]).toContain('marker-42'); // the replay comes first, in one piece
    expect(await again.run('echo "pid=$$"')).toContain(`pid=${pid}`);
    terminal = again;
  });

  it('keeps what is typed right after attaching', async () => {
    const early = await attachedTerminal(alice);
    early.socket.emit('terminal:input', 'echo "early-$((20+3))"\r');
    await early.waitFor('early-23');
    early.socket.close();
  });

  it("never shows one session another session's shell", async () => {
    const bob = await Browser.open(server);
    const noLab = await attachedTerminal(bob);
    await noLab.waitFor('No lab is running');
    noLab.socket.emit('terminal:input', 'echo bob-was-here\r');
    await new Promise((r) => setTimeout(r, 300));
    expect(noLab.text).not.toContain('marker-42');
    expect(await terminal.run('echo alice-alone')).not.toContain('bob-was-here');

    expect((await bob.send<{ state: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.31' })).body.state).toBe('ready');
    const own = await attachedTerminal(bob);
    await own.waitFor('[kubelab v1.31 ');
    const bobPid = /pid=(\d+)/.exec(await own.run('echo "pid=$$"'))?.[1];
    const alicePid = /pid=(\d+)/.exec(await terminal.run('echo "pid=$$"'))?.[1];
    expect(bobPid).not.toBe(alicePid);
    expect(own.text).not.toContain('marker-42');
  });

  it('ends the shell on reset; attaching again opens one on the new cluster', async () => {
    const oldLab = server.sessions.get(alice.sessionId)!.lab!.id;
    const ended = new Promise<{ labId: string; reason: string }>((done) => terminal.socket.once('lab:ended', done));
    const exited = new Promise<{ code: number }>((done) => terminal.socket.once('terminal:exit', done));
    const reset = await alice.send<{ labId: string; state: string; nodes: { name: string }[] }>('POST', '/api/lab/reset');
    expect(reset.body.state).toBe('ready');
    expect(reset.body.labId).not.toBe(oldLab);
    expect(await ended).toEqual({ labId: oldLab, reason: 'reset' });
    expect(typeof (await exited).code).toBe('number');

    const fresh = await attachedTerminal(alice);
    await fresh.waitFor(`[kubelab v1.33 ${reset.body.nodes[0]!.name}] ~ $ `);
    expect(fresh.text).not.toContain('marker-42');
    expect(await fresh.run('kubectl get configmap answers -n kubelab -o name')).toContain('configmap/answers');
  });
});
