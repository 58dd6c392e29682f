// The pod-template-hash a Deployment's ReplicaSets and pods carry (controller.ComputeHash):
// FNV-1a (32 bit) over the pod template, then over the collision count as 8 little-endian bytes
// when the Deployment has one, the sum's decimal digits spelled with rand.SafeEncodeString's
// alphabet. Upstream feeds the hasher the template as go-spew prints the Go struct, which we
// cannot reproduce field for field across releases; we feed it the template's canonical JSON
// instead, so names have the real shape (up to 10 characters of [4-9bcdf]) and change exactly
// when the template or the collision count does, but their values differ from a real cluster's.

import { canonicalJson } from './canonical-json.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** rand.SafeEncodeString's alphabet: no vowels, no look-alikes. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let hash = fnv1a32(canonicalJson(template));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv1a(hash, bytes);
  }
  return safeEncode(String(hash));
}

/** FNV-1a, 32 bit, of the text's UTF-8 bytes. */
export function fnv1a32(text: string): number {
  return fnv1a(FNV_OFFSET, new TextEncoder().encode(text));
}

function fnv1a(seed: number, bytes: Uint8Array): number {
  let hash = seed;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  return hash;
}

/** rand.SafeEncodeString: each character's code point, modulo the alphabet's length. */
export function safeEncode(text: string): string {
  let out = '';
  for (const ch of text) out += SAFE_ALPHABET[ch.codePointAt(0)! % SAFE_ALPHABET.length];
  return out;
}
