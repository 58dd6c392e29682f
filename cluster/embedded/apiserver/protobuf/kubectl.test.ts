// Fidelity against the real kubectl binaries: kubectl 1.31 writes JSON, 1.32+ protobuf. Every
// protobuf body must decode to exactly the JSON 1.31 sends for the same command, and kubectl
// must accept our protobuf answers (its -o json output shows what it read back).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOBUF_CONTENT_TYPE, decodeKubernetesProtobuf } from './codec.js';
import { startFakeApiServer, type FakeApiServer, type Objects, type RecordedWrite } from './test-support/fake-apiserver.js';

const KUBECTL_DIR = '/usr/lib/google-cloud-sdk/bin';
const VERSIONS = ['1.31', '1.32', '1.33'] as const;
type Version = (typeof VERSIONS)[number];
const kubectlPath = (v: Version): string => join(KUBECTL_DIR, `kubectl.${v}`);
const available = VERSIONS.filter((v) => existsSync(kubectlPath(v)));
const missing = VERSIONS.filter((v) => !available.includes(v));
const protobufVersions = available.filter((v) => v !== '1.31');
const hasJsonBaseline = available.includes('1.31');

if (missing.length) console.warn(`kubectl.test: skipping versions without a binary in ${KUBECTL_DIR}: ${missing.join(', ')}`);

const scratch = mkdtempSync(join(tmpdir(), 'kubelab-protobuf-'));
const binaryFile = join(scratch, 'blob.bin');
writeFileSync(binaryFile, Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256)));

interface Command {
  name: string;
  args: string[];
  /** Prints the server's answer as JSON: proves kubectl decoded our protobuf response. */
  printsObject?: boolean;
  stdout?: RegExp;
}

// -o goes before any `--`, after which kubectl passes arguments to the container.
const create = (name: string, subcommand: string, ...args: string[]): Command => ({
  name,
  args: ['create', subcommand, '-o', 'json', ...args],
  printsObject: true,
});

const COMMANDS: Command[] = [
  create('clusterrole (server dry run)', 'clusterrole', 'node-proxy', '--verb=get', '--resource=nodes/proxy', '--resource-name=n1', '--dry-run=server'),
  create('clusterrole with non-resource URL', 'clusterrole', 'health', '--verb=get', '--non-resource-url=/healthz'),
  create('aggregated clusterrole', 'clusterrole', 'agg', '--aggregation-rule=rbac.example.com/aggregate=true'),
  create('role', 'role', 'pod-reader', '-n', 'dev', '--verb=get,list', '--resource=pods,deployments.apps'),
  create('clusterrolebinding', 'clusterrolebinding', 'b1', '--clusterrole=view', '--serviceaccount=dev:sa1', '--user=bob', '--group=devs'),
  create('rolebinding', 'rolebinding', 'rb1', '-n', 'dev', '--role=pod-reader', '--user=alice'),
  create('serviceaccount', 'sa', 'sa2', '-n', 'dev'),
  create('namespace', 'ns', 'prod'),
  create('generic secret', 'secret', 'generic', 's1', '-n', 'dev', '--from-literal=a=b', '--from-literal=empty=', '--type=Opaque'),
  create('docker-registry secret', 'secret', 'docker-registry', 'reg', '--docker-server=r.example.com', '--docker-username=u', '--docker-password=p'),
  create('configmap', 'configmap', 'cm1', '-n', 'dev', '--from-literal=k=v', `--from-file=blob=${binaryFile}`),
  create('token', 'token', 'sa1', '-n', 'dev'),
  create('bound token', 'token', 'sa1', '-n', 'dev', '--duration=10m', '--audience=foo', '--audience=bar', '--bound-object-kind=Pod', '--bound-object-name=p1', '--bound-object-uid=123'),
  { name: 'token (printed)', args: ['create', 'token', 'sa1', '-n', 'dev'], stdout: /^fake\.jwt\.token$/ },
  create('deployment with zero replicas', 'deployment', 'web', '--image=nginx', '--replicas=0', '--port=80'),
  create('job', 'job', 'j1', '--image=busybox', '--', 'echo', 'hi'),
  create('cronjob', 'cronjob', 'c1', '--image=busybox', '--schedule=*/5 * * * *', '--restart=OnFailure', '--', 'date'),
  create('clusterip service', 'service', 'clusterip', 'svc1', '--tcp=80:8080', '--tcp=443:https'),
  create('nodeport service', 'service', 'nodeport', 'np1', '--tcp=80:8080', '--node-port=30080'),
  create('externalname service', 'service', 'externalname', 'ext1', '--external-name=example.com'),
  create('ingress', 'ingress', 'ing1', '--class=nginx', '--rule=foo.com/bar=svc:80', '--rule=b.com/*=s2:http,tls=sec', '--default-backend=def:80'),
  create('priorityclass with value 0', 'priorityclass', 'p0', '--value=0'),
  create('priorityclass', 'priorityclass', 'high', '--value=1000', '--global-default', '--description=hi', '--preemption-policy=Never'),
  create('quota', 'quota', 'q1', '--hard=pods=2,cpu=1,memory=1Gi', '--scopes=BestEffort'),
  create('poddisruptionbudget (percent)', 'poddisruptionbudget', 'pdb1', '--selector=app=x', '--min-available=50%'),
  create('poddisruptionbudget (count)', 'poddisruptionbudget', 'pdb2', '--selector=app=x', '--max-unavailable=1'),
  { name: 'can-i nodes/proxy', args: ['auth', 'can-i', 'get', 'nodes', '--subresource=proxy'], stdout: /^yes$/ },
  { name: 'can-i non-resource', args: ['auth', 'can-i', 'get', '/healthz'], stdout: /^yes$/ },
  { name: 'can-i all namespaces', args: ['auth', 'can-i', 'list', 'pods', '-A'], stdout: /^yes$/ },
  { name: 'can-i --list', args: ['auth', 'can-i', '--list', '-n', 'dev'], stdout: /^pods\s+\[\]\s+\[\]\s+\[get list\]$/m },
  { name: 'whoami', args: ['auth', 'whoami', '-o', 'json'], printsObject: true },
];

const CREATED_AT = '2026-01-02T03:04:05Z';

/** The fake server's answers: what a real API server adds to each kind. */
function respond(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = { ...(object.metadata as object), uid: 'uid-1', resourceVersion: '42', creationTimestamp: CREATED_AT };
  const answer = { ...object, metadata };
  switch (object.kind) {
    case 'SelfSubjectAccessReview':
      return { ...answer, status: { allowed: true, reason: 'allowed by the fake server' } };
    case 'SelfSubjectRulesReview':
      return {
        ...answer,
        status: {
          resourceRules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }],
          nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
          incomplete: false,
        },
      };
    case 'SelfSubjectReview':
      return {
        ...answer,
        status: {
          userInfo: {
            username: 'alice',
            uid: 'u-1',
            groups: ['devs', 'system:authenticated'],
            extra: { 'authentication.kubernetes.io/credential-id': ['JTI=abc'] },
          },
        },
      };
    case 'TokenRequest':
      return { ...answer, status: { token: 'fake.jwt.token', expirationTimestamp: '2026-01-02T04:04:05Z' } };
    default:
      return answer;
  }
}

const NODE_PROXY_ROLE = {
  kind: 'ClusterRole',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  metadata: { name: 'node-proxy', uid: 'uid-2', resourceVersion: '7', creationTimestamp: CREATED_AT, labels: { team: 'sec' } },
  rules: [
    { verbs: ['get', 'create'], apiGroups: [''], resources: ['nodes/proxy'] },
    { verbs: ['get'], nonResourceURLs: ['/metrics'] },
  ],
};
const OBJECTS: Objects = { '/apis/rbac.authorization.k8s.io/v1/clusterroles/node-proxy': NODE_PROXY_ROLE };

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
  writes: RecordedWrite[];
  reads: FakeApiServer['reads'];
}

function runKubectl(version: Version, server: FakeApiServer, cacheDir: string, args: string[]): Promise<Run> {
  server.reset();
  return new Promise((resolve) => {
    execFile(
      kubectlPath(version),
      [`--server=${server.url}`, `--cache-dir=${cacheDir}`, ...args],
      { timeout: 30_000, env: { ...process.env, KUBECONFIG: join(scratch, 'no-kubeconfig') } },
      (err, stdout, stderr) => {
        const exitCode = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ exitCode, stdout, stderr, writes: [...server.writes], reads: [...server.reads] });
      },
    );
  });
}

const runs = new Map<Version, Map<string, Run>>();
const describeRuns = new Map<Version, Run>();

beforeAll(async () => {
  await Promise.all(
    available.map(async (version) => {
      const server = await startFakeApiServer(respond, OBJECTS);
      const cacheDir = join(scratch, `cache-${version}`);
      const byCommand = new Map<string, Run>();
      try {
        for (const command of COMMANDS) byCommand.set(command.name, await runKubectl(version, server, cacheDir, command.args));
        describeRuns.set(version, await runKubectl(version, server, cacheDir, ['describe', 'clusterrole', 'node-proxy']));
      } finally {
        await server.close();
      }
      runs.set(version, byCommand);
    }),
  );
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(version: Version, command: Command): Run {
  return runs.get(version)!.get(command.name)!;
}

function onlyWrite(r: Run): RecordedWrite {
  expect(r.writes, `kubectl stderr: ${r.stderr}`).toHaveLength(1);
  return r.writes[0]!;
}

function writtenObject(w: RecordedWrite): Record<string, unknown> {
  return w.contentType === PROTOBUF_CONTENT_TYPE
    ? decodeKubernetesProtobuf(w.body).object
    : (JSON.parse(w.body.toString('utf8')) as Record<string, unknown>);
}

describe.skipIf(available.length === 0)('real kubectl against a fake API server', () => {
  describe.each(COMMANDS)('kubectl $name', (command) => {
    it.skipIf(!hasJsonBaseline)('kubectl 1.31 writes JSON', () => {
      const write = onlyWrite(run('1.31', command));
      expect(write.contentType).toBe('application/json');
    });

    it.skipIf(protobufVersions.length === 0)('kubectl 1.32+ writes protobuf that our decoder reads', () => {
      for (const version of protobufVersions) {
        const write = onlyWrite(run(version, command));
        expect(write.contentType, `kubectl ${version}`).toBe(PROTOBUF_CONTENT_TYPE);
        expect(write.accept, `kubectl ${version}`).toBe(`${PROTOBUF_CONTENT_TYPE},application/json`);
        expect(write.decodeError, `kubectl ${version}`).toBeUndefined();
      }
    });

    it.skipIf(!hasJsonBaseline || protobufVersions.length === 0)('decodes to exactly the JSON kubectl 1.31 sends', () => {
      const baseline = writtenObject(onlyWrite(run('1.31', command)));
      for (const version of protobufVersions) {
        const decoded = writtenObject(onlyWrite(run(version, command)));
        // Serialized, so Go's field order is compared too.
        expect(JSON.stringify(decoded), `kubectl ${version}`).toBe(JSON.stringify(baseline));
      }
    });

    it('kubectl accepts the answer (protobuf for 1.32+) and shows what we sent', () => {
      for (const version of available) {
        const r = run(version, command);
        expect(r.exitCode, `kubectl ${version}: ${r.stderr}`).toBe(0);
        if (command.stdout) expect(r.stdout.trim(), `kubectl ${version}`).toMatch(command.stdout);
        if (command.printsObject) {
          const printed = JSON.parse(r.stdout) as unknown;
          expect(printed, `kubectl ${version}`).toEqual(respond(writtenObject(onlyWrite(r))));
        }
      }
    });
  });

  it('kubectl run still sends JSON (unstructured client), so Pod needs no protobuf schema', async () => {
    const version = protobufVersions.at(-1);
    if (!version) return;
    const server = await startFakeApiServer(respond);
    try {
      const r = await runKubectl(version, server, join(scratch, 'cache-run'), ['run', 'p1', '--image=nginx']);
      expect(onlyWrite(r).contentType).toBe('application/json');
    } finally {
      await server.close();
    }
  });

  it.skipIf(protobufVersions.length === 0)('kubectl describe reads an object we answer in protobuf', () => {
    for (const version of protobufVersions) {
      const r = describeRuns.get(version)!;
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.reads.some((read) => read.answeredWith === PROTOBUF_CONTENT_TYPE), `kubectl ${version}`).toBe(true);
      expect(r.stdout).toMatch(/^Labels:\s+team=sec$/m);
      expect(r.stdout).toMatch(/^\s+nodes\/proxy\s+\[\]\s+\[\]\s+\[get create\]$/m);
      expect(r.stdout).toMatch(/^\s+\[\/metrics\]\s+\[\]\s+\[get\]$/m);
    }
  });
});
