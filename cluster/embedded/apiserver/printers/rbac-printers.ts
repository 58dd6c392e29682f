// printers.go handlers for RoleBindings and ClusterRoleBindings. Roles and ClusterRoles have
// no handler upstream: they get the default table convertor (see columns.ts).

import type { RoleBinding, Subject } from '../types.js';
import { roleBinding as doc } from './descriptions.js';
import { translateTimestampSince } from './human-duration.js';
import type { ResourcePrinter } from './printer.js';
import { ageColumn, column, nameColumn, nameOf, wideColumn } from './printer.js';

/** rbac.SubjectsStrings: service accounts print as namespace/name (the authorizer's reason says name/namespace). */
function subjectsStrings(subjects: readonly Subject[]): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of subjects) {
    if (s.kind === 'ServiceAccount') serviceAccounts.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return { users, groups, serviceAccounts };
}

function bindingPrinter(roleRefDescription: string, scope: string): ResourcePrinter {
  return {
    source: 'printer',
    columns: [
      nameColumn,
      column('Role', 'string', roleRefDescription),
      ageColumn,
      wideColumn('Users', 'string', `Users in the ${scope}`),
      wideColumn('Groups', 'string', `Groups in the ${scope}`),
      wideColumn('ServiceAccounts', 'string', `ServiceAccounts in the ${scope}`),
    ],
    printRow(obj, { now }) {
      const binding = obj as RoleBinding;
      const { users, groups, serviceAccounts } = subjectsStrings(binding.subjects ?? []);
      return {
        cells: [
          nameOf(binding),
          `${binding.roleRef?.kind ?? ''}/${binding.roleRef?.name ?? ''}`,
          translateTimestampSince(binding.metadata.creationTimestamp, now),
          users.join(', '),
          groups.join(', '),
          serviceAccounts.join(', '),
        ],
      };
    },
  };
}

export const roleBindingPrinter = bindingPrinter(doc.roleRef, 'roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter(doc.clusterRoleRef, 'clusterRoleBinding');
