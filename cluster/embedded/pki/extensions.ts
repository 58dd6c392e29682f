// The X.509 v3 extensions a Kubernetes PKI uses (RFC 5280 4.2), marked critical where Go's
// x509.CreateCertificate (kubeadm, client-go's cert util) marks them.

import { boolean, ia5Octets, implicitPrimitive, namedBits, octetString, oid, sequence } from './der.js';
import { ipAddressOctets } from './ip-address.js';

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  // DER omits a DEFAULT FALSE `critical` rather than writing FALSE.
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** cA omitted for leaves (DEFAULT FALSE), as Go writes BasicConstraintsValid without IsCA. */
export function basicConstraints(isCA: boolean): Buffer {
  return extension('2.5.29.19', true, isCA ? sequence(boolean(true)) : sequence());
}

const KEY_USAGE_BITS = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5 } as const;
export type KeyUsage = keyof typeof KEY_USAGE_BITS;

export function keyUsage(usages: readonly KeyUsage[]): Buffer {
  return extension('2.5.29.15', true, namedBits(usages.map((u) => KEY_USAGE_BITS[u])));
}

const EXTENDED_KEY_USAGE_OIDS = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' } as const;
export type ExtendedKeyUsage = keyof typeof EXTENDED_KEY_USAGE_OIDS;

export function extendedKeyUsage(purposes: readonly ExtendedKeyUsage[]): Buffer {
  return extension('2.5.29.37', false, sequence(...purposes.map((p) => oid(EXTENDED_KEY_USAGE_OIDS[p]))));
}

/** dNSName is [2] IA5String, iPAddress is [7] OCTET STRING of 4 or 16 octets. */
export function subjectAltName(dnsNames: readonly string[], ipAddresses: readonly string[]): Buffer {
  const names = [
    ...dnsNames.map((name) => {
      if (name === '') throw new Error('certificate: a DNS name in subjectAltName cannot be empty');
      return implicitPrimitive(2, ia5Octets(name));
    }),
    ...ipAddresses.map((ip) => {
      const octets = ipAddressOctets(ip);
      if (!octets) throw new Error(`certificate: "${ip}" is not an IPv4 or IPv6 address`);
      return implicitPrimitive(7, octets);
    }),
  ];
  return extension('2.5.29.17', false, sequence(...names));
}

export const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';

export function subjectKeyIdentifier(keyId: Buffer): Buffer {
  return extension(OID_SUBJECT_KEY_IDENTIFIER, false, octetString(keyId));
}

/** Only the keyIdentifier [0] field, as Go writes it. */
export function authorityKeyIdentifier(keyId: Buffer): Buffer {
  return extension('2.5.29.35', false, sequence(implicitPrimitive(0, keyId)));
}
