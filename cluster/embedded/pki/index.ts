/**
 * PKI of the embedded cluster: the cluster CA, the certificates kubeadm issues under it
 * (apiserver serving, admin and apiserver-kubelet-client, kubelet client...), and the self-signed
 * serving certificate a kubelet makes for itself when serving-certificate bootstrap is off.
 *
 * Why we build certificates ourselves
 * -----------------------------------
 * node:crypto generates keys and signs, and X509Certificate parses certificates, but nothing in
 * Node *builds* one. The alternatives all cost more than the few hundred lines in this folder:
 * a native module, node-forge (a dependency, with slow pure-JS crypto), or spawning `openssl`
 * (milliseconds per certificate, and not installed everywhere). A P-256 key pair plus an ECDSA
 * signature costs well under a millisecond in node:crypto, so a whole cluster PKI fits in the
 * embedded cluster's start-up budget (well under 100 ms).
 *
 * What the certificates look like (kubeadm's pkiutil profile, so `openssl x509 -text` on ours
 * reads like it does on a kubeadm cluster's):
 * - CA: subject CN (kubeadm: "kubernetes"), subjectAltName DNS = CN, basicConstraints CA:TRUE,
 *   keyUsage digitalSignature, keyEncipherment, keyCertSign; 10 years.
 * - Leaf: subject one O per group then the CN, keyUsage digitalSignature, keyEncipherment,
 *   extKeyUsage clientAuth and/or serverAuth, basicConstraints CA:FALSE, DNS/IP SANs; 1 year.
 * - All: random positive 63-bit serial, notBefore backdated 5 minutes for clock skew (kubeadm's
 *   CertificateBackdate), subjectKeyIdentifier, authorityKeyIdentifier = the issuer's key id,
 *   ecdsa-with-SHA256 signatures, P-256 keys (kubeadm's "ECDSA-P256" encryption algorithm),
 *   private keys as PEM "EC PRIVATE KEY" (SEC 1), the form kubeadm writes.
 *
 * Layout: der.ts (ASN.1 DER), distinguished-name.ts (CN/O names), extensions.ts, ip-address.ts,
 * certificate.ts (assemble and sign), identity.ts (CN/O back out of a client certificate),
 * cluster-pki.ts (one cluster's set, made fresh or loaded back from a snapshot).
 */

import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { keyIdentifier, readCertificate, signCertificate } from './certificate.js';
import { encodeName, type NameAttributes } from './distinguished-name.js';
import {
  authorityKeyIdentifier,
  basicConstraints,
  extendedKeyUsage,
  keyUsage,
  subjectAltName,
  subjectKeyIdentifier,
  type ExtendedKeyUsage,
} from './extensions.js';
import { ipAddressOctets } from './ip-address.js';

export { identityFromCertificate, type CertificateIdentity } from './identity.js';

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

export interface CertificateAuthority extends KeyPairPem {
  certificate: X509Certificate;
  /** Signs the certificates issued under this CA. */
  privateKey: KeyObject;
}

export type CertificateUsage = 'client' | 'server' | 'both';

export interface CertificateRequest {
  /** The user name when the certificate authenticates a client (kube-apiserver, kubelet). */
  commonName: string;
  /** The groups, one subject O each, in this order. */
  organizations?: readonly string[];
  usage: CertificateUsage;
  dnsNames?: readonly string[];
  /** IPv4 or IPv6 text. */
  ipAddresses?: readonly string[];
  validDays?: number;
}

export interface SelfSignedServingRequest {
  /** The node's host name (or an IP address), as the kubelet passes it to client-go's cert util. */
  hostname: string;
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
}

export interface SelfSignedServing extends KeyPairPem {
  /** The self-signed CA that signed the serving certificate; a client that wants to verify trusts it. */
  caPem: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const CLOCK_SKEW_BACKDATE_MS = 5 * MINUTE_MS;
const CA_VALID_DAYS = 3650;
const LEAF_VALID_DAYS = 365;

/** A new self-signed CA with a fresh P-256 key. kubeadm's cluster CA is named "kubernetes". */
export function createCertificateAuthority(commonName: string, opts: { validDays?: number } = {}): CertificateAuthority {
  requireCommonName(commonName, 'createCertificateAuthority');
  const notBefore = new Date(Date.now() - CLOCK_SKEW_BACKDATE_MS);
  const made = newCertificate({
    serialNumber: randomSerial(),
    subject: { commonName },
    notBefore,
    notAfter: addDays(Date.now(), opts.validDays ?? CA_VALID_DAYS, 'createCertificateAuthority'),
    isCA: true,
    purposes: [],
    dnsNames: [commonName],
    ipAddresses: [],
  });
  return { certPem: made.certPem, keyPem: made.keyPem, certificate: new X509Certificate(made.der), privateKey: made.privateKey };
}

/**
 * A CA from PEM, e.g. one kept from an earlier run so existing kubeconfigs stay valid. Throws when
 * the certificate is not a CA, the key is not its key, or the key is not P-256.
 */
export function loadCertificateAuthority(pair: KeyPairPem): CertificateAuthority {
  const certificate = new X509Certificate(pair.certPem);
  const privateKey = createPrivateKey(pair.keyPem);
  if (!certificate.ca) throw new Error(`loadCertificateAuthority: "${certificate.subject}" is not a CA certificate (no basicConstraints CA:TRUE)`);
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('loadCertificateAuthority: the CA key must be ECDSA P-256 (certificates here are signed ecdsa-with-SHA256)');
  }
  if (!certificate.checkPrivateKey(privateKey)) throw new Error('loadCertificateAuthority: the private key does not belong to the CA certificate');
  return { certPem: pair.certPem, keyPem: pair.keyPem, certificate, privateKey };
}

/** A leaf certificate and its new key, signed by `ca`. */
export function issueCertificate(ca: CertificateAuthority, req: CertificateRequest): KeyPairPem {
  requireCommonName(req.commonName, 'issueCertificate');
  const { certPem, keyPem } = newCertificate(
    {
      serialNumber: randomSerial(),
      subject: { commonName: req.commonName, organizations: req.organizations ?? [] },
      notBefore: new Date(Date.now() - CLOCK_SKEW_BACKDATE_MS),
      notAfter: addDays(Date.now(), req.validDays ?? LEAF_VALID_DAYS, 'issueCertificate'),
      isCA: false,
      purposes: PURPOSES[req.usage],
      dnsNames: req.dnsNames ?? [],
      ipAddresses: req.ipAddresses ?? [],
    },
    issuerOf(ca.certificate.raw, ca.privateKey),
  );
  return { certPem, keyPem };
}

/**
 * What a kubelet does without a serving certificate (client-go GenerateSelfSignedCertKey): its own
 * CA "<host>-ca@<unix>" (serial 1) signing "<host>@<unix>" (serial 2), both valid from an hour ago
 * for a year, serverAuth only; the host goes in an IP SAN if it is an address, else a DNS SAN.
 * `certPem` is the chain, serving certificate then CA, as in the kubelet's kubelet.crt.
 */
export function createSelfSignedServing(req: SelfSignedServingRequest): SelfSignedServing {
  requireCommonName(req.hostname, 'createSelfSignedServing');
  const unixSeconds = Math.floor(Date.now() / 1000);
  const notBefore = new Date(Date.now() - 60 * MINUTE_MS);
  const notAfter = new Date(notBefore.getTime() + 365 * DAY_MS);
  const hostIsAddress = ipAddressOctets(req.hostname) !== undefined;
  const ca = newCertificate({
    serialNumber: Buffer.from([1]),
    subject: { commonName: `${req.hostname}-ca@${unixSeconds}` },
    notBefore,
    notAfter,
    isCA: true,
    purposes: [],
    dnsNames: [],
    ipAddresses: [],
  });
  const serving = newCertificate(
    {
      serialNumber: Buffer.from([2]),
      subject: { commonName: `${req.hostname}@${unixSeconds}` },
      notBefore,
      notAfter,
      isCA: false,
      purposes: ['serverAuth'],
      dnsNames: [...(hostIsAddress ? [] : [req.hostname]), ...(req.dnsNames ?? [])],
      ipAddresses: [...(hostIsAddress ? [req.hostname] : []), ...(req.ipAddresses ?? [])],
    },
    issuerOf(ca.der, ca.privateKey),
  );
  return { certPem: serving.certPem + ca.certPem, keyPem: serving.keyPem, caPem: ca.certPem };
}

// ---------------------------------------------------------------------------------------------

const PURPOSES: Record<CertificateUsage, ExtendedKeyUsage[]> = {
  client: ['clientAuth'],
  server: ['serverAuth'],
  both: ['serverAuth', 'clientAuth'],
};

interface Profile {
  serialNumber: Buffer;
  subject: NameAttributes;
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
  purposes: ExtendedKeyUsage[];
  dnsNames: readonly string[];
  ipAddresses: readonly string[];
}

interface Issuer {
  name: Buffer;
  keyId: Buffer | undefined;
  privateKey: KeyObject;
}

function issuerOf(certificateDer: Buffer, privateKey: KeyObject): Issuer {
  const { subject, subjectKeyIdentifier } = readCertificate(certificateDer);
  return { name: subject.encoded, keyId: subjectKeyIdentifier, privateKey };
}

/** A fresh key pair and its certificate; self-signed (and, as Go does, without AKI) when no issuer. */
function newCertificate(profile: Profile, issuer?: Issuer): { der: Buffer; certPem: string; keyPem: string; privateKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const subject = encodeName(profile.subject);
  const signer = issuer ?? { name: subject, keyId: undefined, privateKey };
  const dnsNames = [...new Set(profile.dnsNames)];
  const ipAddresses = uniqueAddresses(profile.ipAddresses);
  const extensions = [
    keyUsage(profile.isCA ? ['digitalSignature', 'keyEncipherment', 'keyCertSign'] : ['digitalSignature', 'keyEncipherment']),
    ...(profile.purposes.length > 0 ? [extendedKeyUsage(profile.purposes)] : []),
    basicConstraints(profile.isCA),
    subjectKeyIdentifier(keyIdentifier(publicKey)),
    ...(signer.keyId ? [authorityKeyIdentifier(signer.keyId)] : []),
    ...(dnsNames.length + ipAddresses.length > 0 ? [subjectAltName(dnsNames, ipAddresses)] : []),
  ];
  const der = signCertificate(
    { serialNumber: profile.serialNumber, issuer: signer.name, subject, notBefore: profile.notBefore, notAfter: profile.notAfter, subjectPublicKey: publicKey, extensions },
    signer.privateKey,
  );
  return { der, certPem: certificatePem(der), keyPem: privateKey.export({ type: 'sec1', format: 'pem' }).toString(), privateKey };
}

/** Drops repeats by value ("::1" and "0::1" are one address), keeping the first spelling. */
function uniqueAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((text) => {
    const key = ipAddressOctets(text)?.toString('hex') ?? text;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Uniform in [1, 2^63): kubeadm's range, positive and at most 8 octets. */
function randomSerial(): Buffer {
  const serial = randomBytes(8);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  return serial.every((b) => b === 0) ? randomSerial() : serial;
}

function addDays(fromMs: number, days: number, caller: string): Date {
  if (!Number.isFinite(days) || days <= 0) throw new Error(`${caller}: validDays must be a positive number of days, got ${days}`);
  return new Date(fromMs + days * DAY_MS);
}

function requireCommonName(name: string, caller: string): void {
  // kube-apiserver and the kubelet take the user name from the CN and ignore certificates without one.
  if (name.trim() === '') throw new Error(`${caller}: the common name is empty; give the user or host name it stands for`);
}

function certificatePem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
