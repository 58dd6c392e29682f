// The schema table against the descriptors compiled into the real kubectl binaries: field
// numbers, names, wire types and Go field order (= JSON key order) must all agree.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS, MESSAGES, kindSchema, type FieldSchema, type MessageSchema, type ScalarType } from './schemas.js';
import { readKubectlDescriptors, type FieldDescriptor, type MessageDescriptor } from './test-support/kubectl-descriptors.js';

const BINARIES = ['1.31', '1.32', '1.33'].map((v) => `/usr/lib/google-cloud-sdk/bin/kubectl.${v}`).filter(existsSync);
const upstream = BINARIES.map((path) => ({ path, messages: readKubectlDescriptors(path) }));

// descriptor.proto FieldDescriptorProto.Type
const PROTO_TYPE: Record<ScalarType, number> = { int64: 3, int32: 5, bool: 8, string: 9, bytes: 12, sint32: 17, sint64: 18 };
const TYPE_MESSAGE = 11;

/** Does our field say what the upstream descriptor says? Returns the disagreement, if any. */
function mismatch(ours: FieldSchema, theirs: FieldDescriptor, all: Map<string, MessageDescriptor>): string | undefined {
  if (ours.name.toLowerCase() !== theirs.name.toLowerCase()) return `named ${theirs.name} upstream`;
  if ((ours.kind !== 'single') !== theirs.repeated) return `repeated=${theirs.repeated} upstream`;
  if (ours.kind === 'map') {
    const entry = all.get(theirs.typeName.slice(1));
    if (!entry?.mapEntry) return `not a map upstream (${theirs.typeName})`;
    const [key, value] = [entry.fields.find((f) => f.number === 1), entry.fields.find((f) => f.number === 2)];
    if (key?.type !== PROTO_TYPE[ours.mapKey!]) return 'map key type differs upstream';
    return valueMismatch(ours, value);
  }
  return valueMismatch(ours, theirs);
}

function valueMismatch(ours: FieldSchema, theirs: FieldDescriptor | undefined): string | undefined {
  if (!theirs) return 'missing upstream';
  if ('message' in ours.value) {
    if (theirs.type !== TYPE_MESSAGE || theirs.typeName !== `.${ours.value.message}`) return `of type ${theirs.typeName || theirs.type} upstream`;
    return undefined;
  }
  return theirs.type === PROTO_TYPE[ours.value.scalar] ? undefined : `of proto type ${theirs.type} upstream`;
}

describe('schema table', () => {
  it('resolves every kind to its message', () => {
    expect(kindSchema('rbac.authorization.k8s.io/v1', 'ClusterRole')?.message.name).toBe('k8s.io.api.rbac.v1.ClusterRole');
    expect(kindSchema('v1', 'SecretList')?.message.fields.map((f) => f.name)).toEqual(['metadata', 'items']);
    expect(kindSchema('v1', 'Node')).toBeUndefined();
    for (const k of KINDS) expect(k.message.name.endsWith(`.${k.kind}`), k.kind).toBe(true);
  });

  describe.skipIf(upstream.length === 0)('against the descriptors compiled into kubectl', () => {
    const ours = [...MESSAGES.values()];

    it('reads the descriptors of every Kubernetes API package from the binaries', () => {
      for (const { path, messages } of upstream) {
        expect(messages.get('k8s.io.api.core.v1.PodSpec')?.fields.length, path).toBeGreaterThan(30);
      }
    });

    it.each(ours.map((m) => [m.name, m] as const))('%s matches upstream', (_name, schema: MessageSchema) => {
      const problems: string[] = [];
      const seen = new Set<number>();
      for (const { path, messages } of upstream) {
        const theirs = messages.get(schema.name);
        if (!theirs) {
          problems.push(`${path}: message missing`);
          continue;
        }
        for (const t of theirs.fields) {
          const mine = schema.byNumber.get(t.number);
          if (!mine) {
            if (!schema.partial) problems.push(`${path}: field ${t.number} ${t.name} missing from our table`);
            continue;
          }
          seen.add(t.number);
          const wrong = mismatch(mine, t, messages);
          if (wrong) problems.push(`${path}: field ${t.number} ${mine.name} is ${wrong}`);
        }
        // Go field order decides JSON key order.
        const upstreamOrder = theirs.fields.map((f) => f.number).filter((n) => schema.byNumber.has(n));
        const ourOrder = schema.fields.map((f) => f.number).filter((n) => upstreamOrder.includes(n));
        if (upstreamOrder.join() !== ourOrder.join()) problems.push(`${path}: field order ${ourOrder} differs from upstream ${upstreamOrder}`);
      }
      for (const f of schema.fields) if (!seen.has(f.number)) problems.push(`field ${f.number} ${f.name} exists in no kubectl binary`);
      expect(problems).toEqual([]);
    });
  });
});
