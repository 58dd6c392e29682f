import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KubeProtobufError, decodeKubernetesProtobuf, encodeKubernetesProtobuf, type ProtobufErrorReason } from './codec.js';
import { KINDS } from './schemas.js';
import { FIXTURES } from './test-support/fixtures.js';
import { ProtoWriter, WireType } from './wire.js';

const MAGIC = '6b387300';
const hexOf = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
/** A length-delimited field, for hand-written bodies. */
const ld = (field: number, hex: string): string =>
  Buffer.from(new ProtoWriter().tag(field, WireType.LengthDelimited).bytes(Buffer.from(hex, 'hex')).finish()).toString('hex');
const str = (field: number, s: string): string => ld(field, hexOf(s));

function envelopeHex(apiVersion: string, kind: string, rawHex: string): string {
  return MAGIC + ld(1, str(1, apiVersion) + str(2, kind)) + ld(2, rawHex) + '1a00' + '2200';
}

function decodeHex(hex: string): Record<string, unknown> {
  return decodeKubernetesProtobuf(Buffer.from(hex, 'hex')).object;
}

function errorOf(fn: () => unknown): KubeProtobufError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KubeProtobufError) return err;
    throw err;
  }
  throw new Error('expected a KubeProtobufError');
}

function reasonOf(fn: () => unknown): ProtobufErrorReason {
  return errorOf(fn).reason;
}

// ObjectMeta as Go writes an empty one: every non-pointer field, zero-valued.
const EMPTY_OBJECT_META = '0a00' + '1200' + '1a00' + '2200' + '2a00' + '3200' + '3800' + '4200';

describe('decoding what kubectl sends', () => {
  it('decodes the kubectl 1.32 SelfSubjectAccessReview body of apiserver-rbac.md §2.2', () => {
    // `kubectl auth can-i get nodes --subresource=proxy`, byte for byte as traced.
    const resourceAttributes =
      str(1, 'default') + str(2, 'get') + '1a00' + '2200' + str(5, 'nodes') + str(6, 'proxy') + '3a00';
    const raw = ld(1, EMPTY_OBJECT_META) + ld(2, ld(1, resourceAttributes)) + ld(3, '0800' + '1200' + '1a00' + '2000');
    const body = envelopeHex('authorization.k8s.io/v1', 'SelfSubjectAccessReview', raw);
    expect(body.startsWith(
      '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577' +
        '1242' + '0a10',
    )).toBe(true);

    const decoded = decodeKubernetesProtobuf(Buffer.from(body, 'hex'));
    expect(decoded.apiVersion).toBe('authorization.k8s.io/v1');
    expect(decoded.kind).toBe('SelfSubjectAccessReview');
    expect(JSON.stringify(decoded.object)).toBe(
      JSON.stringify({
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { creationTimestamp: null },
        spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'nodes', subresource: 'proxy' } },
        status: { allowed: false },
      }),
    );
  });

  it("drops kubectl's empty optional strings where Go's JSON omits them, keeps required ones", () => {
    const subjects = ld(2, str(1, 'User') + '1200' + str(3, 'bob') + '2200') + ld(2, str(1, 'ServiceAccount') + '1200' + str(3, 'sa1') + str(4, 'dev'));
    const roleRef = ld(3, '0a00' + str(2, 'ClusterRole') + str(3, 'view'));
    const object = decodeHex(envelopeHex('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', ld(1, EMPTY_OBJECT_META) + subjects + roleRef));
    expect(object.subjects).toEqual([
      { kind: 'User', name: 'bob' },
      { kind: 'ServiceAccount', name: 'sa1', namespace: 'dev' },
    ]);
    // roleRef.apiGroup has no omitempty: "" stays.
    expect(object.roleRef).toEqual({ apiGroup: '', kind: 'ClusterRole', name: 'view' });
  });

  it('keeps zero values of pointer fields and writes null for absent required lists and pointers', () => {
    const deployment = decodeHex(envelopeHex('apps/v1', 'Deployment', ld(2, '0800')));
    expect((deployment.spec as Record<string, unknown>).replicas).toBe(0);
    const role = decodeHex(envelopeHex('rbac.authorization.k8s.io/v1', 'ClusterRole', ld(1, EMPTY_OBJECT_META)));
    expect(role).toEqual({ kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { creationTimestamp: null }, rules: null });
  });

  it('shows structs missing from the wire as their zero value, as Go would', () => {
    const token = decodeHex(envelopeHex('authentication.k8s.io/v1', 'TokenRequest', ''));
    expect(JSON.stringify(token)).toBe(
      JSON.stringify({
        kind: 'TokenRequest',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        spec: { audiences: null, expirationSeconds: null, boundObjectRef: null },
        status: { token: '', expirationTimestamp: null },
      }),
    );
    const deployment = decodeHex(envelopeHex('apps/v1', 'Deployment', ''));
    expect(deployment.spec).toEqual({ template: { metadata: { creationTimestamp: null }, spec: { containers: null } }, strategy: {} });
  });

  it('reads time as RFC 3339 whole seconds: empty is null, an explicit 0 is the epoch', () => {
    const withTime = (timeHex: string): unknown =>
      (decodeHex(envelopeHex('v1', 'Namespace', ld(1, str(1, 'ns') + ld(8, timeHex)))).metadata as Record<string, unknown>).creationTimestamp;
    expect(withTime('')).toBeNull();
    expect(withTime('0800')).toBe('1970-01-01T00:00:00Z');
    const seconds = new ProtoWriter().tag(1, WireType.Varint).int64(1767323045).tag(2, WireType.Varint).int32(999).finish();
    expect(withTime(Buffer.from(seconds).toString('hex'))).toBe('2026-01-02T03:04:05Z');
    const negative = new ProtoWriter().tag(1, WireType.Varint).int64(-1).finish();
    expect(withTime(Buffer.from(negative).toString('hex'))).toBe('1969-12-31T23:59:59Z');
  });

  it('reads secret data as base64 and repeated numbers packed or not', () => {
    const secret = decodeHex(envelopeHex('v1', 'Secret', ld(2, str(1, 'a') + ld(2, 'ff00')) + ld(2, str(1, 'empty'))));
    expect(secret.data).toEqual({ a: '/wA=', empty: '' });

    const groups = (securityContextHex: string): unknown => {
      const podSpec = ld(14, securityContextHex);
      const object = decodeHex(envelopeHex('apps/v1', 'Deployment', ld(2, ld(3, ld(2, podSpec)))));
      return (object as { spec: { template: { spec: { securityContext: { supplementalGroups: unknown } } } } }).spec.template.spec.securityContext.supplementalGroups;
    };
    expect(groups('20e807' + '20d00f')).toEqual([1000, 2000]);
    expect(groups(ld(4, 'e807d00f'))).toEqual([1000, 2000]);
  });

  it('merges a message field that occurs twice, as proto does', () => {
    const object = decodeHex(envelopeHex('v1', 'ServiceAccount', ld(1, str(1, 'sa1')) + ld(1, str(3, 'dev'))));
    expect(object.metadata).toEqual({ name: 'sa1', namespace: 'dev', creationTimestamp: null });
  });

  it('skips unknown fields of fully modelled messages (newer API versions)', () => {
    const unknown = new ProtoWriter().tag(99, WireType.Fixed64).fixed64({ lo: 1, hi: 0 }).tag(98, WireType.LengthDelimited).string('x').finish();
    const object = decodeHex(envelopeHex('v1', 'ServiceAccount', ld(1, str(1, 'sa1') + Buffer.from(unknown).toString('hex'))));
    expect(object.metadata).toEqual({ name: 'sa1', creationTimestamp: null });
  });

  it('refuses a set field our partial PodSpec leaves out rather than silently dropping it', () => {
    const withPodSpecField = (fieldHex: string): unknown => decodeHex(envelopeHex('apps/v1', 'Deployment', ld(2, ld(3, ld(2, fieldHex)))));
    // Go writes unset fields as zero values: those pass. Affinity (field 18) does not.
    expect(() => withPodSpecField(ld(18, ''))).not.toThrow();
    const err = errorOf(() => withPodSpecField(ld(18, ld(1, ''))));
    expect(err.reason).toBe('UnsupportedField');
    expect(err.message).toMatch(/spec\.template\.spec: field number 18 of k8s\.io\.api\.core\.v1\.PodSpec/);
  });
});

describe('encoding', () => {
  const listedKinds = KINDS.filter((k) => k.kind.endsWith('List'));
  const singleKinds = KINDS.filter((k) => !k.kind.endsWith('List'));

  it('has a round-trip fixture for every kind of the schema table', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(singleKinds.map((k) => k.kind).sort());
  });

  it.each(singleKinds.map((k) => [k.kind, k] as const))('round-trips a realistic %s', (_kind, k) => {
    const object = FIXTURES[k.kind]!;
    const body = encodeKubernetesProtobuf(k.apiVersion, k.kind, object);
    const decoded = decodeKubernetesProtobuf(body);
    expect(decoded.apiVersion).toBe(k.apiVersion);
    expect(JSON.stringify(decoded.object)).toBe(JSON.stringify(object));
  });

  it.each(listedKinds.map((k) => [k.kind, k] as const))('round-trips a %s of two items, without their type meta', (_kind, k) => {
    const item = FIXTURES[k.kind.slice(0, -'List'.length)]!;
    const { kind: _k, apiVersion: _a, ...bare } = item;
    const list = { kind: k.kind, apiVersion: k.apiVersion, metadata: { resourceVersion: '99', continue: 'tok', remainingItemCount: 0 }, items: [item, item] };
    expect(decodeKubernetesProtobuf(encodeKubernetesProtobuf(k.apiVersion, k.kind, list)).object).toEqual({ ...list, items: [bare, bare] });
  });

  it('writes the envelope as Go does: magic, type meta, raw, empty content encoding and type', () => {
    const body = encodeKubernetesProtobuf('v1', 'Namespace', { metadata: { name: 'dev' }, spec: {}, status: {} });
    expect(body.toString('hex')).toBe(envelopeHex('v1', 'Namespace', ld(1, str(1, 'dev') + '4200') + '1200' + '1a00'));
  });

  it('drops sub-second precision of times like upstream, and writes years 0 and 9999', () => {
    const round = (t: string): unknown => {
      const body = encodeKubernetesProtobuf('v1', 'Namespace', { metadata: { creationTimestamp: t } });
      return (decodeKubernetesProtobuf(body).object.metadata as Record<string, unknown>).creationTimestamp;
    };
    expect(round('2026-01-02T03:04:05.987654Z')).toBe('2026-01-02T03:04:05Z');
    expect(round('2026-01-02T05:04:05+02:00')).toBe('2026-01-02T03:04:05Z');
    expect(round('9999-12-31T23:59:59Z')).toBe('9999-12-31T23:59:59Z');
    expect(round('0000-01-01T00:00:00Z')).toBe('0000-01-01T00:00:00Z');
  });

  it('refuses fields the schema lacks instead of dropping them, so the server can answer JSON', () => {
    const err = errorOf(() => encodeKubernetesProtobuf('apps/v1', 'Deployment', { metadata: { name: 'x' }, spec: { template: { spec: { affinity: {} } } } }));
    expect(err.reason).toBe('UnsupportedField');
    expect(err.message).toMatch(/^spec\.template\.spec\.affinity: /);
  });

  it('names the path of a value of the wrong type', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ metadata: { name: 5 } }, /^metadata\.name: expected a string, got number$/],
      [{ metadata: { labels: { a: null } } }, /^metadata\.labels\["a"\]: expected a string, got null$/],
      [{ data: { a: 'not base64!' } }, /^data\["a"\]: expected a base64 string/],
      [{ immutable: 'yes' }, /^immutable: expected a boolean/],
      [{ metadata: { finalizers: 'x' } }, /^metadata\.finalizers: expected an array/],
      [{ metadata: { creationTimestamp: 'yesterday' } }, /^metadata\.creationTimestamp: expected an RFC 3339 time/],
      [{ metadata: { generation: 1.5 } }, /^metadata\.generation: expected an integer/],
    ];
    for (const [object, message] of cases) {
      const err = errorOf(() => encodeKubernetesProtobuf('v1', 'Secret', object));
      expect(err.reason).toBe('InvalidValue');
      expect(err.message).toMatch(message);
    }
    expect(reasonOf(() => encodeKubernetesProtobuf('scheduling.k8s.io/v1', 'PriorityClass', { value: 2 ** 31 }))).toBe('InvalidValue');
  });
});

describe('bodies that cannot be decoded', () => {
  const ns = (raw: string): string => envelopeHex('v1', 'Namespace', raw);

  it.each([
    ['an empty body', '', 'empty data'],
    ['a JSON body', hexOf('{"kind":"Namespace"}'), 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]'],
    ['the magic alone', MAGIC, 'empty body'],
    ['a truncated varint', MAGIC + '0a028880', 'unexpected EOF'],
    ['a length past the end', MAGIC + '0aff0f00', 'unexpected EOF'],
    ['an absurd length', MAGIC + '12ffffffff07', 'unexpected EOF'],
    ['a string field sent as a varint', ns(ld(1, '0801')), 'proto: wrong wireType = 0 for field metadata.name'],
    ['a message field sent as fixed32', ns('0d00000000'), 'proto: wrong wireType = 5 for field metadata'],
  ])('rejects %s', (_what, hex, message) => {
    const err = errorOf(() => decodeKubernetesProtobuf(Buffer.from(hex, 'hex')));
    expect(err.reason).toBe('Malformed');
    expect(err.message).toBe(message);
  });

  it('rejects kinds without a schema, and envelopes without a kind', () => {
    const node = errorOf(() => decodeHex(envelopeHex('v1', 'Node', '')));
    expect(node.reason).toBe('UnknownKind');
    expect(node.message).toMatch(/no kind "Node" is registered for version "v1"/);
    expect(reasonOf(() => decodeHex(envelopeHex('rbac.authorization.k8s.io/v2', 'ClusterRole', '')))).toBe('UnknownKind');
    expect(reasonOf(() => decodeHex(MAGIC + ld(1, str(1, 'v1'))))).toBe('UnknownKind');
    expect(reasonOf(() => encodeKubernetesProtobuf('v1', 'Node', {}))).toBe('UnknownKind');
  });

  it('rejects values without a JSON form', () => {
    const hugeGeneration = Buffer.from(new ProtoWriter().tag(7, WireType.Varint).varint({ lo: 0, hi: 0x00400000 }).finish()).toString('hex');
    expect(errorOf(() => decodeHex(ns(ld(1, hugeGeneration)))).message).toMatch(/^metadata\.generation: int64 value beyond/);
    const year10000 = Buffer.from(new ProtoWriter().tag(1, WireType.Varint).int64(253402300800).finish()).toString('hex');
    expect(reasonOf(() => decodeHex(ns(ld(1, ld(8, year10000)))))).toBe('Unrepresentable');
    const managedFields = ld(17, ld(7, str(1, '{oops')));
    expect(errorOf(() => decodeHex(ns(ld(1, managedFields)))).message).toBe('metadata.managedFields[0].fieldsV1: raw field is not valid JSON');
  });

  it('never throws anything but KubeProtobufError on random bytes, and stays fast', () => {
    const valid = [...Object.entries(FIXTURES)].map(([, o]) => encodeKubernetesProtobuf(o.apiVersion as string, o.kind as string, o));
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat())
      .map(([body, flips, cut]) => {
        const copy = Buffer.from(body);
        for (const [at, byte] of flips) copy[at % copy.length] = byte;
        return cut % 3 === 0 ? copy.subarray(0, cut % copy.length) : copy;
      });
    const arbitrary = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.concat([Buffer.from(MAGIC, 'hex'), b])), mutated);
    const started = performance.now();
    fc.assert(
      fc.property(arbitrary, (bytes) => {
        try {
          decodeKubernetesProtobuf(bytes);
        } catch (err) {
          if (!(err instanceof KubeProtobufError)) throw err;
        }
      }),
      { numRuns: 3000 },
    );
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('round-trips arbitrary secret and config map contents', () => {
    const key = fc.string({ minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(fc.dictionary(key, fc.uint8Array({ maxLength: 40 })), fc.dictionary(key, fc.string()), (data, labels) => {
        const secret = {
          kind: 'Secret',
          apiVersion: 'v1',
          metadata: { name: 's', creationTimestamp: null, ...(Object.keys(labels).length ? { labels } : {}) },
          ...(Object.keys(data).length ? { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) } : {}),
        };
        expect(decodeKubernetesProtobuf(encodeKubernetesProtobuf('v1', 'Secret', secret)).object).toEqual(secret);
      }),
      { numRuns: 300 },
    );
  });
});
