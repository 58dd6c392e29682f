// The saved form of an embedded cluster (EmbeddedCluster.snapshot) and its checked way back in
// from untrusted bytes (parseClusterSnapshot): versioned, digested, and validated before a
// cluster is started from it.

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { nodeNames, type ClusterNode, type ClusterSpec } from '../provider.js';
import { KUBE_VERSIONS } from '../versions.js';
import type { KubeObject } from './apiserver/types.js';
import type { StoreSnapshot } from './apiserver/storage/store.js';
import type { NodeContainerStates } from './kubelet/containers/cluster-runtimes.js';
import type { ClusterPkiPem } from './pki/cluster-pki.js';

/** Bumped whenever the shape changes; a snapshot of another version is refused, not guessed at. */
export const CLUSTER_SNAPSHOT_FORMAT_VERSION = 1;

/**
 * Everything needed to bring an embedded cluster back as it was. Holds the cluster's private
 * keys: keep it as you keep credentials. Plain JSON data; `digest` covers the rest of it, so
 * store the JSON text as it is (a store that reorders object keys breaks the digest).
 */
export interface EmbeddedClusterSnapshot {
  formatVersion: typeof CLUSTER_SNAPSHOT_FORMAT_VERSION;
  /** ISO 8601. */
  takenAt: string;
  spec: ClusterSpec;
  /** The cluster's certificates, and the ServiceAccount token signing key (PKCS#8 PEM). */
  pki: ClusterPkiPem & { serviceAccountKey: string };
  /** Where each node's kubelet listened: taken again on restore when still free. */
  nodes: ClusterNode[];
  store: StoreSnapshot;
  /** What processes changed inside containers, per node. */
  containers: NodeContainerStates[];
  /** "sha256:<hex>" of the JSON of every other field, in this order. */
  digest: string;
}

export class ClusterSnapshotError extends Error {
  override readonly name = 'ClusterSnapshotError';
}

/** The digest of a snapshot's other fields; they must be in the order the interface lists them. */
export function snapshotDigest(body: Omit<EmbeddedClusterSnapshot, 'digest'>): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}

/**
 * A snapshot from untrusted input (parsed JSON, or the JSON text itself). Throws a
 * ClusterSnapshotError saying what is wrong when it is not a snapshot, is of another format
 * version, was changed after it was taken, or does not hold together.
 */
export function parseClusterSnapshot(json: unknown): EmbeddedClusterSnapshot {
  const raw = typeof json === 'string' ? parseJsonText(json) : json;
  if (!isRecord(raw) || !('formatVersion' in raw)) throw new ClusterSnapshotError('not a kubelab cluster snapshot: expected a JSON object with a "formatVersion" field');
  if (raw.formatVersion !== CLUSTER_SNAPSHOT_FORMAT_VERSION) {
    throw new ClusterSnapshotError(
      `cluster snapshot format ${JSON.stringify(raw.formatVersion)} is not supported: this kubelab reads format ${CLUSTER_SNAPSHOT_FORMAT_VERSION}; restore it with the kubelab that took it, or start a new cluster`,
    );
  }
  const { digest, ...body } = raw;
  if (typeof digest !== 'string' || digest !== snapshotDigest(body as Omit<EmbeddedClusterSnapshot, 'digest'>)) {
    throw new ClusterSnapshotError('the cluster snapshot was changed after it was taken (its sha256 digest does not match its content): restore an unmodified copy');
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new ClusterSnapshotError(`the cluster snapshot is not valid: ${issues.join('; ')}`);
  }
  checkConsistency(parsed.data);
  return parsed.data;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ClusterSnapshotError(`the cluster snapshot is not JSON (${(e as Error).message}): it may be truncated`, { cause: e });
  }
}

// ---------------------------------------------------------------------------------------------

const keyPair = z.object({
  certPem: z.string().includes('-----BEGIN CERTIFICATE-----'),
  keyPem: z.string().includes('PRIVATE KEY-----'),
});

/**
 * Stored objects are checked for what the store relies on, not copied field by field: a lab
 * snapshot holds thousands of them.
 */
const storedObject = z.custom<KubeObject>(
  (v) => isRecord(v) && isRecord(v.metadata) && typeof v.metadata.name === 'string' && typeof v.metadata.uid === 'string' && /^[1-9]\d*$/.test(String(v.metadata.resourceVersion)),
  { message: 'a stored object needs metadata.name, metadata.uid and a positive numeric metadata.resourceVersion' },
);

const pathAttributes = { path: z.string().startsWith('/'), mode: z.number().int().nonnegative(), uid: z.number().int(), gid: z.number().int(), mtime: z.iso.datetime() };

const pathState = z.discriminatedUnion('kind', [
  z.object({ path: z.string().startsWith('/'), kind: z.literal('absent') }),
  z.object({ ...pathAttributes, kind: z.literal('file'), content: z.string(), program: z.string().optional() }),
  z.object({ ...pathAttributes, kind: z.enum(['dir', 'null']) }),
]);

const snapshotSchema = z.object({
  formatVersion: z.literal(CLUSTER_SNAPSHOT_FORMAT_VERSION),
  takenAt: z.iso.datetime(),
  spec: z.object({
    name: z.string(),
    version: z.enum(KUBE_VERSIONS),
    nodes: z.number().int().optional(),
    featureGates: z.record(z.string(), z.boolean()).optional(),
    kubeletConfigPatch: z.string().optional(),
    manifests: z.array(z.string()).optional(),
  }),
  pki: z.object({ ca: keyPair, serving: keyPair, admin: keyPair, kubeletClient: keyPair, serviceAccountKey: z.string().includes('-----BEGIN PRIVATE KEY-----') }),
  nodes: z.array(z.object({ name: z.string(), internalIP: z.ipv4(), kubeletPort: z.number().int().min(1).max(65535), role: z.enum(['control-plane', 'worker']) })).min(1),
  store: z.object({ revision: z.number().int().nonnegative(), resources: z.record(z.string().regex(/^[a-z0-9.-]*\/[a-z0-9]+$/), z.array(storedObject)) }),
  containers: z.array(
    z.object({
      node: z.string(),
      containers: z.array(z.object({ namespace: z.string(), pod: z.string(), podUid: z.string(), container: z.string(), files: z.array(pathState) })),
    }),
  ),
  digest: z.string(),
});

/** What the schema cannot say: the parts must describe one cluster. */
function checkConsistency(snapshot: EmbeddedClusterSnapshot): void {
  const expected = nodeNames(snapshot.spec.name, snapshot.spec.nodes ?? 1).map((n) => `${n.name} (${n.role})`);
  const actual = snapshot.nodes.map((n) => `${n.name} (${n.role})`);
  if (expected.join() !== actual.join()) {
    throw new ClusterSnapshotError(`the cluster snapshot does not hold together: spec "${snapshot.spec.name}" has nodes ${expected.join(', ')}, the snapshot lists ${actual.join(', ') || 'none'}`);
  }
  for (const [resource, objects] of Object.entries(snapshot.store.resources)) {
    const seen = new Set<string>();
    for (const o of objects) {
      const key = `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
      if (seen.has(key)) throw new ClusterSnapshotError(`the cluster snapshot does not hold together: ${resource} "${key}" is stored twice`);
      seen.add(key);
      if (Number(o.metadata.resourceVersion) > snapshot.store.revision) {
        throw new ClusterSnapshotError(
          `the cluster snapshot does not hold together: ${resource} "${key}" has resourceVersion ${o.metadata.resourceVersion}, newer than the store's revision ${snapshot.store.revision}`,
        );
      }
    }
  }
  const nodes = new Set(snapshot.nodes.map((n) => n.name));
  const stranger = snapshot.containers.find((c) => !nodes.has(c.node));
  if (stranger) throw new ClusterSnapshotError(`the cluster snapshot does not hold together: it has containers on "${stranger.node}", which is not one of its nodes`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
