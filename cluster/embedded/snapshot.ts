// Taking an embedded cluster's snapshot: its spec, keys and certificates, nodes, stored objects
// and what processes changed inside containers, in the saved form of snapshot-format.ts.

import type { ClusterNode, ClusterSpec } from '../provider.js';
import type { SigningKey } from './apiserver/serviceaccount/jwt.js';
import type { ObjectStore } from './apiserver/storage/store.js';
import type { NodeContainerStates } from './kubelet/containers/cluster-runtimes.js';
import { exportClusterPki, type ClusterPki } from './pki/cluster-pki.js';
import { CLUSTER_SNAPSHOT_FORMAT_VERSION, snapshotDigest, type EmbeddedClusterSnapshot } from './snapshot-format.js';
import { exportSigningKey } from './snapshot-keys.js';

export interface ClusterState {
  spec: ClusterSpec;
  pki: ClusterPki;
  signingKey: SigningKey;
  nodes: readonly ClusterNode[];
  store: ObjectStore;
  containers: NodeContainerStates[];
  takenAt: Date;
}

/** Everything at once, in one synchronous step, so no write can fall between the parts. */
export function captureClusterSnapshot(state: ClusterState): EmbeddedClusterSnapshot {
  const body: Omit<EmbeddedClusterSnapshot, 'digest'> = {
    formatVersion: CLUSTER_SNAPSHOT_FORMAT_VERSION,
    takenAt: state.takenAt.toISOString(),
    spec: state.spec,
    pki: { ...exportClusterPki(state.pki), serviceAccountKey: exportSigningKey(state.signingKey) },
    nodes: state.nodes.map((n) => ({ name: n.name, internalIP: n.internalIP, kubeletPort: n.kubeletPort, role: n.role })),
    store: state.store.snapshot(),
    containers: state.containers,
  };
  return { ...body, digest: snapshotDigest(body) };
}
