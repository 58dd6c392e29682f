import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../apiserver/serviceaccount/jwt.js';
import { ServiceAccountTokens } from '../../apiserver/serviceaccount/tokens.js';
import { ObjectStore, resourceKey } from '../../apiserver/storage/store.js';
import { objectsFromStore } from './cluster-objects.js';
import { SimulatedContainerRuntime } from './runtime.js';
import { NODE, NOW, pod } from './test-support.js';
import { podTokenIssuer } from './token-issuer.js';

/** The runtime wired as the cluster does it: objects and tokens straight from the API server's store. */
function wiredRuntime() {
  const store = new ObjectStore(() => NOW);
  const core = (plural: string) => resourceKey('', plural);
  store.create(core('nodes'), { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE } });
  store.create(core('serviceaccounts'), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'team-a' } });
  store.create(core('configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'team-a' }, data: { 'ca.crt': 'CA PEM\n' } });
  store.create(core('configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'team-a' }, data: { 'mode': 'debug' } });
  store.create(core('secrets'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'team-a' }, data: { password: Buffer.from('s3cr3t').toString('base64') } });
  store.create(core('services'), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } });
  store.create(core('services'), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api-gateway', namespace: 'team-a' }, spec: { clusterIP: '10.96.44.2', ports: [{ name: 'http', port: 8080 }] } });
  const app = pod('app', {
    name: 'app',
    image: 'alpine:3.21',
    command: ['sleep', '3600'],
    env: [
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'URL', value: 'http://$(API_GATEWAY_SERVICE_HOST):$(API_GATEWAY_SERVICE_PORT)' },
    ],
    volumeMounts: [
      { name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
      { name: 'db', mountPath: '/etc/db', readOnly: true },
    ],
  });
  (app.spec as { volumes: unknown[] }).volumes.push({ name: 'db', secret: { secretName: 'db' } });
  const stored = store.create(core('pods'), { ...app, metadata: { ...app.metadata, uid: undefined } });
  const key = generateSigningKey();
  const objects = objectsFromStore(store);
  const tokens = new ServiceAccountTokens(key, { serviceAccount: objects.serviceAccount, bound: (kind, ns, name) => store.get(core(`${kind.toLowerCase()}s`), kind === 'Node' ? undefined : ns, name) }, () => NOW);
  const runtime = new SimulatedContainerRuntime({
    nodeName: NODE,
    objects,
    issueToken: podTokenIssuer(tokens, objects),
    extendWebSocketsToKubelet: false,
    kubeletVersion: 'v1.33.12',
    clock: () => NOW,
  });
  return { runtime, tokens, uid: stored.metadata.uid! };
}

describe('the runtime wired to the API server store', () => {
  const target = { namespace: 'team-a', pod: 'app', container: 'app' };

  it('mounts a token TokenReview accepts for the pod ServiceAccount, bound to the pod and node', async () => {
    const { runtime, tokens, uid } = wiredRuntime();
    const token = (await runtime.run(target, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token'])).body;
    const review = await tokens.validate(token);
    expect(review).toMatchObject({ ok: true, user: { username: 'system:serviceaccount:team-a:builder' } });
    expect(review?.ok && review.user.extra?.['authentication.kubernetes.io/pod-uid']).toEqual([uid]);
  });

  it('fills env from ConfigMaps, Secrets, the downward API and service links', async () => {
    const { runtime } = wiredRuntime();
    const env = (await runtime.run(target, ['env'])).body.split('\n');
    expect(env).toEqual(expect.arrayContaining(['MODE=debug', 'DB_PASSWORD=s3cr3t', `NODE=${NODE}`, 'URL=http://10.96.44.2:8080', 'API_GATEWAY_SERVICE_PORT_HTTP=8080', 'API_GATEWAY_PORT_8080_TCP_ADDR=10.96.44.2', 'KUBERNETES_SERVICE_HOST=10.96.0.1']));
    expect((await runtime.run(target, ['cat', '/etc/db/password'])).body).toBe('s3cr3t');
    expect((await runtime.run(target, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt'])).body).toBe('CA PEM\n');
  });
});
