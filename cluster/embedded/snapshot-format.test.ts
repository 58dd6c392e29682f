// A snapshot comes back from storage as untrusted bytes: anything but an unmodified snapshot of
// this format is refused with a message that says what is wrong, before any cluster starts.

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourceKey } from './apiserver/storage/store.js';
import { startEmbeddedCluster } from './cluster.js';
import { generateClusterPki } from './pki/cluster-pki.js';
import { ClusterSnapshotError, parseClusterSnapshot, snapshotDigest, type EmbeddedClusterSnapshot } from './snapshot-format.js';

const CONFIGMAPS = resourceKey('', 'configmaps');
const dataDir = () => mkdtempSync(join(tmpdir(), 'kubelab-snapshot-format-'));

/** A deliberately changed snapshot whose digest was recomputed: only the content checks can catch it. */
function consistentlyChanged(snapshot: EmbeddedClusterSnapshot, change: (copy: EmbeddedClusterSnapshot) => void): EmbeddedClusterSnapshot {
  const copy = JSON.parse(JSON.stringify(snapshot)) as EmbeddedClusterSnapshot;
  change(copy);
  const { digest: _ignored, ...body } = copy;
  return { ...body, digest: snapshotDigest(body) };
}

function refusal(input: unknown): string {
  try {
    parseClusterSnapshot(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ClusterSnapshotError);
    return (e as Error).message;
  }
  throw new Error('the snapshot was accepted');
}

describe('parseClusterSnapshot', () => {
  let snapshot: EmbeddedClusterSnapshot;
  let text = '';

  beforeAll(async () => {
    const cluster = await startEmbeddedCluster({ spec: { name: `fmt${process.pid % 10000}`, version: '1.36' }, dataDir: dataDir() });
    cluster.store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { mode: 'debug' } });
    snapshot = await cluster.snapshot();
    text = JSON.stringify(snapshot);
    await cluster.delete();
  }, 30_000);

  it('reads back what a cluster wrote, from JSON text or parsed JSON', () => {
    expect(parseClusterSnapshot(text)).toEqual(snapshot);
    expect(parseClusterSnapshot(JSON.parse(text))).toEqual(snapshot);
  });

  it('refuses another format version, saying which one it reads', () => {
    expect(refusal({ ...JSON.parse(text), formatVersion: 2 })).toBe(
      'cluster snapshot format 2 is not supported: this kubelab reads format 1; restore it with the kubelab that took it, or start a new cluster',
    );
  });

  it('refuses a snapshot edited after it was taken', () => {
    expect(refusal(text.replace('"mode":"debug"', '"mode":"admin"'))).toMatch(/^the cluster snapshot was changed after it was taken/);
  });

  it('refuses truncated bytes and things that are not snapshots', () => {
    expect(refusal(text.slice(0, text.length / 2))).toMatch(/^the cluster snapshot is not JSON \(.*\): it may be truncated$/);
    expect(refusal([1, 2])).toMatch(/^not a kubelab cluster snapshot/);
    expect(refusal({ apiVersion: 'v1', kind: 'Config' })).toMatch(/^not a kubelab cluster snapshot/);
  });

  it('refuses content that does not make a cluster, even with a matching digest', () => {
    const noUid = consistentlyChanged(snapshot, (s) => delete s.store.resources[CONFIGMAPS]![0]!.metadata.uid);
    expect(refusal(noUid)).toMatch(/^the cluster snapshot is not valid: store\.resources\.\/configmaps\.0: a stored object needs metadata\.name, metadata\.uid/);

    const future = consistentlyChanged(snapshot, (s) => (s.store.revision = 3));
    expect(refusal(future)).toMatch(/^the cluster snapshot does not hold together: .* has resourceVersion \d+, newer than the store's revision 3$/);

    const extraNode = consistentlyChanged(snapshot, (s) => (s.spec.nodes = 2));
    expect(refusal(extraNode)).toBe(
      `the cluster snapshot does not hold together: spec "${snapshot.spec.name}" has nodes ${snapshot.spec.name}-control-plane (control-plane), ${snapshot.spec.name}-worker (worker), the snapshot lists ${snapshot.spec.name}-control-plane (control-plane)`,
    );
  });

  it('makes startEmbeddedCluster refuse a snapshot whose certificates or keys do not belong together', async () => {
    const foreignCa = consistentlyChanged(snapshot, (s) => {
      const other = generateClusterPki([]).ca;
      s.pki.ca = { certPem: other.certPem, keyPem: other.keyPem };
    });
    await expect(startEmbeddedCluster({ restore: foreignCa, dataDir: dataDir() })).rejects.toThrow(
      "the cluster snapshot's keys are not usable (API server serving certificate: it was not signed by the cluster CA): restore an unmodified copy",
    );

    const ecSigningKey = consistentlyChanged(snapshot, (s) => {
      s.pki.serviceAccountKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    });
    await expect(startEmbeddedCluster({ restore: ecSigningKey, dataDir: dataDir() })).rejects.toThrow('ServiceAccount signing key: expected an RSA key (tokens are signed RS256), got ec');

    await expect(startEmbeddedCluster({ restore: { ...snapshot, takenAt: '2020-01-01T00:00:00.000Z' }, dataDir: dataDir() })).rejects.toBeInstanceOf(ClusterSnapshotError);
  });
});
