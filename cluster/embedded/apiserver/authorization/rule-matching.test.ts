import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes } from '../types.js';
import { nonResourceURLMatches, resourceMatches, ruleAllows, ruleMismatch, combinedResource } from './rule-matching.js';

const user = { username: 'u', groups: [] };

describe('resourceMatches', () => {
  it('accepts "*/sub" only as exactly "*/" followed by the subresource', () => {
    const rule = (r: string) => ({ verbs: ['get'], resources: [r] });
    expect(resourceMatches(rule('*/scale'), 'deployments/scale', 'scale')).toBe(true);
    expect(resourceMatches(rule('*/scale'), 'deployments', '')).toBe(false);
    expect(resourceMatches(rule('x/scale'), 'deployments/scale', 'scale')).toBe(false);
    expect(resourceMatches(rule('*xscale'), 'deployments/scale', 'scale')).toBe(false);
    expect(resourceMatches(rule('*/upscale'), 'deployments/scale', 'scale')).toBe(false);
    expect(resourceMatches(rule('*/status'), 'deployments/scale', 'scale')).toBe(false);
  });
});

describe('nonResourceURLMatches', () => {
  it('trims every trailing star before the prefix comparison', () => {
    expect(nonResourceURLMatches({ verbs: ['get'], nonResourceURLs: ['/logs**'] }, '/logs')).toBe(true);
    expect(nonResourceURLMatches({ verbs: ['get'], nonResourceURLs: ['/logs/*'] }, '/log')).toBe(false);
  });
});

describe('ruleMismatch', () => {
  it('names the first part that fails, in RuleAllows order', () => {
    const attrs: Attributes = { user, verb: 'get', resourceRequest: true, apiGroup: 'apps', resource: 'deployments', name: 'web' };
    const combined = combinedResource(attrs);
    expect(ruleMismatch(attrs, { verbs: ['list'], apiGroups: ['x'] }, combined)).toBe('verb');
    expect(ruleMismatch(attrs, { verbs: ['get'], apiGroups: [''], resources: ['x'] }, combined)).toBe('apiGroup');
    expect(ruleMismatch(attrs, { verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }, combined)).toBe('resource');
    expect(ruleMismatch(attrs, { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['db'] }, combined)).toBe(
      'resourceName',
    );
    const path: Attributes = { user, verb: 'get', resourceRequest: false, path: '/metrics' };
    expect(ruleMismatch(path, { verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, '')).toBe('nonResourceURL');
  });
});

describe('ruleAllows properties', () => {
  const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);

  it('a rule with "*" everywhere allows every resource request, whatever the subresource or name', () => {
    fc.assert(
      fc.property(word, word, word, fc.option(word, { nil: '' }), fc.option(word, { nil: '' }), (verb, group, resource, subresource, name) => {
        const attrs: Attributes = { user, verb, resourceRequest: true, apiGroup: group, resource, subresource, name };
        expect(ruleAllows(attrs, { verbs: ['*'], apiGroups: ['*'], resources: ['*'] })).toBe(true);
      }),
    );
  });

  it('a rule naming the resource never allows its subresources, and "<resource>/*" allows nothing', () => {
    fc.assert(
      fc.property(word, word, (resource, subresource) => {
        const attrs: Attributes = { user, verb: 'get', resourceRequest: true, apiGroup: '', resource, subresource };
        expect(ruleAllows(attrs, { verbs: ['get'], apiGroups: [''], resources: [resource] })).toBe(false);
        expect(ruleAllows(attrs, { verbs: ['get'], apiGroups: [''], resources: [`${resource}/*`] })).toBe(subresource === '*');
      }),
    );
  });
});
