import { describe, expect, it } from 'vitest';
import { parseRoute, redirectFor, type Route } from './router.js';

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
    expect(parseRoute('', '/nowhere')).toEqual({ page: 'not-found', path: '/nowhere' });
  });

  it('reads the join page and the code a join link carries', () => {
    expect(parseRoute('', '/join', '?code=ABCD-EFGH')).toEqual({ page: 'join', code: 'ABCD-EFGH' });
    expect(parseRoute('', '/join/', '')).toEqual({ page: 'join', code: '' });
  });

  it('reads the instructor pages, the claim fragment landing on the class list', () => {
    expect(parseRoute('#claim=s3cret', '/instructor')).toEqual({ page: 'instructor', at: { view: 'classes' } });
    expect(parseRoute('', '/instructor')).toEqual({ page: 'instructor', at: { view: 'classes' } });
    expect(parseRoute('#/classes/c%201', '/instructor')).toEqual({ page: 'instructor', at: { view: 'class', classId: 'c 1' } });
    expect(parseRoute('#/classes/c1/learners/l2', '/instructor')).toEqual({ page: 'instructor', at: { view: 'learner', classId: 'c1', learnerId: 'l2' } });
    expect(parseRoute('#/access', '/instructor')).toEqual({ page: 'not-found', path: '/instructor#/access' });
  });
});

describe('redirectFor', () => {
  const catalog: Route = { page: 'catalog' };
  const join: Route = { page: 'join', code: '' };
  const instructor: Route = { page: 'instructor', at: { view: 'classes' } };

  it('sends nobody anywhere in practice mode', () => {
    for (const route of [catalog, join, instructor]) expect(redirectFor({ mode: 'practice' }, route)).toBeUndefined();
  });

  it('sends a classroom visitor who has not joined to the join page, except to claim the instructor role', () => {
    expect(redirectFor({ mode: 'classroom', role: 'none' }, catalog)).toBe('/join');
    expect(redirectFor({ mode: 'classroom', role: 'none' }, { page: 'access' })).toBe('/join');
    expect(redirectFor({ mode: 'classroom', role: 'none' }, join)).toBeUndefined();
    expect(redirectFor({ mode: 'classroom', role: 'none' }, instructor)).toBeUndefined();
  });

  it('keeps the instructor on the instructor pages and learners on theirs', () => {
    expect(redirectFor({ mode: 'classroom', role: 'instructor' }, catalog)).toBe('/instructor');
    expect(redirectFor({ mode: 'classroom', role: 'instructor' }, join)).toBe('/instructor');
    expect(redirectFor({ mode: 'classroom', role: 'instructor' }, instructor)).toBeUndefined();
    expect(redirectFor({ mode: 'exam', role: 'learner' }, { page: 'scenario', id: 'x' })).toBeUndefined();
  });
});
