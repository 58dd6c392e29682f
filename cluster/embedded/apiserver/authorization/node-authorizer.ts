// The Node authorizer (plugin/pkg/auth/authorizer/node), reduced to what the lab needs.
//
// Faithful: who counts as a node (user "system:node:<name>" in group "system:nodes"), NoOpinion with
// an empty reason for everyone else (so a denied learner sees RBAC's reason alone), the
// "unknown node" reason, access to Node objects with and without AuthorizeNodeWithSelectors
// (alpha/off in 1.31, on since 1.32), and "incomplete" rule resolution for nodes.
//
// Simplified: upstream also authorizes nodes for pods, secrets, configmaps, PVs/PVCs, leases,
// CSINodes, ResourceSlices, service account tokens (through its graph of pods bound to the node)
// and the rest of the static system:node rules. Here every request of a node other than those on
// `nodes` gets NoOpinion with an empty reason, so RBAC decides it.

import type { Attributes, AuthorizationResult, Authorizer, PolicyRule, UserInfo } from '../types.js';
import { goQuote } from './go-quote.js';
import { ruleAllows } from './rule-matching.js';
import type { RuleResolver, SubjectRules } from './subject-rules.js';

export const NODES_GROUP = 'system:nodes';
const NODE_USER_PREFIX = 'system:node:';

export interface NodeAuthorizerOptions {
  /** Feature gate AuthorizeNodeWithSelectors: a node may then only read its own Node object. */
  authorizeNodeWithSelectors: boolean;
}

/** The node name for a node identity ("" if it cannot be told), undefined for anyone else. */
export function nodeIdentity(user: UserInfo): string | undefined {
  if (!user.username.startsWith(NODE_USER_PREFIX) || !user.groups.includes(NODES_GROUP)) return undefined;
  return user.username.slice(NODE_USER_PREFIX.length);
}

// The `nodes` entries of bootstrappolicy.NodeRules(), which decide Node access without the gate.
const NODE_OBJECT_RULES: PolicyRule[] = [
  { verbs: ['create', 'get', 'list', 'watch'], apiGroups: [''], resources: ['nodes'] },
  { verbs: ['update', 'patch'], apiGroups: [''], resources: ['nodes/status'] },
  { verbs: ['update', 'patch'], apiGroups: [''], resources: ['nodes'] },
];

function allow(): AuthorizationResult {
  return { decision: 'allow', reason: '' };
}

function noOpinion(reason = ''): AuthorizationResult {
  return { decision: 'noOpinion', reason };
}

/** authorizeNode: write any Node (NodeRestriction admission narrows that), read only its own. */
function authorizeOwnNode(nodeName: string, attrs: Attributes): AuthorizationResult {
  const subresource = attrs.subresource ?? '';
  if (subresource === '') {
    switch (attrs.verb) {
      case 'create':
      case 'update':
      case 'patch':
        return allow();
      case 'get':
      case 'list':
      case 'watch': {
        const name = attrs.name ?? '';
        if (name === nodeName) return allow();
        if (name === '') return noOpinion(`node '${nodeName}' cannot read all nodes, only its own Node object`);
        return noOpinion(`node '${nodeName}' cannot read '${name}', only its own Node object`);
      }
    }
  } else if (subresource === 'status' && (attrs.verb === 'update' || attrs.verb === 'patch')) {
    return allow();
  }
  return noOpinion();
}

export class NodeAuthorizer implements Authorizer, RuleResolver {
  constructor(private readonly options: NodeAuthorizerOptions) {}

  authorize(attrs: Attributes): AuthorizationResult {
    const nodeName = nodeIdentity(attrs.user);
    if (nodeName === undefined) return noOpinion();
    if (nodeName === '') return noOpinion(`unknown node for user ${goQuote(attrs.user.username)}`);
    if (!attrs.resourceRequest || (attrs.apiGroup ?? '') !== '' || attrs.resource !== 'nodes') return noOpinion();
    if (this.options.authorizeNodeWithSelectors) return authorizeOwnNode(nodeName, attrs);
    return NODE_OBJECT_RULES.some((rule) => ruleAllows(attrs, rule)) ? allow() : noOpinion();
  }

  rulesFor(user: UserInfo): SubjectRules {
    const rules: SubjectRules = { resourceRules: [], nonResourceRules: [], incomplete: false, errors: [] };
    if (nodeIdentity(user) !== undefined) {
      rules.incomplete = true;
      rules.errors.push('node authorizer does not support user rule resolution');
    }
    return rules;
  }
}
