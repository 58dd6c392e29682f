import { describe, expect, it } from 'vitest';
import { formatLabelSelector, formatLabels, labelSelectorString } from './label-format.js';

describe('label formatting', () => {
  it('formats labels sorted by key, <none> when empty', () => {
    expect(formatLabels({ tier: 'node', app: 'kindnet', 'node-role.kubernetes.io/control-plane': '' })).toBe(
      'app=kindnet,node-role.kubernetes.io/control-plane=,tier=node',
    );
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });

  it('renders every selector operator, requirements sorted by key and values sorted', () => {
    const selector = {
      matchLabels: { 'k8s-app': 'kube-dns' },
      matchExpressions: [
        { key: 'zone', operator: 'In', values: ['b', 'a'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'arch', operator: 'Exists' },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
      ],
    };
    expect(labelSelectorString(selector)).toBe('arch,!canary,env notin (prod),k8s-app=kube-dns,zone in (a,b)');
  });

  it('tells nil, empty and invalid selectors apart the way metav1 does', () => {
    expect(labelSelectorString(undefined)).toBe('');
    expect(labelSelectorString({})).toBe('');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(labelSelectorString({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toBeUndefined();
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toBe('<error>');
  });
});
