// Protocol Buffers wire format, proto2 flavour, as gogo-protobuf (Kubernetes' generator) writes
// and reads it. Only bytes in, bytes out: what the bytes mean lives in schemas.ts and codec.ts.
// Error texts follow gogo's where one exists ("unexpected EOF", "proto: integer overflow"...), as
// upstream quotes them in its 400 responses.

import { malformed } from './errors.js';

export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

/** A 64-bit varint as two unsigned 32-bit halves: JS numbers cannot hold every uint64. */
export interface Varint {
  lo: number;
  hi: number;
}

export interface Tag {
  field: number;
  wireType: WireType;
}

const TWO_32 = 2 ** 32;
const MAX_FIELD_NUMBER = 2 ** 29 - 1;

export class ProtoReader {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  readTag(): Tag {
    const { lo, hi } = this.readVarint();
    const field = lo >>> 3;
    const wireType = lo & 7;
    if (hi !== 0 || field > MAX_FIELD_NUMBER) throw malformed(`proto: illegal field number in tag ${hi * TWO_32 + lo}`);
    if (field === 0) throw malformed(`proto: illegal tag 0 (wire type ${wireType})`);
    if (wireType > WireType.Fixed32) throw malformed(`proto: illegal wireType ${wireType}`);
    return { field, wireType: wireType as WireType };
  }

  /** At most 10 bytes; bits past the 64th are dropped, as Go does. */
  readVarint(): Varint {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw malformed('unexpected EOF');
      const byte = this.buf[this.pos++]!;
      const b = byte & 0x7f;
      if (i < 4) lo |= b << (7 * i);
      else if (i === 4) {
        lo |= b << 28;
        hi |= b >> 4;
      } else hi |= b << (7 * i - 32);
      if (byte < 0x80) return { lo: lo >>> 0, hi: hi >>> 0 };
    }
    throw malformed('proto: integer overflow');
  }

  readFixed32(): number {
    this.need(4);
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4).getUint32(0, true);
    this.pos += 4;
    return v;
  }

  readFixed64(): Varint {
    const lo = this.readFixed32();
    return { lo, hi: this.readFixed32() };
  }

  /** A length-delimited payload, as a view into the input: never a copy sized by the sender. */
  readBytes(): Uint8Array {
    const { lo, hi } = this.readVarint();
    if (hi !== 0 || lo > 0x7fffffff) throw malformed('proto: negative length found during unmarshaling');
    this.need(lo);
    const bytes = this.buf.subarray(this.pos, this.pos + lo);
    this.pos += lo;
    return bytes;
  }

  /**
   * Skips one field whose tag was just read and returns whether its payload was the zero value
   * (0, or empty bytes). Groups (deprecated proto2 wire types 3/4) are skipped whole.
   */
  skipField(tag: Tag): { empty: boolean } {
    switch (tag.wireType) {
      case WireType.Varint: {
        const v = this.readVarint();
        return { empty: v.lo === 0 && v.hi === 0 };
      }
      case WireType.Fixed64: {
        const v = this.readFixed64();
        return { empty: v.lo === 0 && v.hi === 0 };
      }
      case WireType.Fixed32:
        return { empty: this.readFixed32() === 0 };
      case WireType.LengthDelimited:
        return { empty: this.readBytes().length === 0 };
      case WireType.StartGroup:
        this.skipGroup(tag.field);
        return { empty: false };
      case WireType.EndGroup:
        throw malformed('proto: wiretype end group for non-group');
    }
  }

  // Iterative, so a hostile body of nested groups cannot exhaust the stack.
  private skipGroup(field: number): void {
    const open = [field];
    while (open.length > 0) {
      const tag = this.readTag();
      if (tag.wireType === WireType.StartGroup) open.push(tag.field);
      else if (tag.wireType === WireType.EndGroup) {
        if (open.pop() !== tag.field) throw malformed('proto: end group does not match start group');
      } else this.skipField(tag);
    }
  }

  private need(n: number): void {
    if (this.end - this.pos < n) throw malformed('unexpected EOF');
  }
}

export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  tag(field: number, wireType: WireType): this {
    return this.uint32(field * 8 + wireType);
  }

  varint({ lo, hi }: Varint): this {
    while (hi !== 0 || lo > 0x7f) {
      this.byte((lo & 0x7f) | 0x80);
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    return this.byte(lo);
  }

  uint32(n: number): this {
    return this.varint({ lo: n >>> 0, hi: 0 });
  }

  /** Negative int32s take 10 bytes: they are sign-extended to 64 bits, as Go writes them. */
  int32(n: number): this {
    return this.varint({ lo: n >>> 0, hi: n < 0 ? 0xffffffff : 0 });
  }

  int64(n: number): this {
    return this.varint(int64ToVarint(n));
  }

  bool(b: boolean): this {
    return this.byte(b ? 1 : 0);
  }

  fixed32(n: number): this {
    this.grow(4);
    new DataView(this.buf.buffer, this.len, 4).setUint32(0, n >>> 0, true);
    this.len += 4;
    return this;
  }

  fixed64({ lo, hi }: Varint): this {
    return this.fixed32(lo).fixed32(hi);
  }

  bytes(data: Uint8Array): this {
    this.uint32(data.length);
    this.grow(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  string(s: string): this {
    return this.bytes(Buffer.from(s, 'utf8'));
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private byte(b: number): this {
    this.grow(1);
    this.buf[this.len++] = b;
    return this;
  }

  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

// ---- varint interpretations (the proto scalar types) ----

export function varintToBool(v: Varint): boolean {
  return v.lo !== 0 || v.hi !== 0;
}

/** Go's int32(uint64): keep the low 32 bits, two's complement. */
export function varintToInt32(v: Varint): number {
  return v.lo | 0;
}

/** Two's complement int64, or undefined when it does not fit a JS number exactly. */
export function varintToInt64(v: Varint): number | undefined {
  const n = Number(BigInt.asIntN(64, (BigInt(v.hi) << 32n) | BigInt(v.lo)));
  return Number.isSafeInteger(n) ? n : undefined;
}

export function int64ToVarint(n: number): Varint {
  return bigintToVarint(BigInt(n));
}

function bigintToVarint(b: bigint): Varint {
  const u = BigInt.asUintN(64, b);
  return { lo: Number(u & 0xffffffffn), hi: Number(u >> 32n) };
}

/** sint32/sint64 (ZigZag): 0,-1,1,-2... map to 0,1,2,3... so small negatives stay short. */
export function zigzagDecode(v: Varint): number | undefined {
  const u = (BigInt(v.hi) << 32n) | BigInt(v.lo);
  const n = Number((u >> 1n) ^ -(u & 1n));
  return Number.isSafeInteger(n) ? n : undefined;
}

export function zigzagEncode(n: number): Varint {
  const b = BigInt(n);
  return bigintToVarint((b << 1n) ^ (b < 0n ? -1n : 0n));
}
