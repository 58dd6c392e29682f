// The kubelets' decision trail read back from the API server's audit log: parsing audit events,
// grouping a denied fine-grained review with its nodes/proxy fallback, and following the log
// inside the control-plane node through `docker exec ... tail -F`.

import { describe, expect, it } from 'vitest';
import { AuditDecisionBuilder, followAuditLog, parseAuditLine } from '../../cluster/kind/audit-trail.js';
import { DecisionLog, type KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';
import { fakeHost } from './fake-host.js';

const NODE = 'kubelab-a-control-plane';
const VIEWER = 'system:serviceaccount:default:viewer';

/** An audit.k8s.io/v1 Event for a kubelet's SubjectAccessReview, as kube-apiserver writes it. */
function sarEvent(subresource: string, allowed: boolean, opts: { reason?: string; username?: string; at?: string; resource?: string } = {}): string {
  const spec = {
    resourceAttributes: { verb: 'get', version: 'v1', resource: opts.resource ?? 'nodes', subresource, name: NODE },
    user: VIEWER,
    groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    uid: '6f1b0b6e-0000-4000-8000-000000000001',
  };
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'RequestResponse',
    auditID: 'a1b2c3',
    stage: 'ResponseComplete',
    requestURI: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    verb: 'create',
    user: { username: opts.username ?? `system:node:${NODE}`, groups: ['system:nodes', 'system:authenticated'] },
    sourceIPs: ['172.18.0.2'],
    userAgent: 'kubelet/v1.33.12 (linux/amd64) kubernetes/0000000',
    objectRef: { resource: 'subjectaccessreviews', apiGroup: 'authorization.k8s.io', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 201 },
    requestObject: { kind: 'SubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { allowed: false } },
    responseObject: { kind: 'SubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { allowed, ...(opts.reason ? { reason: opts.reason } : {}) } },
    requestReceivedTimestamp: '2026-03-01T10:00:00.000000Z',
    stageTimestamp: opts.at ?? '2026-03-01T10:00:00.001234Z',
    annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
  });
}

const ALLOWED_BY = 'RBAC: allowed by ClusterRoleBinding "viewer-proxy" of ClusterRole "proxy-reader" to ServiceAccount "viewer/default"';

describe('audit events', () => {
  it('a kubelet SubjectAccessReview becomes a review with RBAC\'s answer', () => {
    expect(parseAuditLine(sarEvent('proxy', true, { reason: ALLOWED_BY }))).toEqual({
      time: '2026-03-01T10:00:00.001Z',
      node: NODE,
      user: VIEWER,
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
      review: { verb: 'get', resource: 'nodes', subresource: 'proxy', name: NODE, decision: 'allow', reason: ALLOWED_BY, cached: false },
    });
  });

  it('ignores reviews not made by a node, reviews of other resources, and lines that are not events', () => {
    expect(parseAuditLine(sarEvent('proxy', true, { username: 'kubernetes-admin' }))).toBeUndefined();
    expect(parseAuditLine(sarEvent('', true, { resource: 'pods' }))).toBeUndefined();
    expect(parseAuditLine('not json')).toBeUndefined();
    expect(parseAuditLine('{"kind":"Event"}')).toBeUndefined();
  });

  it('a denied nodes/pods review and the nodes/proxy fallback right after it are one decision', () => {
    const log = new DecisionLog();
    const builder = new AuditDecisionBuilder(log);
    builder.add(parseAuditLine(sarEvent('pods', false))!);
    expect(log.entries()).toEqual([]);
    builder.add(parseAuditLine(sarEvent('proxy', true, { reason: ALLOWED_BY }))!);
    builder.add(parseAuditLine(sarEvent('healthz', true, { reason: ALLOWED_BY }))!);
    const [first, second] = log.entries();
    expect(first).toMatchObject({ node: NODE, method: 'GET', outcome: 'authorized', authentication: { user: VIEWER } });
    expect(first!.reviews.map((r) => `${r.subresource}:${r.decision}`)).toEqual(['pods:noOpinion', 'proxy:allow']);
    expect(second!.reviews.map((r) => r.subresource)).toEqual(['healthz']);
  });

  it('a denied review with no fallback is recorded as forbidden (403) once the window passes', async () => {
    const log = new DecisionLog();
    const builder = new AuditDecisionBuilder(log);
    builder.add(parseAuditLine(sarEvent('configz', false))!);
    await new Promise((r) => setTimeout(r, 400));
    expect(log.entries()).toMatchObject([{ outcome: 'forbidden', status: 403, reviews: [{ subresource: 'configz', decision: 'noOpinion' }] }]);
  });
});

describe('following the audit log in the node', () => {
  it('tails the log through docker exec and records each decision live', async () => {
    const host = fakeHost(['docker'], {
      clusters: { 'kubelab-a': { image: 'img', network: 'kind', port: 40001, nodes: [{ name: NODE, ip: '172.18.0.2' }] } },
      auditLines: [sarEvent('pods', false), sarEvent('proxy', true, { reason: ALLOWED_BY }), '{"kind":"Event","verb":"get"}'],
    });
    const log = new DecisionLog();
    const seen: KubeletDecision[] = [];
    log.subscribe((d) => seen.push(d));
    const follower = followAuditLog(NODE, new AuditDecisionBuilder(log), host.env);
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    follower.stop();
    expect(host.calls()[0]!.argv).toEqual(['exec', NODE, 'tail', '-n', '0', '-F', '/var/log/kubernetes/kubelab/kube-apiserver-audit.log']);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.reviews.map((r) => r.subresource)).toEqual(['pods', 'proxy']);
  });
});
