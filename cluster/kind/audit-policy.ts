// The API server audit policy of a lab kind cluster: it records, with request and response, every
// SubjectAccessReview a kubelet creates (the kubelet's webhook authorizer asking "may this user
// get nodes/pods?"), and nothing else. That is the kubelet's decision trail as far as the API
// server sees it. TokenReviews are left out on purpose: their request carries the bearer token.

import { stringify } from 'yaml';

/** Where the policy is mounted inside the control-plane node (and into kube-apiserver). */
export const AUDIT_POLICY_NODE_PATH = '/etc/kubernetes/kubelab/audit-policy.yaml';
/** The directory kube-apiserver writes the audit log to, on the control-plane node. */
export const AUDIT_LOG_DIR = '/var/log/kubernetes/kubelab';
export const AUDIT_LOG_PATH = `${AUDIT_LOG_DIR}/kube-apiserver-audit.log`;

export function auditPolicyYaml(): string {
  return stringify({
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    omitStages: ['RequestReceived'],
    rules: [
      {
        level: 'RequestResponse',
        userGroups: ['system:nodes'],
        verbs: ['create'],
        resources: [{ group: 'authorization.k8s.io', resources: ['subjectaccessreviews'] }],
      },
      { level: 'None' },
    ],
  });
}
