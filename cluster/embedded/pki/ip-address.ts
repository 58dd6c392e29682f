// IP address text to the octets a subjectAltName iPAddress carries (RFC 5280 4.2.1.6).
// Like Go's x509 (which kubeadm uses), an IPv4-mapped IPv6 address is written as its 4 IPv4 octets.

/** The 4 or 16 octets of `text`, or undefined when it is not an IPv4 or IPv6 address. */
export function ipAddressOctets(text: string): Buffer | undefined {
  if (text.includes(':')) {
    const v6 = parseIPv6(text);
    if (v6 && v6.subarray(0, 12).equals(IPV4_MAPPED_PREFIX)) return v6.subarray(12);
    return v6;
  }
  return parseIPv4(text);
}

const IPV4_MAPPED_PREFIX = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);

function parseIPv4(text: string): Buffer | undefined {
  const parts = text.split('.');
  // Leading zeros are refused, as Go's net.ParseIP does: "010" is octal to some parsers.
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return Buffer.from(parts.map(Number));
}

function parseIPv6(text: string): Buffer | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const words: number[][] = [];
  for (const [index, half] of groups.entries()) {
    const parsed: number[] = [];
    for (const [position, group] of half.entries()) {
      const isLast = index === groups.length - 1 && position === half.length - 1;
      const v4 = isLast && group.includes('.') ? parseIPv4(group) : undefined;
      if (v4) parsed.push(v4.readUInt16BE(0), v4.readUInt16BE(2));
      else if (/^[0-9a-fA-F]{1,4}$/.test(group)) parsed.push(parseInt(group, 16));
      else return undefined;
    }
    words.push(parsed);
  }
  const [head = [], tail = []] = words;
  const missing = 8 - head.length - tail.length;
  if (words.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(words.length === 1 ? 0 : missing).fill(0), ...tail];
  const octets = Buffer.alloc(16);
  all.forEach((word, i) => octets.writeUInt16BE(word, i * 2));
  return octets;
}
