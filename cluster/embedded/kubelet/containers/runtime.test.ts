import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SimulatedContainerRuntime } from './runtime.js';
import { cluster, NOW, pod, runtimeFor, serve, STARTED, type Cluster } from './test-support.js';

interface Frame {
  channel: number;
  text: string;
  bytes: Buffer;
}

interface Session {
  protocol: string;
  frames: Frame[];
  closeCode: number;
  /** Everything received on a channel, concatenated. */
  channel(n: number): string;
}

/** Opens a kubelet stream, lets `drive` talk, and collects every frame until the server closes. */
function stream(url: string, path: string, protocols: string[], drive: (ws: WebSocket, frames: Frame[]) => void = () => {}): Promise<Session> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${url}${path}`, protocols);
    const frames: Frame[] = [];
    ws.on('open', () => drive(ws, frames));
    ws.on('message', (data: Buffer, binary) => {
      const [channel, bytes] = binary ? [data[0]!, data.subarray(1)] : [data[0]! - 48, Buffer.from(data.toString('latin1').slice(1), 'base64')];
      frames.push({ channel, bytes, text: bytes.toString('utf8') });
    });
    ws.on('close', (code) =>
      resolve({ protocol: ws.protocol, frames, closeCode: code, channel: (n) => frames.filter((f) => f.channel === n).map((f) => f.text).join('') }),
    );
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

/** Sends a raw HTTP request and returns every byte the server wrote before closing. */
function raw(url: string, request: string): Promise<string> {
  const [host, port] = url.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), host!, () => socket.write(request));
    let received = '';
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('close', () => resolve(received));
    setTimeout(() => socket.destroy(), 3000);
  });
}

const upgradeRequest = (path: string, headers: string[], method = 'GET') =>
  [`${method} ${path} HTTP/1.1`, 'Host: kubelet', ...headers, '', ''].join('\r\n');

const websocketHeaders = (protocol?: string) => [
  'Connection: Upgrade',
  'Upgrade: websocket',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
  ...(protocol ? [`Sec-WebSocket-Protocol: ${protocol}`] : []),
];

const sh = (script: string) => `command=sh&command=-c&command=${encodeURIComponent(script)}`;
const waitFor = async (frames: Frame[], text: string) => {
  for (let i = 0; i < 200 && !frames.map((f) => f.text).join('').includes(text); i++) await new Promise((r) => setTimeout(r, 10));
};

let c: Cluster;
let runtime: SimulatedContainerRuntime;
let server: { url: string; close(): Promise<void> };
let v136: { url: string; close(): Promise<void> };

beforeAll(async () => {
  c = cluster();
  runtime = runtimeFor(c);
  server = await serve(runtime);
  v136 = await serve(runtimeFor(c, { extendWebSocketsToKubelet: true, kubeletVersion: 'v1.36.1' }));
});

afterAll(async () => {
  await server.close();
  await v136.close();
});

describe('exec over WebSocket, per channel protocol', () => {
  it('v4: stdout and stderr apart, then a Success status, then a normal close', async () => {
    const s = await stream(server.url, `/exec/team-a/web/shell?${sh('hostname; ls /nope')}&output=1&error=1`, ['v4.channel.k8s.io']);
    expect(s.protocol).toBe('v4.channel.k8s.io');
    expect(s.frames[0]).toMatchObject({ channel: 1, text: '' });
    expect(s.channel(1)).toBe('web\n');
    expect(s.channel(2)).toBe('ls: /nope: No such file or directory\n');
    expect(JSON.parse(s.channel(3))).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c hostname; ls /nope], exit code 1',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '1' }] },
    });
    expect(s.closeCode).toBe(1000);
  });

  it('v4 success is {"metadata":{},"status":"Success"}, escaped as Go escapes HTML', async () => {
    const ok = await stream(server.url, '/exec/team-a/web/shell?command=true&output=1', ['v4.channel.k8s.io']);
    expect(ok.channel(3)).toBe('{"metadata":{},"status":"Success"}');
    const failed = await stream(server.url, `/exec/team-a/web/shell?${sh('echo x > /proc/x')}&error=1`, ['v4.channel.k8s.io']);
    expect(failed.frames[0]).toMatchObject({ channel: 2, text: '' });
    expect(failed.channel(3)).toContain('[sh -c echo x \\u003e /proc/x], exit code 2');
  });

  it('channel.k8s.io (pre-v4): a failure is a bare message, success writes nothing', async () => {
    const failed = await stream(server.url, `/exec/team-a/web/shell?${sh('exit 3')}&output=1`, ['channel.k8s.io']);
    expect(failed.channel(3)).toBe('command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3');
    const ok = await stream(server.url, '/exec/team-a/web/shell?command=true&output=1', ['channel.k8s.io']);
    expect(ok.frames.filter((f) => f.channel === 3)).toEqual([]);
  });

  it('base64 variants carry the same channels as text frames', async () => {
    for (const protocol of ['base64.channel.k8s.io', 'v4.base64.channel.k8s.io']) {
      const s = await stream(server.url, '/exec/team-a/web/shell?command=cat&command=/etc/hostname&output=1', [protocol]);
      expect(s.protocol).toBe(protocol);
      expect(s.channel(1)).toBe('web\n');
    }
  });

  it('speaks binary channels and old status when no subprotocol is offered', async () => {
    const s = await stream(server.url, `/exec/team-a/web/shell?${sh('exit 2')}&output=1`, []);
    expect(s.protocol).toBe('');
    expect(s.channel(3)).toContain('exit code 2');
    expect(s.channel(3)).not.toContain('{');
  });

  it('ignores the bearer-token subprotocol when negotiating', async () => {
    const s = await stream(server.url, '/exec/team-a/web/shell?command=true&output=1', ['base64url.bearer.authorization.k8s.io.ZXlKaGJHY2k', 'v4.channel.k8s.io']);
    expect(s.protocol).toBe('v4.channel.k8s.io');
  });

  it('1.31/1.33: no v5 at the kubelet (the CRI server speaks up to v4)', async () => {
    const s = await stream(server.url, '/exec/team-a/web/shell?command=true&output=1', ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    expect(s.protocol).toBe('v4.channel.k8s.io');
    expect(await raw(server.url, upgradeRequest('/exec/team-a/web/shell?command=true&output=1', websocketHeaders('v5.channel.k8s.io')))).toBe('HTTP/1.1 403 Forbidden\r\n\r\n');
  });

  it('SPDY-era protocol names over WebSocket are refused with a bare 403', async () => {
    for (const protocol of ['v3.channel.k8s.io', 'v2.channel.k8s.io', 'portforward.k8s.io']) {
      const answer = await raw(server.url, upgradeRequest('/exec/team-a/web/shell?command=true&output=1', websocketHeaders(protocol)));
      expect(answer).toBe('HTTP/1.1 403 Forbidden\r\n\r\n');
    }
  });

  it('1.36 (ExtendWebSocketsToKubelet): the kubelet serves v5 itself, half-close included', async () => {
    const s = await stream(v136.url, '/exec/team-a/web/shell?command=cat&input=1&output=1', ['v4.channel.k8s.io', 'v5.channel.k8s.io'], (ws) => {
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('typed\n')]));
      ws.send(Buffer.from([255, 0]));
    });
    expect(s.protocol).toBe('v5.channel.k8s.io');
    expect(s.channel(1)).toBe('typed\n');
    expect(s.channel(3)).toBe('{"metadata":{},"status":"Success"}');
    const failed = await stream(v136.url, `/exec/team-a/web/shell?${sh('exit 5')}&output=1`, ['v5.channel.k8s.io']);
    expect(JSON.parse(failed.channel(3)).message).toBe('command terminated with non-zero exit code: command terminated with exit code 5');
    const older = await stream(v136.url, '/exec/team-a/web/shell?command=true&output=1', ['v4.channel.k8s.io']);
    expect(older.protocol).toBe('v4.channel.k8s.io');
  });

  it('reports a missing executable as the runtime does (distroless has no shell)', async () => {
    const s = await stream(server.url, '/exec/team-a/dns/coredns?command=sh&output=1', ['v4.channel.k8s.io']);
    const status = JSON.parse(s.channel(3));
    expect(status).toMatchObject({ status: 'Failure', reason: 'InternalError', code: 500 });
    expect(status.message).toMatch(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown$/);
    const translated = JSON.parse((await stream(v136.url, '/exec/team-a/dns/coredns?command=sh&output=1', ['v5.channel.k8s.io'])).channel(3));
    expect(translated.message).toMatch(/^Internal error occurred: Internal error occurred: error executing command in container: /);
  });
});

describe('interactive sessions (tty)', () => {
  it('gives a busybox prompt with echo, backspace, Ctrl-C and exit status', async () => {
    const s = await stream(server.url, '/exec/team-a/tty/shell?command=sh&input=1&output=1&tty=1', ['v4.channel.k8s.io'], async (ws, frames) => {
      const type = (text: string) => ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(text)]));
      await waitFor(frames, '/ # ');
      type('echo hx\x7fi\r');
      await waitFor(frames, 'hi\r\n/ # ');
      type('cat /nope\x03');
      type('cd /tmp\r');
      await waitFor(frames, '/tmp # ');
      type('exit 3\r');
    });
    const screen = s.channel(1);
    expect(screen.startsWith('/ # echo hx\b \bi\r\nhi\r\n/ # ')).toBe(true);
    expect(screen).toContain('cat /nope^C\r\n/ # cd /tmp\r\n/tmp # exit 3\r\n');
    expect(s.frames.filter((f) => f.channel === 2)).toEqual([]);
    expect(JSON.parse(s.channel(3)).details.causes).toEqual([{ reason: 'ExitCode', message: '3' }]);
  });

  it('gives bash its own prompt and says exit on Ctrl-D', async () => {
    const s = await stream(server.url, '/exec/team-a/nginx/nginx?command=bash&input=1&output=1&tty=1', ['v4.channel.k8s.io'], async (ws, frames) => {
      await waitFor(frames, 'root@nginx:/# ');
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('whoami\r\x04')]));
    });
    expect(s.channel(1)).toBe('root@nginx:/# whoami\r\nroot\r\nroot@nginx:/# exit\r\n');
    expect(s.channel(3)).toBe('{"metadata":{},"status":"Success"}');
  });

  it('attaches to a running interactive shell without a fresh prompt', async () => {
    const s = await stream(server.url, '/attach/team-a/tty/shell?input=1&output=1&tty=1', ['v4.channel.k8s.io'], async (ws, frames) => {
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('echo attached\r')]));
      await waitFor(frames, 'attached\r\n/ # ');
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('exit 1\r')]));
    });
    expect(s.channel(1)).toBe('echo attached\r\nattached\r\n/ # exit 1\r\n');
    expect(s.channel(3)).toBe('{"metadata":{},"status":"Success"}');
  });
});

describe('the token-stealing chain', () => {
  it('reads a real, pod-bound token of the pod ServiceAccount from the projected volume', async () => {
    const s = await stream(server.url, '/exec/team-a/web/shell?command=cat&command=/var/run/secrets/kubernetes.io/serviceaccount/token&output=1', ['v4.channel.k8s.io']);
    const token = s.channel(1);
    const validated = await c.tokens.validate(token);
    expect(validated).toMatchObject({
      ok: true,
      user: {
        username: 'system:serviceaccount:team-a:builder',
        uid: 'sa-uid-1',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a'],
        extra: { 'authentication.kubernetes.io/pod-name': ['web'], 'authentication.kubernetes.io/pod-uid': ['uid-web'], 'authentication.kubernetes.io/node-name': ['kind-worker'] },
      },
    });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims.exp - claims.iat).toBe(3607);
    expect(claims.aud).toEqual(['https://kubernetes.default.svc.cluster.local']);
  });

  it('works through $(cat ...) in a shell and through /run', async () => {
    const s = await stream(server.url, `/exec/team-a/web/shell?${sh('TOKEN=$(cat /var/run/secrets/kubernetes.io/serviceaccount/token); echo "Bearer $TOKEN"')}&output=1`, ['v4.channel.k8s.io']);
    const fromShell = s.channel(1).trim().replace(/^Bearer /, '');
    expect((await c.tokens.validate(fromShell))?.ok).toBe(true);
    const run = await fetch(`http://${server.url}/run/team-a/web/shell?cmd=cat%20/var/run/secrets/kubernetes.io/serviceaccount/token`, { method: 'POST' });
    expect(run.headers.get('content-type')).toBe('application/json');
    expect((await c.tokens.validate(await run.text()))?.ok).toBe(true);
  });
});

describe('requests the kubelet refuses before streaming', () => {
  const post = (path: string, headers: Record<string, string> = {}) => fetch(`http://${server.url}${path}`, { method: 'POST', headers });

  it('a POST without upgrade: 500 "Upgrade request required" from the upgrade proxy', async () => {
    const res = await post('/exec/team-a/web/shell?command=id&output=1', { 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('Upgrade request required\n');
  });

  it('no stream selected: 400, and the API server parameter names do not count', async () => {
    for (const query of ['command=id', 'command=id&stdout=true&stderr=true', 'command=id&output=true']) {
      const res = await post(`/exec/team-a/web/shell?${query}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('you must specify at least 1 of stdin, stdout, stderr');
    }
  });

  it('unknown pods, pods of other nodes, containers not running', async () => {
    const answers = await Promise.all(
      ['/exec/team-a/ghost/c?command=id&output=1', '/exec/team-a/elsewhere/app?command=id&output=1', '/exec/team-a/starting/app?command=id&output=1', '/exec/team-a/web/uid-other/shell?command=id&output=1'].map(async (path) => {
        const res = await post(path);
        return [res.status, await res.text()];
      }),
    );
    expect(answers).toEqual([
      [404, 'pod does not exist'],
      [404, 'pod does not exist'],
      [500, 'container not found ("app")'],
      [500, 'container not found ("shell")'],
    ]);
  });

  it('SPDY upgrades: the CRI server handshake errors, else a switch to SPDY/3.1 (spdy-sessions.test.ts)', async () => {
    const path = '/exec/team-a/web/shell?command=id&output=1';
    const spdy = ['Connection: Upgrade', 'Upgrade: SPDY/3.1'];
    const missing = await raw(server.url, upgradeRequest(path, spdy, 'POST'));
    expect(missing).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(missing).toMatch(/\r\n\r\nunable to upgrade: X-Stream-Protocol-Version is required\n$/);
    const refused = await raw(server.url, upgradeRequest(path, [...spdy, 'X-Stream-Protocol-Version: v9.channel.k8s.io'], 'POST'));
    const body = 'unable to upgrade: unable to negotiate protocol: client supports [v9.channel.k8s.io], server accepts [v4.channel.k8s.io v3.channel.k8s.io v2.channel.k8s.io channel.k8s.io]\n';
    expect(refused).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(refused).toContain('X-Accepted-Stream-Protocol-Versions: v4.channel.k8s.io\r\nX-Accepted-Stream-Protocol-Versions: v3.channel.k8s.io\r\n');
    expect(refused.endsWith(`\r\n\r\n${body}${body}`)).toBe(true);
    const accepted = await raw(server.url, upgradeRequest(path, [...spdy, 'X-Stream-Protocol-Version: v4.channel.k8s.io'], 'POST'));
    expect(accepted).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY\/3\.1\r\nX-Stream-Protocol-Version: v4\.channel\.k8s\.io\r\n/);
  });

  it('WebSocket handshakes x/net/websocket rejects', async () => {
    const path = '/exec/team-a/web/shell?command=id&output=1';
    expect(await raw(server.url, upgradeRequest(path, websocketHeaders('v4.channel.k8s.io'), 'POST'))).toBe('HTTP/1.1 405 Method Not Allowed\r\n\r\nbad method');
    const oldVersion = websocketHeaders('v4.channel.k8s.io').map((h) => (h.startsWith('Sec-WebSocket-Version') ? 'Sec-WebSocket-Version: 8' : h));
    expect(await raw(server.url, upgradeRequest(path, oldVersion))).toBe('HTTP/1.1 400 Bad Request\r\nSec-WebSocket-Version: 13\r\n\r\nmissing or bad WebSocket Version');
  });
});

describe('port forwarding over WebSocket', () => {
  it('opens a data and an error channel per port, then reports the refused dial', async () => {
    const s = await stream(server.url, '/portForward/team-a/web?port=8080&port=53', ['v4.channel.k8s.io']);
    // Each port as two little-endian bytes: 8080 = 0x1f90, 53 = 0x0035.
    expect(s.frames.slice(0, 4).map((f) => [f.channel, f.bytes.toString('hex')])).toEqual([
      [0, '901f'],
      [1, '901f'],
      [2, '3500'],
      [3, '3500'],
    ]);
    const error = s.frames[4]!;
    expect(error.channel).toBe(1);
    expect(error.text).toMatch(
      /^error forwarding port 8080 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f-]{36}": failed to connect to localhost:8080 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:8080: connect: connection refused IPv6 dial tcp6 \[::1\]:8080: connect: connection refused $/,
    );
    expect(s.frames[5]!.channel).toBe(3);
    expect(s.closeCode).toBe(1000);
  });

  it('validates ports (WebSocket only) and the pod uid', async () => {
    const answers = [];
    for (const query of ['', '?port=', '?port=0', '?port=http', '?port=70000']) {
      answers.push(await raw(server.url, upgradeRequest(`/portForward/team-a/web${query}`, websocketHeaders('v4.channel.k8s.io'))));
    }
    expect(answers.map((a) => a.split('\r\n\r\n')[1])).toEqual([
      'query parameter "port" is required',
      'query parameter "port" cannot be empty',
      'port "0" must be > 0',
      'unable to parse "http" as a port: strconv.ParseUint: parsing "http": invalid syntax',
      'unable to parse "70000" as a port: strconv.ParseUint: parsing "70000": value out of range',
    ]);
    const wrongUid = await raw(server.url, upgradeRequest('/portForward/team-a/web/uid-other?port=80', websocketHeaders('v4.channel.k8s.io')));
    expect(wrongUid).toMatch(/^HTTP\/1\.1 404 Not Found\r\n[\s\S]*\r\n\r\npod not found$/);
  });
});

describe('POST /run', () => {
  const run = async (cmd: string, pod = 'web', container = 'shell') => {
    const res = await fetch(`http://${server.url}/run/team-a/${pod}/${container}?cmd=${encodeURIComponent(cmd)}`, { method: 'POST' });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };

  it('returns the output as application/json (sic), stdout then stderr', async () => {
    expect(await run('cat /etc/hostname')).toEqual({ status: 200, type: 'application/json', body: 'web\n' });
    expect(await run('true')).toEqual({ status: 200, type: null, body: '' });
  });

  it('splits cmd on spaces only: no shell unless you ask for one', async () => {
    expect((await run('echo $HOSTNAME')).body).toBe('$HOSTNAME\n');
    expect((await run('sh -c hostname')).body).toBe('web\n');
  });

  it('sees the files the main process wrote before anyone exec-ed in', async () => {
    const writer = runtimeFor(cluster([pod('writer', { name: 'app', image: 'busybox', command: ['sh', '-c', 'echo ready > /tmp/state; sleep 3600'] })]));
    expect(await writer.run({ namespace: 'team-a', pod: 'writer', container: 'app' }, ['cat', '/tmp/state'])).toMatchObject({ status: 200, body: 'ready\n' });
  });

  it('answers a non-zero exit and a missing binary with the runtime errors', async () => {
    expect(await run('ls /nope')).toEqual({ status: 500, type: 'text/plain; charset=utf-8', body: "command 'ls /nope' exited with 1: ls: /nope: No such file or directory\n" });
    const missing = await run('kubectl get pods');
    expect(missing.status).toBe(500);
    expect(missing.body).toMatch(/^rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "kubectl": executable file not found in \$PATH: unknown$/);
    expect(await run('id', 'ghost')).toEqual({ status: 404, type: 'text/plain; charset=utf-8', body: 'pod does not exist' });
  });
});

describe('container logs', () => {
  it('prints what the image prints, honouring tailLines and timestamps', () => {
    const all = runtime.logs({ namespace: 'team-a', pod: 'nginx', container: 'nginx' }, {})!;
    expect(all.split('\n')[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(all).toContain('2025/11/29 05:20:11 [notice] 1#1: nginx/1.27.3\n');
    expect(all).toContain('"GET / HTTP/1.1" 200 615 "-" "kube-probe/1.31" "-"\n');
    const tail = runtime.logs({ namespace: 'team-a', pod: 'nginx', container: 'nginx' }, { tailLines: 2, timestamps: true })!;
    const lines = tail.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^2025-11-29T05:[23]\d:\d\d(\.\d{1,9})?Z 10\.244\.1\.1 - - \[/);
  });

  it('records a shell image command with the time each line was written', () => {
    const early = runtimeFor(c, { clock: () => new Date(new Date(STARTED).getTime() + 2000) });
    expect(early.logs({ namespace: 'team-a', pod: 'web', container: 'shell' }, {})).toBe('started\n');
    expect(runtime.logs({ namespace: 'team-a', pod: 'web', container: 'shell' }, { timestamps: true })).toMatch(/^2025-11-29T05:20:11(\.\d+)?Z started\n2025-11-29T05:20:16(\.\d+)?Z ready\n$/);
    expect(NOW.getTime() - new Date(STARTED).getTime()).toBeGreaterThan(5000);
  });

  it('leaves out lines written before sinceMs, after taking the tail', () => {
    const shell = { namespace: 'team-a', pod: 'web', container: 'shell' };
    const started = new Date(STARTED).getTime(); // "started" at +0 s, "ready" at +5 s
    expect(runtime.logs(shell, { sinceMs: started + 1000 })).toBe('ready\n');
    expect(runtime.logs(shell, { sinceMs: started - 1000 })).toBe('started\nready\n');
    expect(runtime.logs(shell, { sinceMs: NOW.getTime() })).toBe('');
    // The tail is taken first: the last line, which is also recent enough.
    expect(runtime.logs(shell, { tailLines: 1, sinceMs: started - 1000 })).toBe('ready\n');
    expect(runtime.logs(shell, { tailLines: 1, sinceMs: started + 6000 })).toBe('');
  });

  it('has nothing for unknown containers or a previous instance that never was', () => {
    expect(runtime.logs({ namespace: 'team-a', pod: 'web', container: 'nope' }, {})).toBeUndefined();
    expect(runtime.logs({ namespace: 'team-a', pod: 'web', container: 'shell' }, { previous: true })).toBeUndefined();
    expect(runtime.logs({ namespace: 'team-a', pod: 'dns', container: 'coredns' }, {})).toBe(
      '.:53\n[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b\nCoreDNS-1.11.3\nlinux/amd64, go1.22.7, a6338e9\n',
    );
  });
});
