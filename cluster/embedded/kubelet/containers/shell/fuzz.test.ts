import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimulatedContainer } from '../container.js';
import { containerOf } from '../test-support.js';
import { runNow } from './drive.js';
import { prepareExec } from './launch.js';

const WORDS = [
  'echo', 'cat', 'ls', '-la', 'grep', '-v', 'root', 'wc', '-l', 'head', '-n', '2', 'tail', 'id', 'whoami', 'env', 'printenv',
  'hostname', 'uname', '-a', 'ps', 'date', '+%s', 'mount', 'sleep', '1000', 'true', 'false', 'exit', '3', 'cd', '..', '/', 'pwd',
  'mkdir', '-p', 'rm', '-rf', 'touch', 'test', '[', ']', '-f', 'sh', '-c', 'bash',
  '/etc/passwd', '/etc/shadow', '/etc/hostname', '/proc/1/cmdline', '/proc/self/environ', '/var/run/secrets/kubernetes.io/serviceaccount/token',
  '/tmp/x', '/dev/null', '/root', '*', '/etc/*', '~', '$HOME', '$?', '$$', '${X:-y}', '${#HOME}', '$(', '`', ')', '(', '{', '}', '$((1+',
  '))', '|', '||', '&&', ';', '&', '>', '>>', '<', '2>&1', '>&2', '"', "'", '\\', '\n', 'if', 'then', 'else', 'fi', 'for', 'in', 'do',
  'done', 'while', 'until', 'export', 'X=1', 'unset', 'set', 'command', '-v', 'type', 'exec', '!',
];

const commandLine = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 14 }).map((words) => words.join(' ')),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((words) => words.join('')),
  fc.string({ maxLength: 60 }),
);

function run(container: SimulatedContainer, argv: string[]): string {
  const prepared = prepareExec(container, { argv, env: container.env, cwd: container.cwd, tty: false });
  if (prepared.kind === 'startFailed') return prepared.message;
  let output = '';
  const sink = { write: (t: string) => void (output += t) };
  const io = { stdout: sink, stderr: sink };
  const status = prepared.kind === 'shell' ? runNow(prepared.shell.runScript('', io)) : runNow(prepared.run(io), 'fuzzed stdin\n');
  expect(Number.isInteger(status) && status >= 0 && status <= 255).toBe(true);
  return output;
}

/**
 * Wall time of the fastest of three runs. The machine is shared: a descheduled or GC-paused run
 * is noise, a hang is slow every time.
 */
function fastestRun(container: SimulatedContainer, argv: string[]): { ms: number; output: string } {
  let best = { ms: Infinity, output: '' };
  for (let attempt = 0; attempt < 3 && best.ms >= 50; attempt++) {
    const started = performance.now();
    const output = run(container, argv);
    const ms = performance.now() - started;
    if (ms < best.ms) best = { ms, output };
  }
  return best;
}

/** Host facts a synthetic container must never reveal. */
function hostSecrets(): string[] {
  const secrets: string[] = [];
  if (hostname().length >= 8) secrets.push(hostname());
  try {
    const passwd = readFileSync('/etc/passwd', 'utf8');
    // Accounts the synthetic images do not have (the host's own users, services...).
    for (const line of passwd.split('\n')) {
      const name = line.split(':')[0];
      if (name && name.length >= 5 && !['daemon', 'games', 'proxy', 'backup', 'nobody', 'operator', 'www-data', 'nogroup', 'shutdown', 'nonroot'].includes(name)) secrets.push(`${name}:x:`);
    }
  } catch {
    // No readable host passwd: nothing to compare against.
  }
  return secrets;
}

describe('the interpreter under fuzzed command lines', () => {
  const containers = ['web', 'nginx', 'tty'].map((name) => containerOf(name));
  const secrets = hostSecrets();

  // Warm the JIT once so timings measure the interpreter, not the first compilation.
  for (const c of containers) run(c, ['sh', '-c', 'while true; do echo x | grep x >/dev/null; done; ls -la /; cat /etc/*']);

  it('never throws, always ends within 50 ms, and shows nothing of the host', () => {
    fc.assert(
      fc.property(commandLine, fc.constantFrom(0, 1, 2), fc.boolean(), (line, index, viaBash) => {
        const container = containers[index]!;
        const argv = viaBash && index === 1 ? ['bash', '-c', line] : ['sh', '-c', line];
        const { ms, output } = fastestRun(container, argv);
        expect(ms).toBeLessThan(50);
        for (const secret of secrets) expect(output).not.toContain(secret);
      }),
      { numRuns: 400 },
    );
  });

  it('gives exec-style argv (no shell) the same guarantees', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { minLength: 0, maxLength: 6 }), (argv) => {
        expect(fastestRun(containers[0]!, argv).ms).toBeLessThan(50);
      }),
      { numRuns: 200 },
    );
  });

  it('serves its own /etc/passwd, not the host file', () => {
    const hostPasswd = (() => {
      try {
        return readFileSync('/etc/passwd', 'utf8');
      } catch {
        return undefined;
      }
    })();
    // Fresh containers: the fuzzed command lines above may well have run `rm -rf /etc/*`.
    for (const c of ['web', 'nginx', 'tty'].map((name) => containerOf(name))) {
      const passwd = run(c, ['cat', '/etc/passwd']);
      expect(passwd).toBe(c.family.passwd + (c.profile.users?.passwd ?? ''));
      if (hostPasswd !== undefined) expect(passwd).not.toBe(hostPasswd);
    }
  });
});
