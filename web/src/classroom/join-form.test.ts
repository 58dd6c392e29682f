import { describe, expect, it } from 'vitest';
import { displayNameProblem, joinCodeProblem, normalizeJoinCode } from './join-form.js';

describe('normalizeJoinCode', () => {
  it('accepts the code however it was typed', () => {
    for (const typed of ['ABCD-EFGH', 'abcd-efgh', ' abcd efgh ', 'ABCDEFGH', 'ab cd-ef gh']) expect(normalizeJoinCode(typed)).toBe('ABCD-EFGH');
  });

  it('leaves what cannot be a code for the check to explain', () => {
    expect(normalizeJoinCode(' abc ')).toBe('ABC');
    expect(joinCodeProblem(normalizeJoinCode(' abc '))).toMatch(/eight letters or digits/);
    expect(joinCodeProblem('')).toMatch(/Enter the join code/);
    expect(joinCodeProblem('ABCD-EFGH')).toBeUndefined();
  });
});

describe('displayNameProblem', () => {
  it('takes any printable name up to 40 characters, markup included (it is shown as text)', () => {
    expect(displayNameProblem('Ada Lovelace')).toBeUndefined();
    expect(displayNameProblem('<img src=x onerror=alert(1)>')).toBeUndefined();
    expect(displayNameProblem('é'.repeat(40))).toBeUndefined();
  });

  it('refuses empty, long and control-character names with a sentence', () => {
    expect(displayNameProblem('   ')).toBe('Enter the name the instructor will see.');
    expect(displayNameProblem('x'.repeat(41))).toBe('Use at most 40 characters for your name.');
    expect(displayNameProblem('a\u0007b')).toBe('Use printable characters only in your name.');
    expect(displayNameProblem('a\u202eb')).toBe('Use printable characters only in your name.');
  });
});
