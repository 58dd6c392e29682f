// RBAC objects that kubeadm (init phases: bootstrap-token, upload-config, addons) and kind (its
// CNI and storage manifests) create on a fresh cluster. Unlike the bootstrap policy they carry
// no bootstrapping label or auto-update annotation, and kind's keep their manifests' list order.
//
// kubeadm:apiserver-kubelet-client comes from kubernetes PR #138957 ("kubeadm: use dedicated
// ClusterRole for apiserver kubelet client"), cherry-picked to release-1.33 (#138964), 1.34
// (#138960) and 1.36 (#138958) on 2026-05-11 and first shipped in v1.33.12, v1.34.8, v1.35.5 and
// v1.36.1 (cluster-api's upgrade notes list exactly those; kamaji issue #1171 saw it in 1.36.1).
// v1.31.14 predates it: its apiserver-kubelet-client.crt still carries O=kubeadm:cluster-admins.
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, UserInfo } from '../types.js';
import type { KubeVersion } from '../../../versions.js';
import { clusterRole, clusterRoleBinding, group, namespacedRole, roleBinding, serviceAccount, user } from './rbac-builders.js';

const BOOTSTRAP_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';
const installer = { bootstrap: false };

/** A rule as a manifest applied with kubectl stores it: lists keep the order they were written in. */
function manifestRule(apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): PolicyRule {
  return { verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) };
}

interface KubeletClientFacts {
  /** Whether kubeadm binds system:kubelet-api-admin to the apiserver's kubelet client certificate. */
  bindsApiserverKubeletClient: boolean;
  /** Groups in that certificate's Subject O=, i.e. what the kubelet's SubjectAccessReview carries. */
  certificateGroups: string[];
}

export const KUBEADM_KUBELET_CLIENT: Record<KubeVersion, KubeletClientFacts> = {
  '1.31': { bindsApiserverKubeletClient: false, certificateGroups: ['kubeadm:cluster-admins'] },
  '1.33': { bindsApiserverKubeletClient: true, certificateGroups: [] },
  '1.36': { bindsApiserverKubeletClient: true, certificateGroups: [] },
};

/** Who the kube-apiserver is when it calls a kubelet (its --kubelet-client-certificate). */
export function apiserverKubeletClientIdentity(version: KubeVersion): UserInfo {
  return {
    username: 'kube-apiserver-kubelet-client',
    groups: [...KUBEADM_KUBELET_CLIENT[version].certificateGroups, 'system:authenticated'],
  };
}

export function installerClusterRoles(): ClusterRole[] {
  return [
    clusterRole('kubeadm:get-nodes', [manifestRule([''], ['nodes'], ['get'])], installer),
    clusterRole('system:coredns', [
      manifestRule([''], ['endpoints', 'services', 'pods', 'namespaces'], ['list', 'watch']),
      manifestRule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']),
    ], installer),
    clusterRole('kindnet', [
      manifestRule(['policy'], ['podsecuritypolicies'], ['use'], ['kindnet']),
      manifestRule([''], ['nodes', 'pods', 'namespaces'], ['list', 'watch']),
      manifestRule(['networking.k8s.io'], ['networkpolicies'], ['list', 'watch']),
    ], installer),
    clusterRole('local-path-provisioner-role', [
      manifestRule([''], ['nodes', 'persistentvolumeclaims', 'configmaps'], ['get', 'list', 'watch']),
      manifestRule([''], ['endpoints', 'persistentvolumes', 'pods'], ['*']),
      manifestRule([''], ['events'], ['create', 'patch']),
      manifestRule(['storage.k8s.io'], ['storageclasses'], ['get', 'list', 'watch']),
    ], installer),
  ];
}

export function installerClusterRoleBindings(version: KubeVersion): ClusterRoleBinding[] {
  const bindings = [
    clusterRoleBinding('kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')], installer),
    clusterRoleBinding('kubeadm:get-nodes', 'kubeadm:get-nodes', [group(BOOTSTRAP_TOKEN_GROUP)], installer),
    clusterRoleBinding('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [group(BOOTSTRAP_TOKEN_GROUP)], installer),
    clusterRoleBinding(
      'kubeadm:node-autoapprove-bootstrap',
      'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
      [group(BOOTSTRAP_TOKEN_GROUP)],
      installer,
    ),
    clusterRoleBinding(
      'kubeadm:node-autoapprove-certificate-rotation',
      'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
      [group('system:nodes')],
      installer,
    ),
    clusterRoleBinding('kubeadm:node-proxier', 'system:node-proxier', [serviceAccount('kube-system', 'kube-proxy')], installer),
    clusterRoleBinding('system:coredns', 'system:coredns', [serviceAccount('kube-system', 'coredns')], installer),
    clusterRoleBinding('kindnet', 'kindnet', [serviceAccount('kube-system', 'kindnet')], installer),
    clusterRoleBinding(
      'local-path-provisioner-bind',
      'local-path-provisioner-role',
      [serviceAccount('local-path-storage', 'local-path-provisioner-service-account')],
      installer,
    ),
  ];
  if (KUBEADM_KUBELET_CLIENT[version].bindsApiserverKubeletClient) {
    bindings.push(
      clusterRoleBinding(
        'kubeadm:apiserver-kubelet-client',
        'system:kubelet-api-admin',
        [user('kube-apiserver-kubelet-client')],
        installer,
      ),
    );
  }
  return bindings;
}

const configMapReader = (namespace: string, role: string, configMap: string): Role =>
  namespacedRole(namespace, role, [manifestRule([''], ['configmaps'], ['get'], [configMap])], installer);

export function installerRoles(): Role[] {
  return [
    configMapReader('kube-system', 'kube-proxy', 'kube-proxy'),
    configMapReader('kube-system', 'kubeadm:kubelet-config', 'kubelet-config'),
    configMapReader('kube-system', 'kubeadm:nodes-kubeadm-config', 'kubeadm-config'),
    configMapReader('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', 'cluster-info'),
  ];
}

export function installerRoleBindings(): RoleBinding[] {
  const toRole = (name: string) => ({ kind: 'Role' as const, name });
  return [
    roleBinding('kube-system', 'kube-proxy', toRole('kube-proxy'), [group(BOOTSTRAP_TOKEN_GROUP)], installer),
    roleBinding('kube-system', 'kubeadm:kubelet-config', toRole('kubeadm:kubelet-config'), [
      group('system:nodes'),
      group(BOOTSTRAP_TOKEN_GROUP),
    ], installer),
    roleBinding('kube-system', 'kubeadm:nodes-kubeadm-config', toRole('kubeadm:nodes-kubeadm-config'), [
      group(BOOTSTRAP_TOKEN_GROUP),
      group('system:nodes'),
    ], installer),
    roleBinding('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', toRole('kubeadm:bootstrap-signer-clusterinfo'), [
      user('system:anonymous'),
    ], installer),
  ];
}
