// The certificates against real TLS stacks and tools: Node's tls (OpenSSL), the openssl CLI,
// curl, and kubectl (Go's strict crypto/x509 and crypto/tls). Tools that are missing are skipped.

import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, createSelfSignedServing, identityFromCertificate, issueCertificate, type KeyPairPem } from './index.js';

interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool without blocking the event loop (the TLS servers under test live in this process). */
function runTool(command: string, args: string[]): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, command)).find((path) => existsSync(path));
}

const openssl = onPath('openssl');
const curl = onPath('curl');
const kubectl = [process.env.KUBECTL, '/usr/lib/google-cloud-sdk/bin/kubectl.1.33', onPath('kubectl')].find((p): p is string => !!p && existsSync(p));

const ca = createCertificateAuthority('kubernetes');
const otherCa = createCertificateAuthority('kubernetes');
const serving = issueCertificate(ca, {
  commonName: 'kube-apiserver',
  usage: 'server',
  dnsNames: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'localhost'],
  ipAddresses: ['10.96.0.1', '127.0.0.1', '::1'],
});
const admin = issueCertificate(ca, { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'], usage: 'client' });
const kubeletClient = issueCertificate(ca, { commonName: 'kube-apiserver-kubelet-client', organizations: ['kubeadm:cluster-admins', 'a,b', 'x+y'], usage: 'client' });
const foreignAdmin = issueCertificate(otherCa, { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'], usage: 'client' });

const dir = mkdtempSync(join(tmpdir(), 'kubelab-pki-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

function pairFiles(name: string, pair: KeyPairPem): { cert: string; key: string } {
  return { cert: file(`${name}.crt`, pair.certPem), key: file(`${name}.key`, pair.keyPem) };
}

// --- a kube-apiserver-like HTTPS endpoint: client certificates optional, verified against the CA ---

interface Seen {
  authorized: boolean;
  authorizationError?: string;
  commonName?: string;
  organizations?: string[];
  peerSubjectCN?: string;
  peerSubjectO?: string | string[];
}

let server: https.Server;
let port = 0;

beforeAll(async () => {
  server = https.createServer({ key: serving.keyPem, cert: serving.certPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    const seen: Seen = { authorized: socket.authorized, authorizationError: socket.authorizationError?.toString() };
    if (peer.raw) {
      Object.assign(seen, identityFromCertificate(peer.raw), { peerSubjectCN: peer.subject.CN, peerSubjectO: peer.subject.O });
    }
    if (req.url === '/version') {
      const body = socket.authorized
        ? { major: '1', minor: '33', gitVersion: 'v1.33.12', user: seen.commonName, groups: seen.organizations }
        : { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };
      res.writeHead(socket.authorized ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function nodeGet(options: https.RequestOptions): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/whoami', agent: false, ...options }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(JSON.parse(body) as Seen));
    });
    req.on('error', reject);
  });
}

describe('Node TLS (OpenSSL) with a client certificate', () => {
  it('authenticates the admin certificate and reads CN/O from the peer certificate', async () => {
    const seen = await nodeGet({ ca: ca.certPem, cert: admin.certPem, key: admin.keyPem });
    expect(seen).toMatchObject({
      authorized: true,
      commonName: 'kubernetes-admin',
      organizations: ['kubeadm:cluster-admins'],
      peerSubjectCN: 'kubernetes-admin',
      peerSubjectO: 'kubeadm:cluster-admins',
    });
  });

  it('keeps several O values, with commas and pluses, as separate groups', async () => {
    const seen = await nodeGet({ ca: ca.certPem, cert: kubeletClient.certPem, key: kubeletClient.keyPem });
    expect(seen).toMatchObject({ authorized: true, commonName: 'kube-apiserver-kubelet-client', organizations: ['kubeadm:cluster-admins', 'a,b', 'x+y'] });
    expect(seen.peerSubjectO).toEqual(['kubeadm:cluster-admins', 'a,b', 'x+y']);
  });

  it('does not authorize a client certificate from another CA', async () => {
    const seen = await nodeGet({ ca: ca.certPem, cert: foreignAdmin.certPem, key: foreignAdmin.keyPem });
    expect(seen.authorized).toBe(false);
    expect(seen.authorizationError).toBeTruthy();
  });

  it('sees no client certificate when none is sent', async () => {
    expect(await nodeGet({ ca: ca.certPem })).toEqual({ authorized: false, authorizationError: expect.any(String) });
  });

  it('verifies the server by IP and DNS SANs, and refuses names it does not carry', async () => {
    await expect(nodeGet({ ca: ca.certPem, servername: 'kubernetes.default.svc' })).resolves.toBeDefined();
    await expect(nodeGet({ ca: ca.certPem, servername: 'evil.example' })).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('refuses the server certificate when trusting another CA, or none', async () => {
    await expect(nodeGet({ ca: otherCa.certPem })).rejects.toThrow();
    await expect(nodeGet({})).rejects.toThrow();
  });

  it('serves a kubelet self-signed chain that verifies against its own CA only', async () => {
    const kubelet = createSelfSignedServing({ hostname: 'kind-worker' });
    const kubeletServer = https.createServer({ key: kubelet.keyPem, cert: kubelet.certPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      res.end(identityFromCertificate(peer.raw).commonName);
    });
    await new Promise<void>((resolve) => kubeletServer.listen(0, '127.0.0.1', resolve));
    const kubeletPort = (kubeletServer.address() as AddressInfo).port;
    const get = (trust: string) =>
      new Promise<string>((resolve, reject) => {
        const options = { host: '127.0.0.1', port: kubeletPort, servername: 'kind-worker', ca: trust, cert: kubeletClient.certPem, key: kubeletClient.keyPem, agent: false };
        https.get(options, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
    try {
      await expect(get(kubelet.caPem)).resolves.toBe('kube-apiserver-kubelet-client');
      await expect(get(ca.certPem)).rejects.toThrow();
    } finally {
      await new Promise<void>((resolve) => kubeletServer.close(() => resolve()));
    }
  });
});

describe.skipIf(!openssl)('openssl', () => {
  const files = {
    ca: file('ca.crt', ca.certPem),
    otherCa: file('other-ca.crt', otherCa.certPem),
    admin: file('admin.crt', admin.certPem),
    serving: file('apiserver.crt', serving.certPem),
  };
  const text = (path: string) => runTool(openssl!, ['x509', '-noout', '-text', '-in', path]);
  const verify = (caFile: string, cert: string, ...extra: string[]) => runTool(openssl!, ['verify', '-x509_strict', ...extra, '-CAfile', caFile, cert]);

  it('reads the CA as kubeadm-shaped: critical CA:TRUE, certificate signing, P-256 ecdsa-with-SHA256', async () => {
    const { code, stdout } = await text(files.ca);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Version: 3 \(0x2\)/);
    expect(stdout).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
    expect(stdout).toMatch(/Issuer: CN = kubernetes\n/);
    expect(stdout).toMatch(/Subject: CN = kubernetes\n/);
    expect(stdout).toMatch(/ASN1 OID: prime256v1/);
    expect(stdout).toMatch(/X509v3 Basic Constraints: critical\n\s+CA:TRUE\n/);
    expect(stdout).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature, Key Encipherment, Certificate Sign\n/);
    expect(stdout).toMatch(/X509v3 Subject Key Identifier:/);
    expect(stdout).toMatch(/X509v3 Subject Alternative Name: \n\s+DNS:kubernetes\n/);
  });

  it('reads the admin certificate: O then CN, client auth, critical CA:FALSE, key ids', async () => {
    const { stdout } = await text(files.admin);
    expect(stdout).toMatch(/Subject: O = kubeadm:cluster-admins, CN = kubernetes-admin\n/);
    expect(stdout).toMatch(/X509v3 Extended Key Usage: \n\s+TLS Web Client Authentication\n/);
    expect(stdout).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature, Key Encipherment\n/);
    expect(stdout).toMatch(/X509v3 Basic Constraints: critical\n\s+CA:FALSE\n/);
    expect(stdout).toMatch(/X509v3 Authority Key Identifier: \n\s+[0-9A-F]{2}(:[0-9A-F]{2}){19}\n/);
  });

  it('reads the serving certificate SANs, IPv6 included', async () => {
    const { stdout } = await text(files.serving);
    expect(stdout).toMatch(/DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:localhost, IP Address:10.96.0.1, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1\n/);
    expect(stdout).toMatch(/TLS Web Server Authentication/);
  });

  it('verifies chains strictly (-x509_strict) for the purpose each certificate has', async () => {
    expect(await verify(files.ca, files.admin, '-purpose', 'sslclient')).toMatchObject({ code: 0, stdout: `${files.admin}: OK\n` });
    expect(await verify(files.ca, files.serving, '-purpose', 'sslserver')).toMatchObject({ code: 0, stdout: `${files.serving}: OK\n` });
    expect((await verify(files.ca, files.admin, '-purpose', 'sslserver')).code).not.toBe(0);
    expect((await verify(files.ca, files.serving, '-purpose', 'sslclient')).code).not.toBe(0);
  });

  it('rejects a certificate against another CA of the same name', async () => {
    const { code, stdout, stderr } = await verify(files.otherCa, files.admin);
    expect(code).not.toBe(0);
    expect(stdout + stderr).toMatch(/error \d+ at 0 depth lookup/);
  });

  it('verifies the kubelet self-signed chain against its own CA', async () => {
    const kubelet = createSelfSignedServing({ hostname: 'kind-control-plane' });
    const chain = file('kubelet.crt', kubelet.certPem);
    const result = await verify(file('kubelet-ca.crt', kubelet.caPem), chain, '-purpose', 'sslserver');
    expect(result).toMatchObject({ code: 0, stdout: `${chain}: OK\n` });
  });

  it('identity follows Go on subjects openssl can write and we never do: last CN wins, multi-valued RDNs flatten', async () => {
    const key = file('odd.key', ca.keyPem);
    const out = join(dir, 'odd.crt');
    const made = await runTool(openssl!, ['req', '-x509', '-new', '-key', key, '-out', out, '-days', '1', '-multivalue-rdn', '-subj', '/O=g1+O=g2/CN=first/O=g3/CN=last']);
    expect(made.code).toBe(0);
    expect(identityFromCertificate(new X509Certificate(readFileSync(out)))).toMatchObject({ commonName: 'last', organizations: ['g1', 'g2', 'g3'] });
  });
});

describe.skipIf(!curl)('curl', () => {
  const caFile = file('curl-ca.crt', ca.certPem);
  const adminFiles = pairFiles('curl-admin', admin);
  const foreignFiles = pairFiles('curl-foreign', foreignAdmin);
  const curlGet = (...args: string[]) => runTool(curl!, ['-sS', ...args]);

  it('presents the client certificate and trusts the server by its IP SAN', async () => {
    const { code, stdout } = await curlGet('--cacert', caFile, '--cert', adminFiles.cert, '--key', adminFiles.key, `https://127.0.0.1:${port}/whoami`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ authorized: true, commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] });
  });

  it('trusts the server by a DNS SAN', async () => {
    const { code } = await curlGet('--cacert', caFile, '--resolve', `kubernetes.default.svc:${port}:127.0.0.1`, `https://kubernetes.default.svc:${port}/whoami`);
    expect(code).toBe(0);
  });

  it('fails server verification without the CA (exit 60)', async () => {
    expect((await curlGet(`https://127.0.0.1:${port}/whoami`)).code).toBe(60);
  });

  it('gets no authorization with a client certificate from another CA', async () => {
    const { stdout } = await curlGet('--cacert', caFile, '--cert', foreignFiles.cert, '--key', foreignFiles.key, `https://127.0.0.1:${port}/whoami`);
    expect(JSON.parse(stdout)).toMatchObject({ authorized: false });
  });
});

describe.skipIf(!kubectl)(`kubectl (${kubectl ?? 'not found: set KUBECTL'})`, () => {
  function kubeconfig(name: string, trust: string, user: KeyPairPem, tlsServerName?: string): string {
    const b64 = (pem: string) => Buffer.from(pem).toString('base64');
    return file(
      `${name}.kubeconfig`,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: kubelab',
        '  cluster:',
        `    server: https://127.0.0.1:${port}`,
        `    certificate-authority-data: ${b64(trust)}`,
        ...(tlsServerName ? [`    tls-server-name: ${tlsServerName}`] : []),
        'users:',
        '- name: user',
        '  user:',
        `    client-certificate-data: ${b64(user.certPem)}`,
        `    client-key-data: ${b64(user.keyPem)}`,
        'contexts:',
        '- name: kubelab',
        '  context: { cluster: kubelab, user: user }',
        'current-context: kubelab',
        '',
      ].join('\n'),
    );
  }
  const getVersion = (config: string) => runTool(kubectl!, ['--kubeconfig', config, 'get', '--raw', '/version']);

  it('accepts the CA and client certificate (Go x509 parses both, verifies the IP SAN)', async () => {
    const { code, stdout, stderr } = await getVersion(kubeconfig('admin', ca.certPem, admin));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ gitVersion: 'v1.33.12', user: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] });
  });

  it('verifies the server by a DNS SAN (tls-server-name) and sends a multi-O certificate', async () => {
    const { code, stdout } = await getVersion(kubeconfig('kubelet-client', ca.certPem, kubeletClient, 'kubernetes.default.svc'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ user: 'kube-apiserver-kubelet-client', groups: ['kubeadm:cluster-admins', 'a,b', 'x+y'] });
  });

  it('refuses a server whose certificate another CA signed', async () => {
    const { code, stderr } = await getVersion(kubeconfig('wrong-ca', otherCa.certPem, admin));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/x509: certificate signed by unknown authority/);
  });

  it('refuses a server name the certificate does not carry', async () => {
    const { code, stderr } = await getVersion(kubeconfig('wrong-name', ca.certPem, admin, 'evil.example'));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/x509: certificate is valid for .*not evil\.example/);
  });
});
