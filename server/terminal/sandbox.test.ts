// Sandboxed lab shells and output flow control, for real: bubblewrap, bash in a node-pty
// pseudo-terminal, the real kubectl against an embedded cluster, all inside a data directory laid
// out like the server's (other sessions, other labs' kubeconfigs, the server secret).

import { execFile } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import { testKubectl } from '../../test/server/support.js';
import { sandboxAccount } from './sandbox-account.js';
import { detectSandbox } from './sandbox-detect.js';
import { sandboxPolicy, type SandboxLimits, type SandboxPolicy, type SandboxTools } from './sandbox-policy.js';
import { kubectlCompletionFile, prepareShell, type ShellSpec, type ShellTools } from './shell-environment.js';
import { Terminal, type TerminalOptions } from './terminal.js';

const SIZE = { cols: 200, rows: 50 };
const PROMPT = /\] [^\n]*\$ $/;

/** Drives one pty: collects what it prints, types commands, reads their exit codes. */
class ShellDriver {
  text = '';
  private waiters: { test: () => boolean; done: () => void }[] = [];

  constructor(readonly terminal: Terminal) {
    terminal.attach({
      data: (chunk) => {
        this.text += chunk;
        this.waiters = this.waiters.filter((w) => (w.test() ? (w.done(), false) : true));
      },
      exit: () => {},
    });
  }

  static async start(spec: ShellSpec, options: TerminalOptions = {}): Promise<ShellDriver> {
    const driver = new ShellDriver(Terminal.start(spec, SIZE, options));
    await driver.waitFor(PROMPT);
    return driver;
  }

  waitFor(pattern: RegExp, from = 0, timeoutMs = 30_000): Promise<RegExpExecArray> {
    return new Promise((done, fail) => {
      const test = () => pattern.test(this.text.slice(from));
      if (test()) return done(pattern.exec(this.text.slice(from))!);
      const timer = setTimeout(() => fail(new Error(`the shell never printed ${String(pattern)}; it printed:\n${this.text.slice(from)}`)), timeoutMs);
      this.waiters.push({ test, done: () => (clearTimeout(timer), done(pattern.exec(this.text.slice(from))!)) });
    });
  }

  /** Presses a key every 100 ms until the shell prints `pattern`. */
  async pressUntil(key: string, pattern: RegExp, from: number): Promise<RegExpExecArray> {
    const presses = setInterval(() => this.terminal.write(key), 100);
    return this.waitFor(pattern, from).finally(() => clearInterval(presses));
  }

  /** Runs a command line; the exit code comes from a marker the typed line itself cannot show. */
  async run(command: string): Promise<{ output: string; code: number }> {
    const from = this.text.length;
    this.terminal.write(`${command}\r`);
    this.terminal.write('echo "@@END:$?:@@"\r');
    const end = await this.waitFor(/@@END:(\d+):@@/, from);
    return { output: this.text.slice(from, from + end.index), code: Number(end[1]) };
  }

  kill(): Promise<void> {
    return this.terminal.kill();
  }
}

const exec = promisify(execFile);

/** Forks children that sleep until fork fails (no retries, unlike bash), then says how many. */
const FORK_LOOP = 'my $n = 0; while ($n < 2000) { my $p = fork(); last unless defined $p; if (!$p) { sleep 30; exit 0 } $n++ } print "FORKED=$n\\n"';

/** The host pids of processes running as a uid (the setuid sandbox's learner). */
function processesOf(uid: number): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return statSync(`/proc/${p}`).uid === uid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('sandboxed lab shell', () => {
  let tools: SandboxTools;
  let dataDir: string;
  let cluster: EmbeddedCluster;
  let shellTools: ShellTools;
  let sessionDir: string;
  let shell: ShellDriver;
  let userDir: string | undefined;
  const started: ShellDriver[] = [];

  const lab = () => ({ version: '1.33' as const, kubeconfigPath: cluster.kubeconfigPath, nodes: cluster.nodes });
  const policy = (limits: Partial<SandboxLimits> = {}): SandboxPolicy => sandboxPolicy(tools, { dataDir, limits });
  async function startShell(dir: string, limits: Partial<SandboxLimits> = {}): Promise<ShellDriver> {
    const driver = await ShellDriver.start(prepareShell(dir, { ...shellTools, sandbox: policy(limits) }, lab()));
    started.push(driver);
    return driver;
  }

  beforeAll(async () => {
    const detected = await detectSandbox();
    if (!detected.ok) throw new Error(`no sandbox on this host: ${detected.reason} ${detected.fix}`);
    tools = detected;
    // Laid out like a classroom server's data directory, but readable by all: what keeps it out
    // of sight must be the sandbox alone, not file modes.
    dataDir = mkdtempSync(join(tmpdir(), 'kubelab-sandbox-test-'));
    chmodSync(dataDir, 0o755);
    const name = `sbx${process.pid % 10000}`;
    cluster = await startEmbeddedCluster({ spec: { name, version: '1.33' }, dataDir, kubeconfigPath: join(dataDir, 'labs', name, 'kubeconfig') });
    mkdirSync(join(dataDir, 'labs', 'other'), { recursive: true });
    writeFileSync(join(dataDir, 'labs', 'other', 'kubeconfig'), 'OTHER-LEARNERS-KUBECONFIG', { mode: 0o644 });
    writeFileSync(join(dataDir, 'server-secret'), 'THE-SERVER-SECRET', { mode: 0o644 });
    mkdirSync(join(dataDir, 'sessions', 'other', 'home'), { recursive: true });
    writeFileSync(join(dataDir, 'sessions', 'other', 'home', 'notes'), 'OTHER-LEARNERS-NOTES');
    const kubectl = await testKubectl();
    const completion = await kubectlCompletionFile(dataDir, kubectl);
    shellTools = { kubectl, ...(completion ? { completion } : {}) };
    sessionDir = join(dataDir, 'sessions', 'mine');
    shell = await startShell(sessionDir);
  });

  afterAll(async () => {
    await Promise.all(started.map((s) => s.kill()));
    await cluster?.delete();
    for (const dir of [dataDir, userDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs kubectl against the lab and reaches the kubelet on its 127.x address', async () => {
    const nodes = await shell.run('kubectl get nodes -o name');
    expect(nodes.code).toBe(0);
    expect(nodes.output).toContain(`node/${cluster.nodes[0]!.name}`);
    // The kubelet answers an anonymous request itself: 401 from it proves the network is shared.
    const healthz = await shell.run('curl -sk https://$NODE_IP:$KUBELET_PORT/healthz');
    expect(healthz.code).toBe(0);
    expect(healthz.output).toContain('Unauthorized');
    expect((await shell.run('complete -p kubectl')).output).toContain('__start_kubectl');
  });

  it('shows its own kubeconfig read-only at a fixed path, and nothing of the data directory', async () => {
    expect((await shell.run('echo "KC=$KUBECONFIG"')).output).toContain('KC=/kubelab/kubeconfig');
    expect((await shell.run('echo data >> $KUBECONFIG')).code).not.toBe(0);
    for (const path of [join(dataDir, 'labs', 'other', 'kubeconfig'), join(dataDir, 'server-secret'), join(dataDir, 'sessions', 'other', 'home', 'notes')]) {
      const read = await shell.run(`cat ${path}`);
      expect(read.code, path).not.toBe(0);
      expect(read.output).toContain('No such file or directory');
      expect(read.output).not.toMatch(/OTHER-LEARNERS|THE-SERVER-SECRET/);
    }
    for (const path of [dataDir, cluster.kubeconfigPath]) expect((await shell.run(`ls ${path}`)).output).toContain('No such file or directory');
  });

  it("hides kubelab's own folder, the host's /root and /home, and the secrets in /etc", async () => {
    const install = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));
    expect((await shell.run(`ls ${install}/package.json`)).code).not.toBe(0);
    expect((await shell.run('ls /root')).code).not.toBe(0);
    expect((await shell.run('ls /home')).output).toMatch(/\blearner\s*\r\n/);
    expect((await shell.run('ls /etc/shadow')).code).not.toBe(0);
    expect((await shell.run('cat /etc/passwd')).output).toContain('learner:x:');
    // Its own processes only, no root, no capabilities, its own host name.
    const ps = await shell.run('ps -e -o comm= | sort -u | tr "\\n" " "');
    expect(ps.output).not.toMatch(/\bnode\b/);
    expect((await shell.run('id -u')).output).not.toMatch(/^0\r?$/m);
    expect((await shell.run('grep -E "^CapEff|^NoNewPrivs" /proc/self/status')).output).toMatch(/CapEff:\s+0{16}[\s\S]*NoNewPrivs:\s+1/);
    expect((await shell.run('hostname')).output).toMatch(/^kubelab\r?$/m);
  });

  it('blanks out a data directory that lies inside a system folder it shows (an install under /usr)', async () => {
    const inUsr = '/usr/share/doc';
    const usrPolicy = sandboxPolicy(tools, { dataDir: inUsr });
    const blanked = await ShellDriver.start(prepareShell(join(dataDir, 'sessions', 'in-usr'), { ...shellTools, sandbox: usrPolicy }, lab()));
    started.push(blanked);
    expect((await blanked.run(`ls -A ${inUsr} | wc -l`)).output).toMatch(/^0\r?$/m);
    expect((await blanked.run(`touch ${inUsr}/x`)).code).not.toBe(0);
    expect((await blanked.run('ls /usr/share | wc -l')).output).not.toMatch(/^0\r?$/m);
  });

  it('writes only to HOME and /tmp', async () => {
    for (const path of ['/usr/x', '/etc/x', '/x', '/kubelab/x', '/home/x', '/var/x', '/proc/x']) {
      expect((await shell.run(`touch ${path}`)).code, path).not.toBe(0);
    }
    const scratch = `/tmp/kubelab-scratch-${process.pid}`;
    expect((await shell.run(`touch ~/made-here ${scratch} && echo "$HOME"`)).output).toContain('/home/learner');
    expect(existsSync(join(sessionDir, 'home', 'made-here'))).toBe(true);
    // /tmp is private: nothing appears in the host's.
    expect(existsSync(scratch)).toBe(false);
  });

  it('stops a fork loop at the process limit; the server and the shell carry on', async () => {
    const bomb = await startShell(join(dataDir, 'sessions', 'bomb'), { processes: 40 });
    const forked = await bomb.run(`perl -e '${FORK_LOOP}'`);
    const count = Number(/FORKED=(\d+)/.exec(forked.output)?.[1]);
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(40);
    // The host still starts processes while the sandbox sits at its limit.
    expect((await exec('/bin/echo', ['host-fine'])).stdout).toBe('host-fine\n');
    // Nor does a user namespace of the learner's own lift the limit (the kernel counts up the chain).
    await bomb.run('pkill -x perl; sleep 0.2');
    const nested = await bomb.run(`unshare --user --map-root-user perl -e '${FORK_LOOP}'`);
    expect(Number(/FORKED=(\d+)/.exec(nested.output)?.[1] ?? 0)).toBeLessThan(40);
    // The learner's own shell is fine too, once the loop's children are gone.
    expect((await bomb.run('pkill -x perl; sleep 0.2; echo alive')).output).toContain('alive');
  });

  it('stops a memory hog, a runaway loop, a huge file and a full /tmp at their limits', async () => {
    const dir = join(dataDir, 'sessions', 'hog');
    const hog = await startShell(dir, { memoryBytes: 64 << 20, cpuSeconds: 2, fileSizeBytes: 1 << 20, tmpBytes: 256 << 10 });
    const grown = await hog.run('( s=xxxxxxxxxxxxxxxx; while :; do s=$s$s; done )');
    expect(grown.code).not.toBe(0);
    expect(grown.output).toMatch(/cannot allocate/);
    // The kernel ends them: 128 + SIGKILL (soft and hard CPU limits are one), 128 + SIGXFSZ.
    expect((await hog.run('( while :; do :; done )')).code).toBe(137);
    expect((await hog.run('head -c 2M /dev/zero > ~/big')).code).toBe(153);
    expect(statSync(join(dir, 'home', 'big')).size).toBeLessThanOrEqual(1 << 20);
    expect((await hog.run('head -c 900K /dev/zero > /tmp/big')).output).toContain('No space left on device');
    expect((await hog.run('kubectl get nodes -o name')).code).toBe(0);
  });

  it('keeps job control and Ctrl-C in the pseudo-terminal', async () => {
    expect(shell.text).not.toMatch(/no job control|cannot set terminal process group/);
    const from = shell.text.length;
    shell.terminal.write('sleep 100\r');
    // Ctrl-C until the prompt is back: long before the 100 s are up, or the wait times out.
    await shell.pressUntil('\x03', /sleep 100\r\n[\s\S]*\] [^\n]*\$ $/, from);
    expect((await shell.run('true')).code).toBe(0);
    const background = await shell.run('sleep 100 & jobs');
    expect(background.output).toMatch(/\[1\]\+\s+Running\s+sleep 100 &/);
    const suspend = shell.text.length;
    shell.terminal.write('fg\r');
    await shell.pressUntil('\x1a', /Stopped\s+sleep 100/, suspend);
    expect((await shell.run('kill %1')).code).toBe(0);
  });

  it('leaves no learner process behind when the shell ends, even abruptly', async () => {
    for (const [i, end] of (['hang-up', 'SIGKILL to bwrap'] as const).entries()) {
      const dir = join(dataDir, 'sessions', `doomed-${i}`);
      const doomed = await startShell(dir);
      await doomed.run('sleep 300 & sleep 301 &');
      const uid = sandboxAccount(tools, dir).hostUid;
      if (uid === undefined) return; // a user namespace: the learner's processes carry the server's uid
      expect(processesOf(uid).length, end).toBeGreaterThanOrEqual(3);
      if (end === 'hang-up') await doomed.kill();
      else process.kill(doomed.terminal.pid, 'SIGKILL');
      await expect.poll(() => processesOf(uid), { timeout: 5000 }).toEqual([]);
    }
  });

  it('works the same for a server that is not root: a user namespace, its limit counting that shell alone', async () => {
    // The server's user here is an unprivileged uid owning its data directory; bwrap then needs
    // a user namespace, as it would on a learner-facing host without root.
    const serverUid = 61_000 + (process.pid % 1000);
    userDir = mkdtempSync(join(tmpdir(), 'kubelab-userns-test-'));
    const dir = join(userDir, 'sessions', 'userns');
    const userns: SandboxPolicy = { ...policy({ processes: 40 }), tools: { ...tools, identity: { kind: 'userns' } } };
    const spec = prepareShell(dir, { ...shellTools, sandbox: userns }, lab());
    const setpriv = tools.identity.kind === 'setuid' ? tools.identity.setpriv : undefined;
    if (setpriv) await exec('chown', ['-R', `${serverUid}:${serverUid}`, userDir]);
    const asServer = setpriv ? { ...spec, file: setpriv, args: ['--reuid', String(serverUid), '--regid', String(serverUid), '--clear-groups', '--', spec.file, ...spec.args] } : spec;
    const shell = await ShellDriver.start(asServer);
    started.push(shell);
    expect((await shell.run('id -u; kubectl get nodes -o name')).output).toMatch(new RegExp(`^1000\\r?\\n[\\s\\S]*node/${cluster.nodes[0]!.name}`, 'm'));
    expect((await shell.run('unshare -U true')).code).not.toBe(0);
    const forked = await shell.run(`perl -e '${FORK_LOOP}'`);
    expect(Number(/FORKED=(\d+)/.exec(forked.output)?.[1])).toBeLessThan(40);
    expect((await shell.run(`ls ${dataDir}`)).output).toContain('No such file or directory');
  });

  it("hands HOME to the learner's uid without following the learner's links", async () => {
    const uid = sandboxAccount(tools, sessionDir).hostUid;
    if (uid === undefined) return;
    const bait = join(dataDir, 'bait');
    writeFileSync(bait, 'root only', { mode: 0o600 });
    const home = join(dataDir, 'sessions', 'relinked', 'home');
    mkdirSync(home, { recursive: true });
    // A link planted in HOME, found when HOME changes hands.
    symlinkSync(bait, join(home, 'link'));
    const relinked = await startShell(join(dataDir, 'sessions', 'relinked'));
    expect(lstatSync(join(home, 'link')).uid).toBe(sandboxAccount(tools, join(dataDir, 'sessions', 'relinked')).hostUid);
    expect(statSync(bait).uid).toBe(0);
    expect(readFileSync(bait, 'utf8')).toBe('root only');
    await relinked.kill();
  });
});

describe('output flow control', () => {
  const plainShell = (): ShellSpec => ({
    file: 'bash',
    args: ['--noprofile', '--norc', '-i'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), TERM: 'xterm-256color', PS1: '[plain] $ ' },
    cwd: tmpdir(),
  });

  it('holds a flooding program to the byte rate, by pausing it rather than dropping output', async () => {
    const rate = 64 * 1024;
    const terminal = Terminal.start(plainShell(), SIZE, { outputBytesPerSecond: rate, scrollbackChars: 32 * 1024 });
    let bytes = 0;
    let finished = false;
    const counting = terminal.attach({
      data: (chunk) => {
        bytes += Buffer.byteLength(chunk);
        finished ||= chunk.includes('FLOOD-DONE');
      },
      exit: () => {},
    });
    let sawPause = false;
    const watch = setInterval(() => (sawPause ||= terminal.outputPaused), 20);
    const start = performance.now();
    const base = bytes;
    terminal.write('yes | head -c 50000000; echo "FLOOD""-DONE"\r');
    await new Promise((r) => setTimeout(r, 2500));
    const elapsed = (performance.now() - start) / 1000;
    clearInterval(watch);
    // One second of burst, then the rate, plus a read chunk of slack either way.
    expect(bytes - base).toBeLessThanOrEqual(rate + rate * elapsed + 2 * 65536);
    expect(bytes - base).toBeGreaterThan(rate / 2);
    expect(sawPause).toBe(true);
    expect(finished).toBe(false);
    expect(terminal.attach({ data: () => {}, exit: () => {} }).replay.length).toBeLessThanOrEqual(32 * 1024);
    counting.detach();
    // A paused shell still ends at once.
    await terminal.kill();
    expect(terminal.exited).toBe(true);
  });

  it('delivers every byte of a long output', async () => {
    const driver = await ShellDriver.start(plainShell(), { outputBytesPerSecond: 128 * 1024 });
    const from = driver.text.length;
    driver.terminal.write('echo "BEG""IN"; head -c 300000 /dev/zero | tr "\\0" Q; echo; echo "E""ND"\r');
    await driver.waitFor(/BEGIN[\s\S]*END/, from);
    const output = driver.text.slice(from);
    const between = output.slice(output.indexOf('BEGIN'), output.lastIndexOf('END'));
    expect(between.split('Q').length - 1).toBe(300000);
    await driver.kill();
  });
});
