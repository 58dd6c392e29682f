// The instructor proves who they are with a one-time secret that `kubelab start --classroom`
// prints in a URL fragment: only its hash is stored, and claiming it spends it.

import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function issueInstructorSecret(store: Store): string {
  const secret = randomBytes(24).toString('base64url');
  store.instructorSecrets.add(hash(secret));
  return secret;
}

/** True once for a secret this server issued and nobody has claimed. */
export function claimInstructorSecret(store: Store, secret: string, at: Date): boolean {
  return store.instructorSecrets.consume(hash(secret), at.toISOString());
}
