import { describe, expect, it } from 'vitest';
import type { SimulatedContainer } from '../container.js';
import { FAMILIES } from '../image/families.js';
import { cluster, containerOf, pod } from '../test-support.js';
import { runNow } from './drive.js';
import { prepareExec } from './launch.js';

interface Result {
  stdout: string;
  stderr: string;
  status: number;
}

/** Runs argv in the container as an exec would (no tty, empty stdin). */
function exec(container: SimulatedContainer, argv: string[]): Result {
  const prepared = prepareExec(container, { argv, env: container.env, cwd: container.cwd, tty: false });
  if (prepared.kind === 'startFailed') return { stdout: '', stderr: prepared.message, status: -1 };
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => void (stdout += t) }, stderr: { write: (t: string) => void (stderr += t) } };
  const status = prepared.kind === 'shell' ? runNow(prepared.shell.runScript('', io)) : runNow(prepared.run(io));
  return { stdout, stderr, status };
}

const sh = (container: SimulatedContainer, script: string) => exec(container, ['sh', '-c', script]);

describe('shell language', () => {
  const web = containerOf('web');

  it('runs pipelines, lists and substitutions', () => {
    expect(sh(web, 'echo $GREETING | wc -c')).toEqual({ stdout: '6\n', stderr: '', status: 0 });
    expect(sh(web, 'false && echo no || echo yes; echo "status $?"').stdout).toBe('yes\nstatus 0\n');
    expect(sh(web, 'echo "$(hostname)-$((6*7))" ${UNSET:-fallback} ${#GREETING}').stdout).toBe('web-42 fallback 5\n');
    expect(sh(web, "X='a  b'; echo $X \"$X\"").stdout).toBe('a b a  b\n');
  });

  it('keeps files written by one exec for the next (the container is writable)', () => {
    const container = containerOf('web');
    expect(sh(container, 'echo secret > /tmp/note && echo more >> /tmp/note').status).toBe(0);
    expect(exec(container, ['cat', '/tmp/note']).stdout).toBe('secret\nmore\n');
    expect(sh(container, 'cat /tmp/note | grep -c e').stdout).toBe('2\n');
  });

  it('redirects to /dev/null and merges stderr into stdout', () => {
    expect(sh(web, 'ls /nope 2>/dev/null; echo $?')).toEqual({ stdout: '1\n', stderr: '', status: 0 });
    expect(sh(web, 'cat /nope 2>&1 | wc -l').stdout).toBe('1\n');
  });

  it('supports if, for and while, and stops runaway loops', () => {
    expect(sh(web, 'for f in /etc/host*; do echo $f; done').stdout).toBe('/etc/hostname\n/etc/hosts\n');
    expect(sh(web, 'if [ -f /etc/passwd ]; then echo file; else echo none; fi').stdout).toBe('file\n');
    expect(sh(web, 'while true; do :; done; echo after').stdout).toBe('after\n');
  });

  it('exits with the status of exit N and of the last command', () => {
    expect(sh(web, 'exit 7').status).toBe(7);
    expect(sh(web, 'echo hi; false').status).toBe(1);
    expect(sh(web, 'exit 300').status).toBe(44);
  });
});

describe('each image family speaks its own shell and userland', () => {
  const busybox = containerOf('web');
  const debian = containerOf('nginx');

  it('reports unknown commands as busybox ash, dash and bash do', () => {
    expect(sh(busybox, 'foo')).toMatchObject({ stderr: 'sh: foo: not found\n', status: 127 });
    expect(sh(debian, 'foo')).toMatchObject({ stderr: 'sh: 1: foo: not found\n', status: 127 });
    expect(exec(debian, ['bash', '-c', 'true\nfoo'])).toMatchObject({ stderr: 'bash: line 2: foo: command not found\n', status: 127 });
  });

  it('words file errors as BusyBox or GNU coreutils', () => {
    expect(sh(busybox, 'cat /nope')).toMatchObject({ stderr: "cat: can't open '/nope': No such file or directory\n", status: 1 });
    expect(sh(debian, 'cat /nope')).toMatchObject({ stderr: 'cat: /nope: No such file or directory\n', status: 1 });
    expect(sh(busybox, 'ls /nope')).toMatchObject({ stderr: 'ls: /nope: No such file or directory\n', status: 1 });
    expect(sh(debian, 'ls /nope')).toMatchObject({ stderr: "ls: cannot access '/nope': No such file or directory\n", status: 2 });
  });

  it('reports syntax errors and failed redirections in the shell of the image', () => {
    expect(sh(busybox, "echo 'open")).toMatchObject({ stderr: 'sh: syntax error: unterminated quoted string\n', status: 2 });
    expect(sh(debian, 'if true; then echo')).toMatchObject({ stderr: 'sh: 1: Syntax error: end of file unexpected (expecting "fi")\n', status: 2 });
    expect(exec(debian, ['bash', '-c', 'echo )'])).toMatchObject({
      stderr: "bash: -c: line 1: syntax error near unexpected token `)'\nbash: -c: line 1: `echo )'\n",
      status: 2,
    });
    expect(sh(busybox, 'echo x > /proc/x')).toMatchObject({ stderr: "sh: can't create /proc/x: Read-only file system\n", status: 2 });
    expect(exec(debian, ['bash', '-c', 'echo x > /nope/x'])).toMatchObject({ stderr: 'bash: line 1: /nope/x: No such file or directory\n', status: 1 });
  });

  it('has no shell at all in a distroless image', () => {
    const result = exec(containerOf('dns'), ['sh', '-c', 'id']);
    expect(result.status).toBe(-1);
    expect(result.stderr).toMatch(/^failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown$/);
  });

  it('ships the programs of its family only (no ps in Debian images)', () => {
    expect(sh(busybox, 'ps').stdout).toMatch(/^PID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}0:00 sh -c echo started; sleep 5; echo ready; sleep 3600\n/);
    expect(sh(debian, 'ps')).toMatchObject({ stderr: 'sh: 1: ps: not found\n', status: 127 });
  });
});

describe('the container as the kubelet and runtime set it up', () => {
  const web = containerOf('web');

  it('shows the pod hostname, the kubelet-managed hosts file and cluster DNS', () => {
    expect(exec(web, ['cat', '/etc/hostname']).stdout).toBe('web\n');
    expect(exec(web, ['cat', '/etc/hosts']).stdout).toContain('# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n');
    expect(exec(web, ['cat', '/etc/hosts']).stdout).toMatch(/\n10\.244\.1\.7\tweb\n$/);
    expect(exec(web, ['cat', '/etc/resolv.conf']).stdout).toBe('search team-a.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('has synthetic /etc files for its family, never the host ones', () => {
    expect(exec(web, ['cat', '/etc/passwd']).stdout).toBe(FAMILIES.busybox.passwd);
    expect(exec(containerOf('nginx'), ['cat', '/etc/os-release']).stdout).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect(exec(containerOf('tty'), ['cat', '/etc/os-release']).stdout).toContain('ID=alpine');
    expect(exec(web, ['cat', '/etc/os-release']).status).toBe(1);
  });

  it('shows the main process command line in /proc/1/cmdline', () => {
    expect(exec(web, ['cat', '/proc/1/cmdline']).stdout).toBe('sh\0-c\0echo started; sleep 5; echo ready; sleep 3600\0');
    expect(exec(containerOf('nginx'), ['cat', '/proc/1/cmdline']).stdout).toBe('nginx: master process nginx -g daemon off;\0');
  });

  it('injects the service environment, HOSTNAME, the image PATH and HOME', () => {
    const env = exec(web, ['env']).stdout.split('\n');
    expect(env.slice(0, 3)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=web', 'GREETING=hello']);
    expect(env).toEqual(expect.arrayContaining(['KUBERNETES_SERVICE_HOST=10.96.0.1', 'KUBERNETES_SERVICE_PORT=443', 'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443', 'HOME=/root']));
    expect(exec(web, ['printenv', 'KUBERNETES_SERVICE_PORT_HTTPS']).stdout).toBe('443\n');
  });

  it('mounts the projected ServiceAccount volume read-only', () => {
    expect(exec(web, ['ls', '/var/run/secrets/kubernetes.io/serviceaccount']).stdout).toBe('ca.crt\nnamespace\ntoken\n');
    expect(exec(web, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).stdout).toBe('team-a');
    expect(sh(web, 'echo x > /var/run/secrets/kubernetes.io/serviceaccount/token').stderr).toBe(
      "sh: can't create /var/run/secrets/kubernetes.io/serviceaccount/token: Read-only file system\n",
    );
    expect(exec(web, ['mount']).stdout).toContain('tmpfs on /var/run/secrets/kubernetes.io/serviceaccount type tmpfs (ro,');
  });

  it('runs as the user of the security context', () => {
    const c = cluster([pod('web', { name: 'shell', image: 'busybox', securityContext: { runAsUser: 1000, readOnlyRootFilesystem: true } })]);
    const restricted = containerOf('web', c);
    expect(exec(restricted, ['id']).stdout).toBe('uid=1000 gid=0(root) groups=0(root)\n');
    expect(exec(restricted, ['whoami'])).toMatchObject({ stderr: 'whoami: unknown uid 1000\n', status: 1 });
    expect(exec(restricted, ['touch', '/tmp/x'])).toMatchObject({ stderr: 'touch: /tmp/x: Read-only file system\n', status: 1 });
    expect(exec(containerOf('web'), ['id']).stdout).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
  });
});
