// The certificates of one cluster as kubeadm issues them: the cluster CA, the API server's serving
// certificate, the admin's client certificate and the API server's client certificate for
// kubelets. Made fresh for a new cluster, or loaded (and checked) from a snapshot so that
// kubeconfigs written before a restart still work.

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createCertificateAuthority, issueCertificate, loadCertificateAuthority, type CertificateAuthority, type KeyPairPem } from './index.js';

export interface ClusterPki {
  ca: CertificateAuthority;
  serving: KeyPairPem;
  admin: KeyPairPem;
  kubeletClient: KeyPairPem;
}

/** The same certificates as PEM only, as a snapshot keeps them. */
export interface ClusterPkiPem {
  ca: KeyPairPem;
  serving: KeyPairPem;
  admin: KeyPairPem;
  kubeletClient: KeyPairPem;
}

const LEAVES = ['serving', 'admin', 'kubeletClient'] as const;

const LEAF_NAMES: Record<(typeof LEAVES)[number], string> = {
  serving: 'API server serving certificate',
  admin: 'admin client certificate',
  kubeletClient: 'API server kubelet-client certificate',
};

/** Certificates as kubeadm issues them; the kubelet-client cert's groups changed in 2026 patch releases. */
export function generateClusterPki(kubeletClientGroups: readonly string[]): ClusterPki {
  const ca = createCertificateAuthority('kubernetes');
  return {
    ca,
    // The SANs kubeadm puts on apiserver.crt, with our loopback address.
    serving: issueCertificate(ca, {
      commonName: 'kube-apiserver',
      usage: 'server',
      dnsNames: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost'],
      ipAddresses: ['10.96.0.1', '127.0.0.1'],
    }),
    admin: issueCertificate(ca, { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'], usage: 'client' }),
    kubeletClient: issueCertificate(ca, {
      commonName: 'kube-apiserver-kubelet-client',
      organizations: [...kubeletClientGroups],
      usage: 'client',
    }),
  };
}

export function exportClusterPki(pki: ClusterPki): ClusterPkiPem {
  return {
    ca: { certPem: pki.ca.certPem, keyPem: pki.ca.keyPem },
    serving: pki.serving,
    admin: pki.admin,
    kubeletClient: pki.kubeletClient,
  };
}

/**
 * The cluster's certificates from PEM. Throws, naming the certificate, when one does not parse,
 * was not signed by the cluster CA, or does not belong to its key.
 */
export function loadClusterPki(pem: ClusterPkiPem): ClusterPki {
  const ca = guarded('cluster CA', () => loadCertificateAuthority(pem.ca));
  for (const leaf of LEAVES) {
    const name = LEAF_NAMES[leaf];
    guarded(name, () => {
      const certificate = new X509Certificate(pem[leaf].certPem);
      if (!certificate.checkIssued(ca.certificate) || !certificate.verify(ca.certificate.publicKey)) throw new Error('it was not signed by the cluster CA');
      if (!certificate.checkPrivateKey(createPrivateKey(pem[leaf].keyPem))) throw new Error('the private key does not belong to it');
    });
  }
  return { ca, serving: pem.serving, admin: pem.admin, kubeletClient: pem.kubeletClient };
}

function guarded<T>(what: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message.replace(/^loadCertificateAuthority: /, '')}`, { cause: e });
  }
}
