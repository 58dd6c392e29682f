import { describe, expect, it } from 'vitest';
import { parseRoute } from './router.js';

describe('parseRoute', () => {
  it('maps the hashes the page links to onto pages', () => {
    expect(parseRoute('')).toEqual({ page: 'catalog' });
    expect(parseRoute('#/')).toEqual({ page: 'catalog' });
    expect(parseRoute('#/access')).toEqual({ page: 'access' });
    expect(parseRoute('#/scenarios/why-nodes-proxy')).toEqual({ page: 'scenario', id: 'why-nodes-proxy' });
    expect(parseRoute('#/scenarios/a%20b')).toEqual({ page: 'scenario', id: 'a b' });
  });

  it('says which path it did not know', () => {
    expect(parseRoute('#/scenarios/x/extra')).toEqual({ page: 'not-found', path: '/scenarios/x/extra' });
    expect(parseRoute('#main')).toEqual({ page: 'not-found', path: 'main' });
  });
});
