import { describe, expect, it } from 'vitest';
import { compactRules, compactString, describeMissingRules } from './compact-rules.js';
import { breakdownRule } from './policy-comparator.js';

describe('compactString', () => {
  it('prints the non-empty parts in upstream order', () => {
    expect(
      compactString({ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] }),
    ).toBe('{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["web"], Verbs:["get"]}');
    expect(compactString({ verbs: ['get', 'post'], nonResourceURLs: ['/metrics'] })).toBe(
      '{NonResourceURLs:["/metrics"], Verbs:["get" "post"]}',
    );
  });
});

describe('compactRules', () => {
  it('merges atoms that differ only by verb, per group, resource and name', () => {
    const atoms = breakdownRule({ verbs: ['get', 'update'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a', 'b'] });
    expect(compactRules(atoms).map(compactString)).toEqual([
      '{APIGroups:[""], Resources:["secrets"], ResourceNames:["a"], Verbs:["get" "update"]}',
      '{APIGroups:[""], Resources:["secrets"], ResourceNames:["b"], Verbs:["get" "update"]}',
    ]);
  });

  it('leaves non-resource rules alone and keeps repeated verbs, as upstream does', () => {
    const rules = [
      { verbs: ['get'], nonResourceURLs: ['/a'] },
      { verbs: ['get'], nonResourceURLs: ['/a'] },
      { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
    ];
    expect(compactRules(rules).map(compactString)).toEqual([
      '{NonResourceURLs:["/a"], Verbs:["get"]}',
      '{NonResourceURLs:["/a"], Verbs:["get"]}',
      '{APIGroups:[""], Resources:["pods"], Verbs:["get" "get"]}',
    ]);
  });

  it('does not alter the rules it is given', () => {
    const first = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
    compactRules([first, { verbs: ['list'], apiGroups: [''], resources: ['pods'] }]);
    expect(first.verbs).toEqual(['get']);
  });
});

describe('describeMissingRules', () => {
  it('deduplicates and sorts the printed lines', () => {
    expect(
      describeMissingRules([
        { verbs: ['get'], nonResourceURLs: ['/a'] },
        { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] },
        { verbs: ['get'], nonResourceURLs: ['/a'] },
      ]),
    ).toEqual(['{APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}', '{NonResourceURLs:["/a"], Verbs:["get"]}']);
  });
});
