import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namedBits, oid, readChildren, readElement, readOid, readString, sequence, setOf, smallInteger, tlv, TAG, time, unsignedInteger, utf8String } from './der.js';

const hex = (b: Buffer) => b.toString('hex');

describe('DER INTEGER is minimally encoded (Go rejects anything else)', () => {
  it.each([
    ['00', '020100'],
    ['7f', '02017f'],
    ['80', '02020080'],
    ['000001', '020101'],
    ['0000ff', '020200ff'],
    ['', '020100'],
  ])('magnitude %s encodes as %s', (magnitude, expected) => {
    expect(hex(unsignedInteger(Buffer.from(magnitude, 'hex')))).toBe(expected);
  });

  it('never has a redundant leading byte and always reads back as the same positive value', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 24 }), (bytes) => {
        const { content } = readElement(unsignedInteger(bytes));
        const redundantZero = content.length > 1 && content[0] === 0 && ((content[1] ?? 0) & 0x80) === 0;
        expect(redundantZero).toBe(false);
        expect((content[0] ?? 0) & 0x80).toBe(0); // never reads as negative
        expect(BigInt(`0x${hex(content)}`)).toBe(BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`));
      }),
    );
  });

  it('small integers such as the v3 version number', () => {
    expect(hex(smallInteger(2))).toBe('020102');
    expect(hex(smallInteger(0))).toBe('020100');
    expect(() => smallInteger(-1)).toThrow(/non-negative/);
  });
});

describe('lengths', () => {
  it.each([
    [0, '00'],
    [127, '7f'],
    [128, '8180'],
    [255, '81ff'],
    [256, '820100'],
    [300, '82012c'],
  ])('a %d-byte value has length octets %s', (length, expected) => {
    expect(hex(tlv(TAG.octetString, Buffer.alloc(length)).subarray(1, 1 + expected.length / 2))).toBe(expected);
  });

  it('round-trip through the reader for any content size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70_000 }), (length) => {
        const element = readElement(tlv(TAG.octetString, Buffer.alloc(length, 7)));
        expect(element.content.length).toBe(length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('object identifiers', () => {
  it('encode ecdsa-with-SHA256 as in RFC 5758', () => {
    expect(hex(oid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
  });

  it('read back what they encode, including large arcs and the 2.x branch', () => {
    const arcs = fc.tuple(fc.constantFrom(0, 1, 2), fc.integer({ min: 0, max: 39 }), fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 8 }));
    fc.assert(
      fc.property(arcs, ([first, second, rest]) => {
        const dotted = [first, second, ...rest].join('.');
        expect(readOid(readElement(oid(dotted)))).toBe(dotted);
      }),
    );
    expect(readOid(readElement(oid('2.999.3')))).toBe('2.999.3');
  });

  it('refuse what is not an OID', () => {
    expect(() => oid('1')).toThrow(/not an object identifier/);
    expect(() => oid('1.40')).toThrow(/not an object identifier/);
    expect(() => oid('3.1')).toThrow(/not an object identifier/);
    expect(() => oid('1.2.x')).toThrow(/not an object identifier/);
  });
});

describe('times (RFC 5280 4.1.2.5)', () => {
  it('use UTCTime through 2049 and GeneralizedTime from 2050, to the second, in Zulu', () => {
    const text = (d: string) => {
      const el = readElement(time(new Date(d)));
      return [el.tag, el.content.toString('latin1')];
    };
    expect(text('2049-12-31T23:59:59.999Z')).toEqual([TAG.utcTime, '491231235959Z']);
    expect(text('2050-01-01T00:00:00Z')).toEqual([TAG.generalizedTime, '20500101000000Z']);
    expect(text('1950-01-01T00:00:00Z')).toEqual([TAG.utcTime, '500101000000Z']);
    expect(text('1949-12-31T23:59:59Z')).toEqual([TAG.generalizedTime, '19491231235959Z']);
  });
});

describe('named bit strings (keyUsage)', () => {
  it('drop trailing zero bits and count them as unused', () => {
    expect(hex(namedBits([0, 2]))).toBe('030205a0'); // digitalSignature, keyEncipherment
    expect(hex(namedBits([0, 2, 5]))).toBe('030202a4'); // + keyCertSign
    expect(hex(namedBits([8]))).toBe('0303070080'); // decipherOnly needs a second byte
    expect(hex(namedBits([]))).toBe('030100');
  });
});

describe('sets and sequences', () => {
  it('SET OF orders members by encoding, whatever order they are given in', () => {
    const a = utf8String('a');
    const b = utf8String('b');
    expect(setOf(b, a).equals(setOf(a, b))).toBe(true);
  });

  it('children of a sequence are read back in order', () => {
    const children = readChildren(readElement(sequence(smallInteger(1), utf8String('x'))));
    expect(children.map((c) => c.tag)).toEqual([TAG.integer, TAG.utf8String]);
  });
});

describe('the reader refuses encodings DER forbids', () => {
  it.each([
    ['indefinite length', '3080'],
    ['non-minimal long-form length', '04810100'],
    ['leading zero in a long-form length', '0482000100'],
    ['truncated element', '0405aabb'],
    ['missing length', '04'],
  ])('%s', (_name, bytes) => {
    expect(() => readElement(Buffer.from(bytes, 'hex'))).toThrow(/DER/);
  });
});

describe('directory strings', () => {
  it('decode the string types Go accepts and skip others', () => {
    expect(readString(readElement(utf8String('kubeadm:cluster-admins')))).toBe('kubeadm:cluster-admins');
    expect(readString(readElement(tlv(TAG.printableString, Buffer.from('system:nodes'))))).toBe('system:nodes');
    expect(readString(readElement(tlv(TAG.bmpString, Buffer.from('0067003a00e9', 'hex'))))).toBe('g:é');
    expect(readString(readElement(tlv(TAG.octetString, Buffer.from('x'))))).toBeUndefined();
  });
});
