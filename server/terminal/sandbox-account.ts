// Who a learner is inside the sandbox. With the setuid identity (server running as root) each shell
// runs as an unprivileged host uid of its own, derived from the session folder, so that the
// process limit counts that learner alone and nothing the learner runs is root on the host. With
// a user namespace the learner is uid 1000 inside, which the kernel maps to the server's own uid.

import { createHash } from 'node:crypto';
import type { SandboxTools } from './sandbox-policy.js';

/**
 * 0x70000000 + 24 bits: above systemd's container uid range (which ends at 0x6FFFFFFF) and below
 * 2^31, which some tools mishandle. Two sessions sharing a uid (odds ~n²/2^25 for n learners)
 * only share a process budget: neither sees the other's files or processes.
 */
const FIRST_HOST_UID = 0x7000_0000;
const HOST_UID_SLOTS = 1 << 24;
const NAMESPACE_UID = 1000;

export interface SandboxAccount {
  /** uid and gid of the learner's processes as the sandbox shows them. */
  uid: number;
  gid: number;
  /** setuid identity only: the host uid the shell drops to, which must own the session's HOME. */
  hostUid?: number;
}

export const SANDBOX_USER = 'learner';

export function sandboxAccount(tools: SandboxTools, sessionKey: string): SandboxAccount {
  if (tools.identity.kind === 'userns') return { uid: NAMESPACE_UID, gid: NAMESPACE_UID };
  const uid = FIRST_HOST_UID + (createHash('sha256').update(sessionKey).digest().readUInt32BE(0) % HOST_UID_SLOTS);
  return { uid, gid: uid, hostUid: uid };
}
