// `kubelab doctor` on fake hosts: a PATH with or without each tool, Docker up or down, kind old or
// new, cgroup v1 or v2, little or plenty of memory. The verdicts and the fixes a user reads.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorReport } from '../../cluster/kind/host-doctor.js';
import { doctor, renderReport } from '../../cli/commands/doctor.js';
import { fakeHost, type FakeHost } from './fake-host.js';

function meminfo(host: FakeHost, kb: number): string {
  const path = join(host.root, 'meminfo');
  writeFileSync(path, `MemTotal:       24684200 kB\nMemFree:        1000 kB\nMemAvailable:   ${kb} kB\n`);
  return path;
}

async function diagnose(host: FakeHost, memKb = 16_000_000): Promise<DoctorReport> {
  return runDoctor({ env: host.env, dataDir: join(host.root, 'data'), meminfoPath: meminfo(host, memKb), cgroupRoot: join(host.root, 'no-cgroup') });
}

const check = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id)!;

describe('doctor verdicts', () => {
  it('everything present: both runtimes usable, every version of kind usable', async () => {
    const report = await diagnose(fakeHost());
    expect(report.embedded).toEqual({ usable: true, blockedBy: [] });
    expect(report.kind.usable).toBe(true);
    expect(Object.values(report.kind.versions).every((v) => v.usable)).toBe(true);
    expect(check(report, 'docker')).toMatchObject({ status: 'ok', detail: 'daemon 28.2.2 (Debian GNU/Linux 13 (trixie), cgroup v2)' });
    expect(check(report, 'kind')).toMatchObject({ status: 'ok', detail: 'v0.32.0' });
    expect(check(report, 'kubectl').status).toBe('ok');
    expect(check(report, 'cgroup')).toMatchObject({ status: 'ok', detail: 'the Docker host runs cgroup v2' });
  });

  it('no Docker, no kind: embedded still usable, kind not, with what to install', async () => {
    const report = await diagnose(fakeHost(['kubectl', 'jq', 'curl']));
    expect(report.embedded.usable).toBe(true);
    expect(report.kind).toMatchObject({ usable: false, blockedBy: ['Docker', 'kind'] });
    expect(check(report, 'docker')).toMatchObject({ status: 'fail', detail: 'the docker command is not installed', fix: expect.stringContaining('install Docker Engine') });
    expect(check(report, 'kind')).toMatchObject({ status: 'fail', fix: expect.stringContaining('install kind') });
  });

  it('jq and curl missing block both runtimes: learners need them in their shell', async () => {
    const report = await diagnose(fakeHost(['kubectl', 'kind', 'docker']));
    expect(report.embedded).toEqual({ usable: false, blockedBy: ['jq', 'curl'] });
    expect(report.kind.usable).toBe(false);
    expect(check(report, 'jq').fix).toContain('apt-get install jq');
  });

  it('no kubectl is only a warning: kubelab installs one from the npm registry', async () => {
    const report = await diagnose(fakeHost(['jq', 'curl']));
    expect(check(report, 'kubectl')).toMatchObject({ status: 'warn', fix: expect.stringContaining('npm registry') });
    expect(report.embedded.usable).toBe(true);
  });

  it('Docker daemon down: docker\'s own reason and how to start it', async () => {
    const report = await diagnose(fakeHost(undefined, { docker: 'down' }));
    expect(check(report, 'docker')).toMatchObject({
      status: 'fail',
      detail: 'the Docker daemon cannot be reached (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)',
      fix: expect.stringContaining('start the Docker daemon'),
    });
    expect(report.kind.usable).toBe(false);
  });

  it('old kind on a cgroup v1 host: only v1.31 is usable, and each version says why not', async () => {
    const report = await diagnose(fakeHost(undefined, { kindVersion: 'v0.31.0', cgroupVersion: '1' }));
    expect(report.kind.usable).toBe(true);
    expect(report.kind.versions['1.31']).toEqual({ usable: true, problems: [] });
    expect(report.kind.versions['1.33'].problems).toEqual([expect.stringContaining('kind v0.31.0 is too old for kindest/node:v1.33.12@sha256:')]);
    expect(report.kind.versions['1.36'].problems).toHaveLength(2);
    expect(report.kind.versions['1.36'].problems[1]).toContain('needs cgroup v2');
    expect(check(report, 'cgroup')).toMatchObject({ status: 'warn', detail: expect.stringContaining('the Docker host runs cgroup v1') });
  });

  it('memory: tight is a warning for kind, too little blocks the lab', async () => {
    expect(check(await diagnose(fakeHost(), 1_200_000), 'memory')).toMatchObject({ status: 'warn', detail: expect.stringContaining('tight for one kind cluster') });
    const starved = await diagnose(fakeHost(), 200_000);
    expect(check(starved, 'memory').status).toBe('fail');
    expect(starved.embedded.blockedBy).toEqual(['free memory']);
  });
});

describe('kubelab doctor (command)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  async function runCommand(host: FakeHost, argv: Record<string, unknown>): Promise<{ code: number; out: string[] }> {
    process.env = { ...host.env, KUBELAB_DATA_DIR: join(host.root, 'data') };
    const out: string[] = [];
    const code = await doctor.run(argv, [], { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, out };
  }

  it('exits 0 without Docker (embedded usable) and says separately that kind is not', async () => {
    const { code, out } = await runCommand(fakeHost(['kubectl', 'jq', 'curl']), {});
    expect(code).toBe(0);
    expect(out).toContain('Embedded runtime: usable.');
    expect(out).toContain('kind runtime: NOT usable (Docker, kind).');
    expect(out).toContain(' ✗ Docker: the docker command is not installed');
    expect(out.some((l) => l.startsWith('     fix: install Docker Engine'))).toBe(true);
  });

  it('exits 1 when the embedded runtime cannot work, and --json carries the same report', async () => {
    const { code, out } = await runCommand(fakeHost(['kubectl']), { json: true });
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n')) as DoctorReport;
    expect(report.embedded.blockedBy).toEqual(['jq', 'curl']);
    expect(renderReport(report)).toContain('Embedded runtime: NOT usable (jq, curl).');
  });
});
