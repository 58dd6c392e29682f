// The shared golden cases (shared/fixtures/rbac-cases.json): 91 authorizer decisions and
// 11 escalation coverage checks, each restated from upstream tests and semantics.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Attributes } from '../types.js';
import { describeMissingRules } from './compact-rules.js';
import { MemoryRbacSource } from './memory-rbac-source.js';
import { covers } from './policy-comparator.js';
import { RBACAuthorizer } from './rbac-authorizer.js';
import { fixturePath } from '../../../../test/support/fixtures.js';

const FIXTURE = fixturePath('rbac-cases.json');

const rule = z.object({
  verbs: z.array(z.string()),
  apiGroups: z.array(z.string()).optional(),
  resources: z.array(z.string()).optional(),
  resourceNames: z.array(z.string()).optional(),
  nonResourceURLs: z.array(z.string()).optional(),
});
const subject = z.object({
  kind: z.string(),
  apiGroup: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
});
const roleRef = z.object({ apiGroup: z.string(), kind: z.string(), name: z.string() });
const named = { name: z.string(), namespace: z.string().optional() };

const fixture = z
  .object({
    cases: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        setup: z.object({
          clusterRoles: z.array(z.object({ ...named, rules: z.array(rule) })).optional(),
          roles: z.array(z.object({ ...named, rules: z.array(rule) })).optional(),
          clusterRoleBindings: z.array(z.object({ ...named, roleRef, subjects: z.array(subject) })).optional(),
          roleBindings: z.array(z.object({ ...named, roleRef, subjects: z.array(subject) })).optional(),
        }),
        request: z.object({
          resourceRequest: z.boolean(),
          user: z.string(),
          groups: z.array(z.string()),
          verb: z.string(),
          apiGroup: z.string().optional(),
          resource: z.string().optional(),
          subresource: z.string().optional(),
          namespace: z.string().optional(),
          name: z.string().optional(),
          path: z.string().optional(),
        }),
        expected: z.object({ allowed: z.boolean(), reasonContains: z.string() }),
      }),
    ),
    escalationCases: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        ownerRules: z.array(rule),
        requestedRules: z.array(rule),
        expected: z.object({ covered: z.boolean(), uncoveredCompact: z.array(z.string()) }),
      }),
    ),
  })
  .parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));

function meta(o: { name: string; namespace?: string | undefined }) {
  return o.namespace === undefined ? { name: o.name } : { name: o.name, namespace: o.namespace };
}

type Case = (typeof fixture.cases)[number];

function sourceFor(setup: Case['setup']): MemoryRbacSource {
  return new MemoryRbacSource({
    clusterRoles: (setup.clusterRoles ?? []).map((r) => ({ metadata: meta(r), rules: r.rules })),
    roles: (setup.roles ?? []).map((r) => ({ metadata: meta(r), rules: r.rules })),
    clusterRoleBindings: (setup.clusterRoleBindings ?? []).map((b) => ({ metadata: meta(b), roleRef: b.roleRef, subjects: b.subjects })),
    roleBindings: (setup.roleBindings ?? []).map((b) => ({ metadata: meta(b), roleRef: b.roleRef, subjects: b.subjects })),
  });
}

function attributesFor(request: Case['request']): Attributes {
  const user = { username: request.user, groups: request.groups };
  if (!request.resourceRequest) return { user, verb: request.verb, resourceRequest: false, path: request.path ?? '' };
  return {
    user,
    verb: request.verb,
    resourceRequest: true,
    apiGroup: request.apiGroup ?? '',
    resource: request.resource ?? '',
    subresource: request.subresource ?? '',
    namespace: request.namespace ?? '',
    name: request.name ?? '',
  };
}

describe('golden RBAC authorizer cases', () => {
  it('has the 91 cases the reference promises', () => {
    expect(fixture.cases).toHaveLength(91);
  });

  it.each(fixture.cases.map((c) => [`${c.id}: ${c.description}`, c] as const))('%s', (_title, c) => {
    const result = new RBACAuthorizer(sourceFor(c.setup)).authorize(attributesFor(c.request));
    // RBAC never denies outright: a refusal is "no opinion".
    expect(result.decision).toBe(c.expected.allowed ? 'allow' : 'noOpinion');
    if (c.expected.reasonContains === '') expect(result.reason).toBe('');
    else expect(result.reason).toContain(c.expected.reasonContains);
  });
});

describe('golden escalation coverage cases', () => {
  it('has the 11 cases the reference promises', () => {
    expect(fixture.escalationCases).toHaveLength(11);
  });

  it.each(fixture.escalationCases.map((c) => [`${c.id}: ${c.description}`, c] as const))('%s', (_title, c) => {
    const coverage = covers(c.ownerRules, c.requestedRules);
    expect(coverage.covered).toBe(c.expected.covered);
    expect(describeMissingRules(coverage.uncovered)).toEqual(c.expected.uncoveredCompact);
  });
});
