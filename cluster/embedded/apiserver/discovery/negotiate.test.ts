import { describe, expect, test } from 'vitest';
import { negotiateDiscovery } from './negotiate.js';

/** What kubectl 1.31–1.33 send for /api and /apis (traced). */
const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,' +
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('negotiateDiscovery', () => {
  test('kubectl gets aggregated v2 under the exact content type it checks', () => {
    expect(negotiateDiscovery(KUBECTL_ACCEPT, ['v2', 'v2beta1'])).toEqual({
      format: 'aggregated',
      version: 'v2',
      contentType: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    });
  });

  test('a client that only knows v2beta1 gets it where it is served, legacy JSON elsewhere', () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    expect(negotiateDiscovery(accept, ['v2', 'v2beta1'])).toMatchObject({
      format: 'aggregated',
      contentType: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
    });
    expect(negotiateDiscovery(accept, ['v2'])).toEqual({ format: 'legacy', contentType: 'application/json' });
  });

  test('asking only for an unserved aggregated version, or only for protobuf, is not acceptable', () => {
    expect(negotiateDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList', ['v2'])).toEqual({
      format: 'notAcceptable',
    });
    expect(negotiateDiscovery('application/vnd.kubernetes.protobuf', ['v2'])).toEqual({ format: 'notAcceptable' });
    expect(negotiateDiscovery('application/json;g=other.io;v=v2;as=APIGroupDiscoveryList', ['v2'])).toEqual({
      format: 'notAcceptable',
    });
  });

  test('legacy JSON for plain clients: no Accept, */*, application/json', () => {
    for (const accept of [undefined, '', '*/*', 'application/json, */*', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
      expect(negotiateDiscovery(accept, ['v2'])).toEqual({ format: 'legacy', contentType: 'application/json' });
    }
  });

  test('quality values order the clauses; q=0 excludes one', () => {
    const lowAggregated = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.5,application/json';
    expect(negotiateDiscovery(lowAggregated, ['v2']).format).toBe('legacy');
    const zeroJson = 'application/json;q=0,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
    expect(negotiateDiscovery(zeroJson, ['v2']).format).toBe('aggregated');
    expect(negotiateDiscovery('application/json;q=0', ['v2']).format).toBe('notAcceptable');
  });
});
