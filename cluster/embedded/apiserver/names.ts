// Generated name suffixes as apimachinery's names.SimpleNameGenerator makes them: five characters
// from an alphabet without vowels or look-alikes, so generated names never spell words.

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return s;
}
