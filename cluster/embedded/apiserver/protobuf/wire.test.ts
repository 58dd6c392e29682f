import { describe, expect, it } from 'vitest';
import { KubeProtobufError } from './errors.js';
import {
  ProtoReader,
  ProtoWriter,
  WireType,
  int64ToVarint,
  varintToInt32,
  varintToInt64,
  zigzagDecode,
  zigzagEncode,
} from './wire.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const reader = (h: string): ProtoReader => new ProtoReader(Buffer.from(h, 'hex'));

function malformedMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KubeProtobufError);
    expect((err as KubeProtobufError).reason).toBe('Malformed');
    return (err as Error).message;
  }
  throw new Error('expected a Malformed error');
}

describe('varints', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [2 ** 31 - 1, 'ffffffff07'],
  ])('writes %d as %s and reads it back', (n, bytes) => {
    expect(hex(new ProtoWriter().uint32(n).finish())).toBe(bytes);
    expect(varintToInt32(reader(bytes).readVarint())).toBe(n);
  });

  it('writes negative int32 sign-extended to 10 bytes, as Go does', () => {
    const bytes = new ProtoWriter().int32(-1).finish();
    expect(hex(bytes)).toBe('ffffffffffffffffff01');
    expect(varintToInt32(new ProtoReader(bytes).readVarint())).toBe(-1);
  });

  it.each([0, 1, -1, 2 ** 32, -(2 ** 40), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1767322800])(
    'round-trips int64 %d',
    (n) => {
      const bytes = new ProtoWriter().int64(n).finish();
      expect(varintToInt64(new ProtoReader(bytes).readVarint())).toBe(n);
    },
  );

  it('reports int64 values beyond 2^53 as not representable instead of rounding them', () => {
    expect(varintToInt64(reader('ffffffffffffffff7f').readVarint())).toBeUndefined();
    expect(varintToInt64(int64ToVarint(2 ** 53))).toBeUndefined();
  });

  it('rejects truncated and overlong varints', () => {
    expect(malformedMessage(() => reader('8080').readVarint())).toBe('unexpected EOF');
    expect(malformedMessage(() => reader('ffffffffffffffffffff01').readVarint())).toBe('proto: integer overflow');
  });
});

describe('zigzag', () => {
  it.each([
    [0, 0],
    [-1, 1],
    [1, 2],
    [-2, 3],
    [2147483647, 4294967294],
    [-2147483648, 4294967295],
  ])('maps %d to %d', (n, encoded) => {
    const v = zigzagEncode(n);
    expect(v.hi * 2 ** 32 + v.lo).toBe(encoded);
    expect(zigzagDecode(v)).toBe(n);
  });

  it('round-trips the extremes of safe integers', () => {
    for (const n of [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) expect(zigzagDecode(zigzagEncode(n))).toBe(n);
  });
});

describe('fixed-width and length-delimited values', () => {
  it('reads and writes little-endian fixed32 and fixed64', () => {
    const bytes = new ProtoWriter().fixed32(0xdeadbeef).fixed64({ lo: 1, hi: 2 }).finish();
    expect(hex(bytes)).toBe('efbeadde' + '0100000002000000');
    const r = new ProtoReader(bytes);
    expect(r.readFixed32()).toBe(0xdeadbeef);
    expect(r.readFixed64()).toEqual({ lo: 1, hi: 2 });
    expect(r.atEnd).toBe(true);
  });

  it('writes strings as UTF-8 with a length prefix', () => {
    expect(hex(new ProtoWriter().string('né').finish())).toBe('036ec3a9');
  });

  it('grows its buffer for large payloads', () => {
    const big = new Uint8Array(10_000).fill(7);
    const r = new ProtoReader(new ProtoWriter().bytes(big).finish());
    expect(r.readBytes()).toEqual(big);
  });

  it('rejects a declared length beyond the input without allocating it', () => {
    // Claims 2^31-1 bytes, carries two.
    expect(malformedMessage(() => reader('ffffffff07aabb').readBytes())).toBe('unexpected EOF');
    expect(malformedMessage(() => reader('ffffffff0f').readBytes())).toMatch(/negative length/);
    expect(malformedMessage(() => reader('aabbcc').readFixed32())).toBe('unexpected EOF');
  });
});

describe('tags and skipping', () => {
  it('splits a tag into field number and wire type', () => {
    expect(reader('0a').readTag()).toEqual({ field: 1, wireType: WireType.LengthDelimited });
    expect(reader('8801').readTag()).toEqual({ field: 17, wireType: WireType.Varint });
  });

  it('rejects field 0 and the undefined wire types 6 and 7', () => {
    expect(malformedMessage(() => reader('02').readTag())).toMatch(/illegal tag 0/);
    expect(malformedMessage(() => reader('0e').readTag())).toMatch(/illegal wireType 6/);
    expect(malformedMessage(() => reader('0f').readTag())).toMatch(/illegal wireType 7/);
  });

  it('skips every wire type and tells whether the payload was the zero value', () => {
    const w = new ProtoWriter()
      .tag(1, WireType.Varint)
      .uint32(0)
      .tag(2, WireType.Varint)
      .uint32(5)
      .tag(3, WireType.LengthDelimited)
      .string('')
      .tag(4, WireType.LengthDelimited)
      .string('x')
      .tag(5, WireType.Fixed32)
      .fixed32(0)
      .tag(6, WireType.Fixed64)
      .fixed64({ lo: 0, hi: 1 });
    const r = new ProtoReader(w.finish());
    const empties: boolean[] = [];
    while (!r.atEnd) empties.push(r.skipField(r.readTag()).empty);
    expect(empties).toEqual([true, false, true, false, true, false]);
  });

  it('skips nested groups whole', () => {
    // group 1 { varint 2; group 3 { } } then varint 4 = 1
    const r = reader('0b' + '1001' + '1b' + '1c' + '0c' + '2001');
    r.skipField(r.readTag());
    expect(r.readTag()).toEqual({ field: 4, wireType: WireType.Varint });
  });

  it('rejects unbalanced groups', () => {
    expect(malformedMessage(() => reader('0c').skipField({ field: 1, wireType: WireType.EndGroup }))).toMatch(/end group/);
    const mismatched = reader('0b14');
    expect(malformedMessage(() => mismatched.skipField(mismatched.readTag()))).toMatch(/does not match/);
    const unterminated = reader('0b1001');
    expect(malformedMessage(() => unterminated.skipField(unterminated.readTag()))).toBe('unexpected EOF');
  });
});
