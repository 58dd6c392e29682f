import fc from 'fast-check';
import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ipAddressOctets } from './ip-address.js';

const octets = (text: string) => ipAddressOctets(text)?.toString('hex');

describe('IP addresses for subjectAltName', () => {
  it.each([
    ['127.0.0.1', '7f000001'],
    ['10.96.0.1', '0a600001'],
    ['::1', '00000000000000000000000000000001'],
    ['::', '00000000000000000000000000000000'],
    ['fd00:10:96::1', 'fd000010009600000000000000000001'],
    ['2001:DB8:0:0:8:800:200C:417A', '20010db80000000000080800200c417a'],
    ['1::', '00010000000000000000000000000000'],
    ['64:ff9b::192.0.2.33', '0064ff9b0000000000000000c0000221'],
  ])('%s is %s', (text, expected) => {
    expect(octets(text)).toBe(expected);
  });

  it('writes an IPv4-mapped IPv6 address as 4 octets, as Go does', () => {
    expect(octets('::ffff:192.168.1.5')).toBe('c0a80105');
  });

  it.each(['', 'localhost', '256.0.0.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1', '1:', 'fe80::1%eth0', '12345::'])(
    'refuses %j',
    (text) => {
      expect(ipAddressOctets(text)).toBeUndefined();
    },
  );

  it('reads any IPv6 address back to its octets, written in full or with its longest zero run as "::"', () => {
    const words = fc.array(fc.oneof(fc.constant(0), fc.nat(0xffff)), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(words, (ws) => {
        const expected = Buffer.alloc(16);
        ws.forEach((w, i) => expected.writeUInt16BE(w, i * 2));
        const mapped = expected.subarray(0, 12).equals(Buffer.from('00000000000000000000ffff', 'hex'));
        const want = (mapped ? expected.subarray(12) : expected).toString('hex');
        const full = ws.map((w) => w.toString(16)).join(':');
        expect(isIP(full)).toBe(6);
        expect(octets(full)).toBe(want);
        expect(octets(compress(ws))).toBe(want);
      }),
    );
  });

  it('reads any dotted-quad IPv4 address', () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), (parts) => {
        expect(octets(parts.join('.'))).toBe(Buffer.from(parts).toString('hex'));
      }),
    );
  });
});

/** RFC 5952 style: the longest run of two or more zero words becomes "::". */
function compress(words: number[]): string {
  let best = { start: -1, length: 1 };
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j < words.length && words[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hexWords = words.map((w) => w.toString(16));
  if (best.start < 0) return hexWords.join(':');
  return `${hexWords.slice(0, best.start).join(':')}::${hexWords.slice(best.start + best.length).join(':')}`;
}
