import { describe, expect, it } from 'vitest';
import { classesRepository } from './classes.js';
import { formatJoinCode, newJoinCode, normalizeJoinCode } from './join-code.js';
import { openDatabase } from './open-database.js';

describe('join codes', () => {
  it('draws 8 characters without the look-alikes 0 O 1 I L', () => {
    const codes = Array.from({ length: 500 }, newJoinCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up: the draw covers all of it.
    expect(new Set(codes.join('')).size).toBe(31);
  });

  it('reads a code as a learner may type it, and shows it as XXXX-XXXX', () => {
    expect(formatJoinCode('ABCD2345')).toBe('ABCD-2345');
    expect(normalizeJoinCode('abcd-2345')).toBe('ABCD2345');
    expect(normalizeJoinCode(' AbCd 2345\t')).toBe('ABCD2345');
    expect(normalizeJoinCode(formatJoinCode('WXYZ6789'))).toBe('WXYZ6789');
    expect(normalizeJoinCode('ABCD-234')).toBeUndefined();
    expect(normalizeJoinCode('ABCD-2340')).toBeUndefined();
    expect(normalizeJoinCode('ABCD_2345')).toBeUndefined();
  });

  it('draws again when a new class would get a code already taken', () => {
    const db = openDatabase(':memory:', 0);
    const draws = ['AAAA2222', 'AAAA2222', 'BBBB3333'];
    const classes = classesRepository(db, () => new Date().toISOString(), () => draws.shift() ?? 'CCCC4444');
    const spec = { name: 'c', scenarioIds: [], versions: [], examMinutes: null };
    expect(classes.create(spec).joinCode).toBe('AAAA2222');
    expect(classes.create(spec).joinCode).toBe('BBBB3333');
    expect(classes.list()).toHaveLength(2);
    db.close();
  });

  it('gives up with the database error if every draw clashes', () => {
    const db = openDatabase(':memory:', 0);
    const classes = classesRepository(db, () => new Date().toISOString(), () => 'AAAA2222');
    const spec = { name: 'c', scenarioIds: [], versions: [], examMinutes: null };
    classes.create(spec);
    expect(() => classes.create(spec)).toThrow(/UNIQUE constraint failed: classes.join_code/);
    db.close();
  });
});
