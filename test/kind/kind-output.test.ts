// Reading what kind and docker print: kind's status lines (plain and coloured), its errors,
// `kind version`, curl's header dump, kubectl's watch stream, and the audit log.

import { describe, expect, it } from 'vitest';
import { KindOutputParser, stageName } from '../../cluster/kind/kind-progress.js';
import { atLeast, parseKindVersion, releaseVersion } from '../../cluster/kind/kind-version.js';
import { curlConfig, parseCurlDump } from '../../cluster/kind/kubelet-transport.js';
import { jsonObjectSplitter, RbacMirror, watchArgs } from '../../cluster/kind/rbac-mirror.js';
import { resourceKey } from '../../cluster/embedded/apiserver/storage/store.js';
import type { Progress } from '../../cluster/provider.js';

function parseAll(lines: string[]): { events: string[]; parser: KindOutputParser } {
  const events: Progress[] = [];
  const parser = new KindOutputParser((p) => events.push(p));
  for (const line of lines) parser.line(line);
  return { events: events.map((e) => `${e.state}:${e.stage}`), parser };
}

describe('kind status lines', () => {
  it('plain output (no terminal): start and end of each stage', () => {
    const { events, parser } = parseAll(['Creating cluster "kubelab-a" ...', ' • Ensuring node image (kindest/node:v1.33.12) 🖼  ...', ' ✓ Ensuring node image (kindest/node:v1.33.12) 🖼', ' • Preparing nodes 📦 📦   ...', ' ✓ Preparing nodes 📦 📦 ', 'Set kubectl context to "kind-kubelab-a"']);
    expect(events).toEqual(['start:Ensuring node image (kindest/node:v1.33.12)', 'done:Ensuring node image (kindest/node:v1.33.12)', 'start:Preparing nodes', 'done:Preparing nodes']);
    expect(parser.error).toBeUndefined();
  });

  it('terminal output: coloured end lines only', () => {
    const { events } = parseAll([' \x1b[32m✓\x1b[0m Starting control-plane 🕹️', ' \x1b[31m✗\x1b[0m Installing CNI 🔌']);
    expect(events).toEqual(['done:Starting control-plane', 'failed:Installing CNI']);
  });

  it('a failure: the ✗ stage, kind\'s error and the failed command\'s output', () => {
    const { parser } = parseAll([
      ' • Starting control-plane 🕹️  ...',
      ' ✗ Starting control-plane 🕹️',
      'Deleted nodes: ["kubelab-a-control-plane"]',
      'ERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged kubelab-a-control-plane kubeadm init" failed with error: exit status 1',
      'Command Output: W0101 config.go:1] something',
      'error execution phase wait-control-plane',
    ]);
    expect(parser.failedStage).toBe('Starting control-plane');
    expect(parser.error).toBe(
      'failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged kubelab-a-control-plane kubeadm init" failed with error: exit status 1\nCommand Output: W0101 config.go:1] something\nerror execution phase wait-control-plane',
    );
  });

  it('the wait running out is noticed although kind exits 0', () => {
    const { parser, events } = parseAll([' • Waiting ≤ 30s for control-plane = Ready ⏳  ...', ' ✗ Waiting ≤ 30s for control-plane = Ready ⏳', ' • WARNING: Timed out waiting for Ready ⚠️']);
    expect(parser.waitTimedOut).toBe(true);
    expect(events).toEqual(['start:Waiting ≤ 30s for control-plane = Ready', 'failed:Waiting ≤ 30s for control-plane = Ready']);
  });

  it('kind dying mid-stage leaves that stage failed', () => {
    const events: Progress[] = [];
    const parser = new KindOutputParser((p) => events.push(p));
    parser.line(' • Installing CNI 🔌  ...');
    parser.abandon('killed');
    expect(events.at(-1)).toMatchObject({ stage: 'Installing CNI', state: 'failed', detail: 'killed' });
    expect(parser.failedStage).toBe('Installing CNI');
  });

  it('stage names lose icons, keep ≤', () => {
    expect(stageName('Waiting ≤ 3m0s for control-plane = Ready ⏳')).toBe('Waiting ≤ 3m0s for control-plane = Ready');
    expect(stageName('Starting control-plane 🕹️')).toBe('Starting control-plane');
  });
});

describe('kind version', () => {
  it('parses releases and pre-releases, and compares them with the minimum', () => {
    const release = parseKindVersion('kind v0.32.0 go1.24.2 linux/amd64\n')!;
    expect(release).toMatchObject({ text: 'v0.32.0', minor: 32, preRelease: '' });
    const pre = parseKindVersion('kind v0.33.0-alpha.12+0123456789abcd go1.25.0 linux/arm64')!;
    expect(pre).toMatchObject({ text: 'v0.33.0-alpha.12+0123456789abcd', minor: 33, preRelease: 'alpha.12' });
    expect(parseKindVersion('Client Version: v1.33.1')).toBeUndefined();
    expect(atLeast(release, releaseVersion('v0.32.0'))).toBe(true);
    expect(atLeast(release, releaseVersion('v0.31.0'))).toBe(true);
    expect(atLeast(parseKindVersion('kind v0.31.0 go1.24 linux/amd64')!, releaseVersion('v0.32.0'))).toBe(false);
    expect(atLeast(parseKindVersion('kind v0.32.0-alpha.3 go1.24 linux/amd64')!, releaseVersion('v0.32.0'))).toBe(false);
    expect(atLeast(pre, releaseVersion('v0.32.0'))).toBe(true);
  });
});

describe('kubelet calls through docker exec', () => {
  const node = { name: 'n', role: 'worker' as const, internalIP: '172.18.0.3', kubeletPort: 10250 };

  it('curl config quotes what it must', () => {
    const config = curlConfig(node, { method: 'POST', path: '/run/ns/p/c?cmd=id', headers: { Authorization: 'Bearer a"b\\c' }, body: 'x\ny' });
    expect(config).toContain('request = "POST"');
    expect(config).toContain('url = "https://127.0.0.1:10250/run/ns/p/c?cmd=id"');
    expect(config).toContain('header = "Authorization: Bearer a\\"b\\\\c"');
    expect(config).toContain('data-raw = "x\\ny"');
  });

  it('parses curl\'s header dump, skipping 100 Continue', () => {
    const response = parseCurlDump('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n\r\nForbidden (user=system:anonymous, verb=get, resource=nodes, subresource(s)=[pods proxy])\n');
    expect(response).toEqual({
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      body: 'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource(s)=[pods proxy])\n',
    });
    expect(() => parseCurlDump('curl: (7) Failed to connect')).toThrow('unexpected curl output');
  });
});

describe('RBAC mirror', () => {
  it('splits kubectl\'s pretty-printed watch stream, whatever the chunking', () => {
    const objects: string[] = [];
    const split = jsonObjectSplitter((t) => objects.push(t));
    const stream = '{\n  "type": "ADDED",\n  "object": {"metadata": {"name": "a}{"}}\n}\n{"type":"DELETED","object":{"metadata":{"name":"b\\"}"}}}\n';
    for (let i = 0; i < stream.length; i += 7) split(stream.slice(i, i + 7));
    expect(objects.map((o) => (JSON.parse(o) as { object: { metadata: { name: string } } }).object.metadata.name)).toEqual(['a}{', 'b"}']);
  });

  it('applies watch events to the store the access matrix reads', () => {
    const mirror = new RbacMirror('kubectl', '/kc');
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'ns' }, rules: [] };
    mirror.apply('roles', { type: 'ADDED', object: role });
    mirror.apply('roles', { type: 'MODIFIED', object: { ...role, rules: [{ verbs: ['get'] }] } as never });
    const key = resourceKey('rbac.authorization.k8s.io', 'roles');
    expect(mirror.store.list(key)).toHaveLength(1);
    expect((mirror.store.get(key, 'ns', 'r') as unknown as { rules: unknown[] }).rules).toEqual([{ verbs: ['get'] }]);
    mirror.apply('roles', { type: 'DELETED', object: role });
    expect(mirror.store.list(key)).toEqual([]);
    expect(watchArgs('/kc', 'roles')).toEqual(['--kubeconfig', '/kc', 'get', 'roles.rbac.authorization.k8s.io', '--all-namespaces', '--watch', '--output-watch-events', '-o', 'json']);
  });
});
