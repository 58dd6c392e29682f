import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readChildren, readElement, readOid, TAG } from './der.js';
import { createCertificateAuthority, createSelfSignedServing, identityFromCertificate, issueCertificate, loadCertificateAuthority } from './index.js';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const ca = createCertificateAuthority('kubernetes');
// Same name, different key: the "certificate from another cluster" case.
const otherCa = createCertificateAuthority('kubernetes');

const x509 = (pem: string) => new X509Certificate(pem);

/** Extensions by OID with their critical flag, read straight from the DER. */
function extensionsOf(cert: X509Certificate): Map<string, { critical: boolean; value: Buffer }> {
  const [tbs] = readChildren(readElement(cert.raw));
  const field = readChildren(tbs!).find((f) => f.tag === 0xa3);
  const result = new Map<string, { critical: boolean; value: Buffer }>();
  for (const ext of readChildren(readChildren(field!)[0]!)) {
    const parts = readChildren(ext);
    result.set(readOid(parts[0]!), { critical: parts.length === 3 && parts[1]!.content[0] === 0xff, value: parts[parts.length - 1]!.content });
  }
  return result;
}

function serialOf(cert: X509Certificate): bigint {
  return BigInt(`0x${cert.serialNumber}`);
}

describe('createCertificateAuthority', () => {
  const cert = ca.certificate;

  it('is a self-signed CA named as asked, verifiable with its own key', () => {
    expect(cert.ca).toBe(true);
    expect(cert.subject).toBe('CN=kubernetes');
    expect(cert.issuer).toBe('CN=kubernetes');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkIssued(cert)).toBe(true);
    expect(x509(ca.certPem).fingerprint256).toBe(cert.fingerprint256);
  });

  it('carries kubeadm CA extensions: critical CA:TRUE and keyCertSign, a key id, and the CN as DNS SAN', () => {
    const exts = extensionsOf(cert);
    expect(exts.get('2.5.29.19')).toEqual({ critical: true, value: Buffer.from('30030101ff', 'hex') });
    expect(exts.get('2.5.29.15')).toEqual({ critical: true, value: Buffer.from('030202a4', 'hex') });
    expect(exts.get('2.5.29.14')?.value.length).toBe(22); // OCTET STRING of a 20-byte SHA-1 key id
    expect(exts.has('2.5.29.35')).toBe(false); // self-signed: no AKI, as Go writes it
    expect(cert.subjectAltName).toBe('DNS:kubernetes');
  });

  it('comes with its P-256 key as an SEC 1 "EC PRIVATE KEY" PEM', () => {
    expect(ca.keyPem).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    const key = createPrivateKey(ca.keyPem);
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.checkPrivateKey(key)).toBe(true);
  });

  it('is valid from a few minutes ago (clock skew) for ten years by default, or for validDays', () => {
    const now = Date.now();
    const from = Date.parse(cert.validFrom);
    expect(from).toBeLessThan(now - 4 * MINUTE);
    expect(from).toBeGreaterThan(now - 6 * MINUTE);
    expect(Date.parse(cert.validTo) - now).toBeGreaterThan(3649 * DAY);
    const short = createCertificateAuthority('short', { validDays: 2 }).certificate;
    expect(Date.parse(short.validTo) - now).toBeLessThanOrEqual(2 * DAY);
    expect(Date.parse(short.validTo) - now).toBeGreaterThan(2 * DAY - MINUTE);
  });

  it('gives every CA its own key', () => {
    expect(ca.certificate.verify(otherCa.certificate.publicKey)).toBe(false);
  });
});

describe('issueCertificate', () => {
  const admin = issueCertificate(ca, { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'], usage: 'client' });
  const adminCert = x509(admin.certPem);
  const apiserver = issueCertificate(ca, {
    commonName: 'kube-apiserver',
    usage: 'server',
    dnsNames: ['kind-control-plane', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost'],
    ipAddresses: ['10.96.0.1', '172.18.0.2', '127.0.0.1', '::1'],
  });
  const apiserverCert = x509(apiserver.certPem);

  it('chains to the CA: signature verifies with the CA key and the CA is its issuer', () => {
    expect(adminCert.verify(ca.certificate.publicKey)).toBe(true);
    expect(adminCert.checkIssued(ca.certificate)).toBe(true);
    expect(adminCert.issuer).toBe('CN=kubernetes');
    expect(adminCert.ca).toBe(false);
  });

  it('is rejected by another CA, even one with the same name', () => {
    expect(adminCert.verify(otherCa.certificate.publicKey)).toBe(false);
    expect(adminCert.checkIssued(otherCa.certificate)).toBe(false);
    const foreign = x509(issueCertificate(otherCa, { commonName: 'kubernetes-admin', usage: 'client' }).certPem);
    expect(foreign.verify(ca.certificate.publicKey)).toBe(false);
    expect(foreign.checkIssued(ca.certificate)).toBe(false);
  });

  it('puts the subject as kubeadm does: O values then CN', () => {
    expect(adminCert.subject).toBe('O=kubeadm:cluster-admins\nCN=kubernetes-admin');
  });

  it('marks the extended key usage asked for', () => {
    expect(adminCert.keyUsage).toEqual([CLIENT_AUTH]);
    expect(apiserverCert.keyUsage).toEqual([SERVER_AUTH]);
    const both = x509(issueCertificate(ca, { commonName: 'etcd', usage: 'both' }).certPem);
    expect(both.keyUsage).toEqual([SERVER_AUTH, CLIENT_AUTH]);
  });

  it('carries leaf extensions: critical CA:FALSE, critical digitalSignature+keyEncipherment, AKI = CA key id', () => {
    const exts = extensionsOf(adminCert);
    expect(exts.get('2.5.29.19')).toEqual({ critical: true, value: Buffer.from('3000', 'hex') });
    expect(exts.get('2.5.29.15')).toEqual({ critical: true, value: Buffer.from('030205a0', 'hex') });
    expect(exts.get('2.5.29.37')?.critical).toBe(false);
    const caKeyId = extensionsOf(ca.certificate).get('2.5.29.14')!.value.subarray(2);
    expect(exts.get('2.5.29.35')?.value.subarray(4)).toEqual(caKeyId);
    expect(exts.has('2.5.29.17')).toBe(false); // no SANs asked, none written
  });

  it('names every DNS name and IP address in subjectAltName, and only those', () => {
    expect(apiserverCert.subjectAltName).toBe(
      'DNS:kind-control-plane, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, DNS:localhost, ' +
        'IP Address:10.96.0.1, IP Address:172.18.0.2, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(apiserverCert.checkHost('kubernetes.default.svc')).toBe('kubernetes.default.svc');
    expect(apiserverCert.checkIP('10.96.0.1')).toBe('10.96.0.1');
    expect(apiserverCert.checkIP('::1')).toBe('::1');
    expect(apiserverCert.checkHost('example.com')).toBeUndefined();
    expect(apiserverCert.checkIP('10.96.0.2')).toBeUndefined();
  });

  it('drops repeated SANs, comparing addresses by value', () => {
    const cert = x509(issueCertificate(ca, { commonName: 'x', usage: 'server', dnsNames: ['a', 'a'], ipAddresses: ['::1', '0:0::1'] }).certPem);
    expect(cert.subjectAltName).toBe('DNS:a, IP Address:0:0:0:0:0:0:0:1');
  });

  it('gives each certificate its own key and a random positive serial of at most 63 bits', () => {
    expect(adminCert.checkPrivateKey(createPrivateKey(admin.keyPem))).toBe(true);
    expect(adminCert.checkPrivateKey(createPrivateKey(apiserver.keyPem))).toBe(false);
    const serials = [adminCert, apiserverCert, ca.certificate].map(serialOf);
    expect(new Set(serials).size).toBe(3);
    for (const serial of serials) {
      expect(serial).toBeGreaterThan(0n);
      expect(serial).toBeLessThan(2n ** 63n);
    }
  });

  it('is valid from a few minutes ago for a year by default, or for validDays', () => {
    const now = Date.now();
    expect(Date.parse(adminCert.validFrom)).toBeLessThan(now - 4 * MINUTE);
    expect(Date.parse(adminCert.validTo) - now).toBeGreaterThan(364 * DAY);
    expect(Date.parse(adminCert.validTo) - now).toBeLessThanOrEqual(365 * DAY);
    const week = x509(issueCertificate(ca, { commonName: 'x', usage: 'client', validDays: 7 }).certPem);
    expect(Date.parse(week.validTo) - now).toBeLessThanOrEqual(7 * DAY);
    expect(Date.parse(week.validTo) - now).toBeGreaterThan(7 * DAY - MINUTE);
  });

  it('refuses requests that cannot make a usable certificate, saying why', () => {
    expect(() => issueCertificate(ca, { commonName: ' ', usage: 'client' })).toThrow(/common name is empty/);
    expect(() => issueCertificate(ca, { commonName: 'x', usage: 'server', ipAddresses: ['10.0.0.300'] })).toThrow(/"10.0.0.300" is not an IPv4 or IPv6 address/);
    expect(() => issueCertificate(ca, { commonName: 'x', usage: 'server', dnsNames: ['bücher.example'] })).toThrow(/not an IA5/);
    expect(() => issueCertificate(ca, { commonName: 'x', usage: 'server', dnsNames: [''] })).toThrow(/DNS name .* cannot be empty/);
    expect(() => issueCertificate(ca, { commonName: 'x', usage: 'client', validDays: 0 })).toThrow(/validDays must be a positive number/);
  });
});

describe('identityFromCertificate', () => {
  it('reads the kubeadm admin identity: CN is the user, O the group', () => {
    const cert = x509(issueCertificate(ca, { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'], usage: 'client' }).certPem);
    expect(identityFromCertificate(cert)).toMatchObject({ commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] });
  });

  it('keeps every O in order, with characters X509Certificate.subject escapes or splits on', () => {
    const organizations = ['system:nodes', 'a,b', 'x+y=z', 'quote"back\\slash', 'new\nline', 'ünïcödé', 'system:nodes', ''];
    const cert = x509(issueCertificate(ca, { commonName: 'system:node:kind-worker, really', organizations, usage: 'client' }).certPem);
    expect(identityFromCertificate(cert)).toMatchObject({ commonName: 'system:node:kind-worker, really', organizations });
  });

  it('accepts DER bytes, as tls.PeerCertificate.raw gives them, and names the credential by its SHA-256', () => {
    const cert = x509(issueCertificate(ca, { commonName: 'kube-apiserver-kubelet-client', organizations: ['kubeadm:cluster-admins'], usage: 'client' }).certPem);
    const fromDer = identityFromCertificate(Buffer.from(cert.raw));
    expect(fromDer).toEqual(identityFromCertificate(cert));
    expect(fromDer.credentialId).toBe(`X509SHA256=${createHash('sha256').update(cert.raw).digest('hex')}`);
    expect(fromDer.organizations).toEqual(['kubeadm:cluster-admins']);
  });

  it('refuses bytes that are not a certificate', () => {
    expect(() => identityFromCertificate(Buffer.from('not a certificate'))).toThrow();
  });
});

describe('createSelfSignedServing (a kubelet without serving-certificate bootstrap)', () => {
  const before = Math.floor(Date.now() / 1000);
  const serving = createSelfSignedServing({ hostname: 'kind-worker' });
  const after = Math.floor(Date.now() / 1000);
  const [leafPem, chainCaPem] = serving.certPem.split(/(?<=-----END CERTIFICATE-----\n)/);
  const leaf = x509(leafPem!);
  const servingCa = x509(serving.caPem);

  it('names the CA "<host>-ca@<unix>" and the certificate "<host>@<unix>"', () => {
    const stamp = /^CN=kind-worker-ca@(\d+)$/.exec(servingCa.subject)?.[1];
    expect(Number(stamp)).toBeGreaterThanOrEqual(before);
    expect(Number(stamp)).toBeLessThanOrEqual(after);
    expect(leaf.subject).toBe(`CN=kind-worker@${stamp}`);
    expect(leaf.issuer).toBe(servingCa.subject);
  });

  it('serves the chain, certificate then its CA, as kubelet.crt holds it', () => {
    expect(chainCaPem).toBe(serving.caPem);
    expect(leaf.checkIssued(servingCa)).toBe(true);
    expect(leaf.verify(servingCa.publicKey)).toBe(true);
    expect(servingCa.ca).toBe(true);
    expect(leaf.checkPrivateKey(createPrivateKey(serving.keyPem))).toBe(true);
  });

  it('is a serverAuth certificate for the host name, not trusted by the cluster CA', () => {
    expect(leaf.keyUsage).toEqual([SERVER_AUTH]);
    expect(leaf.subjectAltName).toBe('DNS:kind-worker');
    expect(leaf.checkIssued(ca.certificate)).toBe(false);
    expect(leaf.verify(ca.certificate.publicKey)).toBe(false);
  });

  it('uses serials 1 and 2 and is valid from an hour ago for a year, as client-go does', () => {
    expect(serialOf(servingCa)).toBe(1n);
    expect(serialOf(leaf)).toBe(2n);
    const from = Date.parse(leaf.validFrom);
    expect(Date.now() - from).toBeGreaterThan(59 * MINUTE);
    expect(Date.parse(leaf.validTo) - from).toBe(365 * DAY);
  });

  it('puts an address host in an IP SAN, with any extra names after it', () => {
    const byAddress = createSelfSignedServing({ hostname: '172.18.0.3', dnsNames: ['kind-worker'], ipAddresses: ['fd00::3'] });
    expect(x509(byAddress.certPem).subjectAltName).toBe('DNS:kind-worker, IP Address:172.18.0.3, IP Address:FD00:0:0:0:0:0:0:3');
  });
});

describe('loadCertificateAuthority', () => {
  it('issues from a CA kept as PEM, chaining to the original', () => {
    const loaded = loadCertificateAuthority({ certPem: ca.certPem, keyPem: ca.keyPem });
    const cert = x509(issueCertificate(loaded, { commonName: 'system:kube-controller-manager', usage: 'client' }).certPem);
    expect(cert.checkIssued(ca.certificate)).toBe(true);
    expect(cert.verify(ca.certificate.publicKey)).toBe(true);
  });

  it('refuses a key that is not the CA key, and a certificate that is not a CA', () => {
    expect(() => loadCertificateAuthority({ certPem: ca.certPem, keyPem: otherCa.keyPem })).toThrow(/does not belong to the CA certificate/);
    const leaf = issueCertificate(ca, { commonName: 'x', usage: 'client' });
    expect(() => loadCertificateAuthority(leaf)).toThrow(/"CN=x" is not a CA certificate/);
  });
});

describe('encoding details strict parsers check', () => {
  it('writes a v3 certificate signed ecdsa-with-SHA256 with absent parameters, in both places', () => {
    const cert = x509(issueCertificate(ca, { commonName: 'x', usage: 'client' }).certPem);
    const [tbs, algorithm, signature] = readChildren(readElement(cert.raw));
    const [version, serial, innerAlgorithm] = readChildren(tbs!);
    expect(version!.encoded.toString('hex')).toBe('a003020102');
    expect(serial!.tag).toBe(TAG.integer);
    expect(algorithm!.encoded.toString('hex')).toBe('300a06082a8648ce3d040302');
    expect(innerAlgorithm!.encoded.equals(algorithm!.encoded)).toBe(true);
    expect(signature!.tag).toBe(TAG.bitString);
    expect(signature!.content[0]).toBe(0); // no unused bits
  });

  it('writes the subject public key info byte for byte as OpenSSL does (named curve, uncompressed point)', () => {
    const pair = issueCertificate(ca, { commonName: 'x', usage: 'client' });
    const [tbs] = readChildren(readElement(x509(pair.certPem).raw));
    const spki = readChildren(tbs!)[6]!;
    expect(spki.encoded).toEqual(createPublicKey(createPrivateKey(pair.keyPem)).export({ type: 'spki', format: 'der' }));
  });
});
