// RBAC kinds: defaulting (pkg/apis/rbac/v1/defaults.go), validation (pkg/apis/rbac/validation)
// and the escalation/bind admission of the policy-based storages.

import type { ClusterRole, PolicyRule, RoleBinding, Subject } from '../../types.js';
import type { FieldError } from '../../status.js';
import type { Strategy, StrategyContext } from '../strategy.js';
import { checkBindingWrite, checkRoleWrite } from '../../authorization/escalation.js';
import { StoreRbacSource } from '../../authorization/store-rbac-source.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function roleStrategy(kind: 'Role' | 'ClusterRole'): Strategy {
  return {
    validate: (obj) => validateRules((obj as ClusterRole).rules ?? [], kind === 'Role'),
    admit: (obj, old, ctx) => {
      const err = checkRoleWrite({
        user: ctx.user,
        kind,
        namespace: kind === 'Role' ? ctx.namespace : '',
        object: obj as ClusterRole,
        old: old as ClusterRole | undefined,
        authorizer: ctx.authorizer,
        rbac: new StoreRbacSource(ctx.store),
      });
      if (err) throw err;
    },
  };
}

export function bindingStrategy(kind: 'RoleBinding' | 'ClusterRoleBinding'): Strategy {
  return {
    prepareForCreate: (obj) => defaultBinding(obj as RoleBinding),
    prepareForUpdate: (obj) => defaultBinding(obj as RoleBinding),
    validate: (obj) => validateBinding(obj as RoleBinding, kind),
    validateUpdate: (obj, old) => {
      const errors = validateBinding(obj as RoleBinding, kind);
      const a = (obj as RoleBinding).roleRef;
      const b = (old as RoleBinding).roleRef;
      if (a?.apiGroup !== b?.apiGroup || a?.kind !== b?.kind || a?.name !== b?.name) {
        errors.push({
          type: 'FieldValueInvalid',
          field: 'roleRef',
          detail: `Invalid value: rbac.RoleRef{APIGroup:"${a?.apiGroup ?? ''}", Kind:"${a?.kind ?? ''}", Name:"${a?.name ?? ''}"}: cannot change roleRef`,
        });
      }
      return errors;
    },
    admit: (obj, old, ctx: StrategyContext) => {
      const err = checkBindingWrite({
        user: ctx.user,
        kind,
        namespace: kind === 'RoleBinding' ? ctx.namespace : '',
        object: obj as RoleBinding,
        old: old as RoleBinding | undefined,
        authorizer: ctx.authorizer,
        rbac: new StoreRbacSource(ctx.store),
      });
      if (err) throw err;
    },
  };
}

function defaultBinding(b: RoleBinding): void {
  if (b.roleRef && !b.roleRef.apiGroup) b.roleRef = { ...b.roleRef, apiGroup: RBAC_GROUP };
  if (b.subjects) {
    b.subjects = b.subjects.map((subject) => {
      // apiGroup and namespace are omitempty: an empty one (kubectl's protobuf sends "") is absent.
      const s = { ...subject };
      if (!s.namespace) delete s.namespace;
      if (s.apiGroup) return s;
      delete s.apiGroup;
      if (s.kind === 'User' || s.kind === 'Group') return { ...s, apiGroup: RBAC_GROUP };
      return s;
    });
  }
}

export function validateRules(rules: PolicyRule[], namespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    if (!rule.verbs?.length) {
      errors.push({ type: 'FieldValueRequired', field: `${at}.verbs`, detail: 'Required value: verbs must contain at least one value' });
    }
    if (rule.nonResourceURLs?.length) {
      if (namespaced) {
        errors.push({ type: 'FieldValueInvalid', field: `${at}.nonResourceURLs`, detail: `Invalid value: ${goStrings(rule.nonResourceURLs)}: namespaced rules cannot apply to non-resource URLs` });
      }
      if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
        errors.push({ type: 'FieldValueInvalid', field: `${at}.nonResourceURLs`, detail: `Invalid value: ${goStrings(rule.nonResourceURLs)}: rules cannot apply to both regular resources and non-resource URLs` });
      }
      return;
    }
    if (!rule.apiGroups?.length) {
      errors.push({ type: 'FieldValueRequired', field: `${at}.apiGroups`, detail: 'Required value: resource rules must supply at least one api group' });
    }
    if (!rule.resources?.length) {
      errors.push({ type: 'FieldValueRequired', field: `${at}.resources`, detail: 'Required value: resource rules must supply at least one resource' });
    }
  });
  return errors;
}

function validateBinding(b: RoleBinding, kind: 'RoleBinding' | 'ClusterRoleBinding'): FieldError[] {
  const errors: FieldError[] = [];
  const ref = b.roleRef;
  if (!ref?.name) errors.push({ type: 'FieldValueRequired', field: 'roleRef.name', detail: 'Required value' });
  if (ref?.apiGroup !== RBAC_GROUP) {
    errors.push({ type: 'FieldValueNotSupported', field: 'roleRef.apiGroup', detail: `Unsupported value: "${ref?.apiGroup ?? ''}": supported values: "${RBAC_GROUP}"` });
  }
  const kinds = kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref?.kind ?? '')) {
    errors.push({ type: 'FieldValueNotSupported', field: 'roleRef.kind', detail: `Unsupported value: "${ref?.kind ?? ''}": supported values: ${kinds.map((k) => `"${k}"`).join(', ')}` });
  }
  (b.subjects ?? []).forEach((s, i) => errors.push(...validateSubject(s, `subjects[${i}]`, kind === 'RoleBinding')));
  return errors;
}

function validateSubject(s: Subject, at: string, namespacedBinding: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (!s.name) errors.push({ type: 'FieldValueRequired', field: `${at}.name`, detail: 'Required value' });
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.apiGroup) errors.push({ type: 'FieldValueNotSupported', field: `${at}.apiGroup`, detail: `Unsupported value: "${s.apiGroup}": supported values: ""` });
      if (!namespacedBinding && !s.namespace) errors.push({ type: 'FieldValueRequired', field: `${at}.namespace`, detail: 'Required value' });
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) {
        errors.push({ type: 'FieldValueNotSupported', field: `${at}.apiGroup`, detail: `Unsupported value: "${s.apiGroup ?? ''}": supported values: "${RBAC_GROUP}"` });
      }
      break;
    default:
      errors.push({ type: 'FieldValueNotSupported', field: `${at}.kind`, detail: `Unsupported value: "${s.kind}": supported values: "ServiceAccount", "User", "Group"` });
  }
  return errors;
}

/** Go's %#v of a []string, as validation messages print it: []string{"a", "b"}. */
function goStrings(values: string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

