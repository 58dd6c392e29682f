// ASN.1 DER, only the parts an X.509 certificate needs: encoders that produce the one encoding
// DER allows (strict parsers such as Go's crypto/x509 reject anything else), and a reader just
// capable enough to walk a certificate we, or a TLS peer, produced.

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  numericString: 0x12,
  printableString: 0x13,
  t61String: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

// ---------------------------------------------------------------------------------------------
// Encoding

/** One tag-length-value element. Lengths use the short form below 128, else the minimal long form. */
export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function sequence(...items: Buffer[]): Buffer {
  return tlv(TAG.sequence, Buffer.concat(items));
}

/** SET OF: DER orders the members by their encodings. */
export function setOf(...items: Buffer[]): Buffer {
  return tlv(TAG.set, Buffer.concat([...items].sort(Buffer.compare)));
}

/**
 * A non-negative INTEGER from big-endian magnitude bytes. DER wants the shortest two's-complement
 * form: no redundant leading zero bytes, and one zero byte when the high bit would read as a sign.
 */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const digits = magnitude.length === 0 ? Buffer.from([0]) : Buffer.from(magnitude.subarray(start));
  const content = (digits[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : digits;
  return tlv(TAG.integer, content);
}

export function smallInteger(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`DER: ${value} is not a non-negative integer`);
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return unsignedInteger(Uint8Array.from(bytes));
}

/** DER BOOLEAN TRUE is 0xFF, never another non-zero byte. */
export function boolean(value: boolean): Buffer {
  return tlv(TAG.boolean, Buffer.from([value ? 0xff : 0x00]));
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || arcs.some((a) => !Number.isSafeInteger(a) || a < 0) || first > 2 || (first < 2 && second > 39)) {
    throw new Error(`DER: "${dotted}" is not an object identifier`);
  }
  const bytes: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const group = [arc % 128];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) group.unshift(0x80 | (rest % 128));
    bytes.push(...group);
  }
  return tlv(TAG.oid, Buffer.from(bytes));
}

export function octetString(content: Uint8Array): Buffer {
  return tlv(TAG.octetString, content);
}

/** A BIT STRING holding whole bytes (keys, signatures). */
export function bitString(content: Uint8Array): Buffer {
  return tlv(TAG.bitString, Buffer.concat([Buffer.from([0]), content]));
}

/**
 * A BIT STRING of named bits (keyUsage): bit 0 is the most significant bit of the first byte, and
 * DER drops trailing zero bits, counting them in the leading "unused bits" byte.
 */
export function namedBits(bits: readonly number[]): Buffer {
  if (bits.length === 0) return tlv(TAG.bitString, Buffer.from([0]));
  const highest = Math.max(...bits);
  const content = new Array<number>(Math.floor(highest / 8) + 1).fill(0);
  for (const bit of bits) content[bit >> 3] = (content[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  const unused = 7 - (highest & 7);
  return tlv(TAG.bitString, Buffer.from([unused, ...content]));
}

export function utf8String(text: string): Buffer {
  return tlv(TAG.utf8String, Buffer.from(text, 'utf8'));
}

/** The octets of an IA5String (ASCII); the caller wraps them, e.g. as an [2] IMPLICIT dNSName. */
export function ia5Octets(text: string): Buffer {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(text)) throw new Error(`DER: "${text}" is not an IA5 (ASCII) string`);
  return Buffer.from(text, 'latin1');
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; seconds, always Zulu. */
export function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const rest = [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join('');
  if (year >= 1950 && year < 2050) return tlv(TAG.utcTime, Buffer.from(`${String(year % 100).padStart(2, '0')}${rest}Z`, 'latin1'));
  if (year < 0 || year > 9999) throw new Error(`DER: year ${year} cannot be encoded in a certificate`);
  return tlv(TAG.generalizedTime, Buffer.from(`${String(year).padStart(4, '0')}${rest}Z`, 'latin1'));
}

/** [n] EXPLICIT: a constructed context-specific wrapper around one complete element. */
export function explicit(tagNumber: number, inner: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, inner);
}

/** [n] IMPLICIT of a primitive type: the context tag replaces the universal one. */
export function implicitPrimitive(tagNumber: number, content: Uint8Array): Buffer {
  return tlv(0x80 | tagNumber, content);
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface DerElement {
  tag: number;
  /** The value bytes, without tag and length. */
  content: Buffer;
  /** The whole element, tag and length included (what an issuer name is compared by). */
  encoded: Buffer;
}

/** Reads the element at `offset`; rejects the encodings DER forbids (indefinite or padded lengths). */
export function readElement(buffer: Buffer, offset = 0): DerElement {
  const tag = buffer[offset];
  let lengthByte = buffer[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error('DER: truncated element');
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-byte tags are not supported');
  let headerLength = 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0) throw new Error('DER: indefinite length is not allowed');
    if (count > 4) throw new Error('DER: length too large');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = buffer[offset + 2 + i];
      if (lengthByte === undefined) throw new Error('DER: truncated length');
      if (i === 0 && lengthByte === 0) throw new Error('DER: length is not minimally encoded');
      length = length * 256 + lengthByte;
    }
    if (length < 0x80) throw new Error('DER: length is not minimally encoded');
    headerLength += count;
  }
  const end = offset + headerLength + length;
  if (end > buffer.length) throw new Error('DER: element runs past the end of its container');
  return { tag, content: buffer.subarray(offset + headerLength, end), encoded: buffer.subarray(offset, end) };
}

/** The elements inside a constructed element (SEQUENCE, SET, [n] EXPLICIT). */
export function readChildren(parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = 0; offset < parent.content.length; ) {
    const child = readElement(parent.content, offset);
    children.push(child);
    offset += child.encoded.length;
  }
  return children;
}

export function readOid(element: DerElement): string {
  if (element.tag !== TAG.oid) throw new Error('DER: expected an OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of element.content) {
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  return arcs.join('.');
}

/**
 * The text of a directory string, for the string types Go's x509 parser turns into Go strings;
 * undefined for any other type (Go then leaves the attribute out of CommonName/Organization).
 */
export function readString(element: DerElement): string | undefined {
  switch (element.tag) {
    case TAG.utf8String:
      return element.content.toString('utf8');
    case TAG.printableString:
    case TAG.ia5String:
    case TAG.numericString:
    case TAG.t61String: // Go reads T61String as Latin-1
      return element.content.toString('latin1');
    case TAG.bmpString:
      return Buffer.from(element.content).swap16().toString('utf16le');
    default:
      return undefined;
  }
}
