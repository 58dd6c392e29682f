// detectSandbox on this host (bubblewrap installed), without bubblewrap, and where bubblewrap
// cannot create namespaces. The last one cannot happen here (root may always create them), so a
// stand-in bwrap says what Debian's says on such a host, and records how it was called.

import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSandbox } from './sandbox-detect.js';

const DEBIAN_NO_USERNS =
  "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces. On e.g. debian this can be enabled with 'sysctl kernel.unprivileged_userns_clone=1'.";

/** A bwrap that reports `version` and fails every sandbox with `message`, writing its arguments to calls.log. */
function standInBwrap(version: string, message: string): { path: string; calls: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-fake-bwrap-'));
  const script = [
    '#!/bin/sh',
    `if [ "$1" = --version ]; then echo "bubblewrap ${version}"; exit 0; fi`,
    `for a in "$@"; do printf '%s\\n' "$a"; done > "${dir}/calls.log"`,
    `echo "${message.replace(/"/g, '\\"')}" >&2`,
    'exit 1',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'bwrap'), script);
  chmodSync(join(dir, 'bwrap'), 0o755);
  return { path: `${dir}:/usr/bin:/bin`, calls: () => readFileSync(join(dir, 'calls.log'), 'utf8').split('\n').filter(Boolean) };
}

describe('detectSandbox', () => {
  it('finds bubblewrap here and proves it by running a command in the sandbox', async () => {
    const found = await detectSandbox();
    expect(found).toMatchObject({ ok: true, bwrap: expect.stringMatching(/\/bwrap$/), prlimit: expect.stringMatching(/\/prlimit$/) });
    if (!found.ok) return;
    expect(found.identity.kind).toBe(process.getuid?.() === 0 ? 'setuid' : 'userns');
  });

  it('says bubblewrap is missing and how to install it', async () => {
    const found = await detectSandbox({ path: mkdtempSync(join(tmpdir(), 'kubelab-no-bwrap-')) });
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.reason).toMatch(/bubblewrap \(bwrap\) is not installed: no bwrap on PATH/);
    expect(found.fix).toContain('apt-get install bubblewrap');
  });

  it("passes on bubblewrap's own words when it cannot create namespaces, with a fix", async () => {
    const bwrap = standInBwrap('0.8.0', DEBIAN_NO_USERNS);
    const found = await detectSandbox({ path: bwrap.path });
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.reason).toContain('No permissions to creating new namespace');
    // Root needs no user namespace, so there the cause is a container; elsewhere, the sysctls.
    expect(found.fix).toMatch(process.getuid?.() === 0 ? /--privileged/ : /sysctl|root/);
    // The trial ran the learners' sandbox: its namespaces and limits, then a command.
    const calls = bwrap.calls();
    expect(calls).toEqual(expect.arrayContaining(['--die-with-parent', '--unshare-pid', '--proc', '--dev', '--remount-ro', '/usr/bin/prlimit', '/bin/sh']));
    expect(calls.indexOf('--')).toBeLessThan(calls.indexOf('/usr/bin/prlimit'));
  });

  it('refuses a bubblewrap too old for the options the sandbox uses', async () => {
    const found = await detectSandbox({ path: standInBwrap('0.6.1', 'never run').path });
    expect(found).toMatchObject({ ok: false, reason: expect.stringContaining('bubblewrap 0.6.1 at') });
    if (!found.ok) expect(found.fix).toContain('0.8.0 or newer');
  });
});
