import { describe, expect, it } from 'vitest';
import { claimSecret } from './claim.js';

describe('claimSecret', () => {
  it('reads the one-time secret from the instructor URL fragment', () => {
    expect(claimSecret('#claim=s3cr3t-Value_1')).toBe('s3cr3t-Value_1');
    expect(claimSecret('claim=abc')).toBe('abc');
  });

  it('finds none in other fragments', () => {
    expect(claimSecret('')).toBeUndefined();
    expect(claimSecret('#/classes/c1')).toBeUndefined();
    expect(claimSecret('#claim=')).toBeUndefined();
  });
});
