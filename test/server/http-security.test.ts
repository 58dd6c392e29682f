// The parts of the server's security that need no server: cookie signatures and their secret
// file, the Host and Origin rules, and the token bucket behind 429s.

import { mkdtempSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CookieSigner, loadServerSecret, readCookie } from '../../server/http/session-cookie.js';
import { HostPolicy } from '../../server/http/security.js';
import { TokenBucket } from '../../server/http/rate-limit.js';

describe('session cookies', () => {
  it('creates one secret per data directory, readable by its owner only, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-secret-'));
    const first = loadServerSecret(dir);
    expect(statSync(join(dir, 'server-secret')).mode & 0o777).toBe(0o600);
    expect(loadServerSecret(dir).equals(first)).toBe(true);
    const signed = new CookieSigner(first).sign('abc');
    expect(new CookieSigner(loadServerSecret(dir)).verify(signed)).toBe('abc');
    expect(new CookieSigner(loadServerSecret(mkdtempSync(join(tmpdir(), 'kubelab-secret-')))).verify(signed)).toBeUndefined();
  });

  it('tightens a secret file others can read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-secret-'));
    writeFileSync(join(dir, 'server-secret'), 'ab'.repeat(32));
    chmodSync(join(dir, 'server-secret'), 0o644);
    loadServerSecret(dir);
    expect(statSync(join(dir, 'server-secret')).mode & 0o777).toBe(0o600);
  });

  it('refuses tampered ids and signatures', () => {
    const signer = new CookieSigner(Buffer.alloc(32, 7));
    const value = signer.sign('session-1');
    expect(signer.verify(value)).toBe('session-1');
    expect(signer.verify(value.replace('session-1', 'session-2'))).toBeUndefined();
    expect(signer.verify(`${value}x`)).toBeUndefined();
    expect(signer.verify('session-1')).toBeUndefined();
    expect(readCookie(`a=1; kubelab.sid=${value}; b=2`, 'kubelab.sid')).toBe(value);
  });
});

describe('host and origin', () => {
  const policy = new HostPolicy('127.0.0.1', false);
  policy.listeningOn(3000);
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

  it('answers to its loopback names on its port only', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', 'LOCALHOST:3000']) expect(policy.allows(host)).toBe(true);
    for (const host of ['evil.example:3000', '127.0.0.1:3001', '127.0.0.1', undefined]) expect(policy.allows(host)).toBe(false);
  });

  it('accepts socket handshakes from its own pages and non-browser clients only', () => {
    expect(policy.sameOrigin(req({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBe(true);
    expect(policy.sameOrigin(req({ host: '127.0.0.1:3000' }))).toBe(true);
    expect(policy.sameOrigin(req({ host: '127.0.0.1:3000', origin: 'http://localhost:3000' }))).toBe(false);
    expect(policy.sameOrigin(req({ host: '127.0.0.1:3000', origin: 'null' }))).toBe(false);
    expect(policy.sameOrigin(req({ host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(policy.sameOrigin(req({ host: 'evil.example:3000', origin: 'http://evil.example:3000' }))).toBe(false);
  });

  it('accepts any host when deliberately exposed, but still checks Origin against it', () => {
    const exposed = new HostPolicy('0.0.0.0', true);
    exposed.listeningOn(3000);
    expect(exposed.allows('lab.lan:3000')).toBe(true);
    expect(exposed.sameOrigin(req({ host: 'lab.lan:3000', origin: 'http://other.lan:3000' }))).toBe(false);
  });
});

describe('token bucket', () => {
  it('lets a burst through, then refuses until tokens refill', () => {
    let now = 0;
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 0.5 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()].every((r) => r.ok)).toBe(true);
    expect(bucket.take()).toEqual({ ok: false, retryAfterS: 2 });
    now = 2000;
    expect(bucket.take().ok).toBe(true);
    expect(bucket.take().ok).toBe(false);
  });
});
