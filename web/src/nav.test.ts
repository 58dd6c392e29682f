import { describe, expect, it } from 'vitest';
import type { Session } from './contract.js';
import { homeHref, navLinks, whoText } from './nav.js';

const base: Session = { id: 's', csrf: 'c', mode: 'classroom', runtime: 'embedded' };

describe('navLinks', () => {
  it('gives each kind of visitor the pages they may use', () => {
    expect(navLinks({ mode: 'practice' }).map((l) => l.label)).toEqual(['Scenarios', 'Access matrix']);
    expect(navLinks({ mode: 'exam', role: 'learner' }).map((l) => l.label)).toEqual(['Scenarios', 'Access matrix']);
    expect(navLinks({ mode: 'classroom', role: 'instructor' }).map((l) => l.href)).toEqual(['/instructor#/']);
    expect(navLinks({ mode: 'classroom', role: 'none' }).map((l) => l.href)).toEqual(['/join']);
    expect(homeHref({ mode: 'classroom', role: 'instructor' })).toBe('/instructor#/');
  });
});

describe('whoText', () => {
  it('names the learner and the class, or the instructor; nothing in practice mode', () => {
    expect(whoText({ ...base, role: 'learner', learner: { id: 'l', displayName: 'Ada' }, class: { id: 'c', name: 'Tuesday', scenarioIds: [], versions: [], examMinutes: null } })).toBe('Ada · Tuesday');
    expect(whoText({ ...base, role: 'instructor' })).toBe('Instructor');
    expect(whoText({ ...base, mode: 'practice' })).toBe('');
    expect(whoText({ ...base, role: 'none' })).toBe('');
  });
});
