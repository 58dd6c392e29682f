// X.509 names as Kubernetes uses them: a CN (the user name) and any number of O values (groups).

import { oid, readChildren, readOid, readString, sequence, setOf, utf8String, type DerElement } from './der.js';

const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';

export interface NameAttributes {
  commonName: string;
  organizations?: readonly string[];
}

/**
 * The DER Name, laid out as Go's pkix.Name.ToRDNSequence lays out kubeadm's names: one RDN per
 * O value, in order, then the CN. Values are UTF8String, which every parser accepts (RFC 5280).
 */
export function encodeName({ commonName, organizations = [] }: NameAttributes): Buffer {
  const rdn = (type: string, value: string) => setOf(sequence(oid(type), utf8String(value)));
  return sequence(...organizations.map((o) => rdn(OID_ORGANIZATION, o)), rdn(OID_COMMON_NAME, commonName));
}

/**
 * CN and O values exactly as Go's pkix.Name.FillFromRDNSequence reads them (and so as
 * kube-apiserver's and the kubelet's x509 authenticators see them): multi-valued RDNs are
 * flattened, every O is kept in order, the last CN wins, and non-string values are skipped.
 */
export function decodeName(name: DerElement): { commonName: string; organizations: string[] } {
  let commonName = '';
  const organizations: string[] = [];
  for (const rdn of readChildren(name)) {
    for (const attribute of readChildren(rdn)) {
      const [type, value] = readChildren(attribute);
      if (!type || !value) throw new Error('certificate: malformed name attribute');
      const text = readString(value);
      if (text === undefined) continue;
      const typeOid = readOid(type);
      if (typeOid === OID_COMMON_NAME) commonName = text;
      else if (typeOid === OID_ORGANIZATION) organizations.push(text);
    }
  }
  return { commonName, organizations };
}
