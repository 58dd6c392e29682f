// Class join codes: 8 characters a learner can read off a projector and type without asking
// "zero or O?": no 0/O, 1/I/L. 31^8 ≈ 8.5e11 codes, drawn with crypto randomness.

import { randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 8;
const WELL_FORMED = new RegExp(`^[${ALPHABET}]{${LENGTH}}$`);

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET.charAt(randomInt(ALPHABET.length));
  return code;
}

/** The stored form of what a learner typed (any case, spaces and dashes ignored), or undefined if it cannot be a code. */
export function normalizeJoinCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return WELL_FORMED.test(code) ? code : undefined;
}

/** XXXX-XXXX, for display. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, LENGTH / 2)}-${code.slice(LENGTH / 2)}`;
}
