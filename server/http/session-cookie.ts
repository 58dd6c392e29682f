// The session cookie `kubelab.sid`: "<id>.<HMAC-SHA256(secret, id)>", httpOnly and
// SameSite=Strict. The secret is one random file per data directory (mode 0600), so a cookie
// survives a server restart but cannot be forged by anyone who cannot read that file.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SESSION_COOKIE = 'kubelab.sid';
const SECRET_FILE = 'server-secret';
const SECRET_BYTES = 32;
const COOKIE_MAX_AGE_S = 7 * 24 * 3600;

/** Reads the data directory's secret, creating it (0600) on first use. */
export function loadServerSecret(dataDir: string): Buffer {
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(SECRET_BYTES).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // An older or hand-made file readable by others would let them forge sessions: tighten it.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (secret.length < 16) throw new Error(`${file} holds no usable secret: delete it and start kubelab again (a new one is created)`);
  return secret;
}

export class CookieSigner {
  constructor(private readonly secret: Buffer) {}

  sign(id: string): string {
    return `${id}.${this.mac(id)}`;
  }

  /** The session id of a well-signed cookie value, else undefined. */
  verify(value: string): string | undefined {
    const dot = value.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const id = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(this.mac(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
  }

  private mac(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url');
  }
}

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

export function sessionCookieHeader(value: string): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}`;
}

/** The value of one cookie from a Cookie header (RFC 6265 pairs separated by "; "). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
