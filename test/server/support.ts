// Lab servers for tests (port 0, own data directory), a browser-like HTTP client that keeps the
// session cookie and sends the CSRF header, and socket.io clients on /lab.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { graderKubectl } from '../../server/grading/kubectl.js';
import { startLabServer, type LabServer, type LabServerOptions } from '../../server/lab-server.js';

export const SCENARIO = 'why-nodes-proxy';

let kubectl: Promise<string> | undefined;

/** The real kubectl the lab uses, found once per test file. */
export function testKubectl(): Promise<string> {
  kubectl ??= graderKubectl(mkdtempSync(join(tmpdir(), 'kubelab-server-kubectl-')));
  return kubectl;
}

export async function startTestServer(options: Partial<LabServerOptions> = {}): Promise<LabServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-server-test-'));
  const server = await startLabServer({ host: '127.0.0.1', port: 0, dataDir, kubectl: await testKubectl(), spares: false, log: () => {}, ...options });
  return Object.assign(server, { dataDir });
}

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** One browser: its cookie and CSRF token, as the front end keeps them. */
export class Browser {
  cookie = '';
  csrf = '';
  sessionId = '';

  constructor(readonly base: string) {}

  get origin(): string {
    return this.base.replace(/\/$/, '');
  }

  static async open(server: LabServer): Promise<Browser> {
    const browser = new Browser(server.url);
    const answer = await browser.get<{ id: string; csrf: string }>('/api/session');
    browser.csrf = answer.body.csrf;
    browser.sessionId = answer.body.id;
    return browser;
  }

  get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    return this.call<T>('GET', path, undefined, headers);
  }

  /** A mutating call with the CSRF header (pass `headers` to override it). */
  send<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    return this.call<T>(method, path, body, { 'x-kubelab-csrf': this.csrf, ...headers });
  }

  private async call<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<ApiAnswer<T>> {
    const response = await fetch(new URL(path, this.base), {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** A socket.io client on /lab with this browser's cookie and Origin. */
  socket(overrides: { cookie?: string; origin?: string } = {}): Socket {
    const cookie = overrides.cookie ?? this.cookie;
    const origin = overrides.origin ?? this.origin;
    return io(`${this.origin}/lab`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { ...(cookie ? { cookie } : {}), origin },
    });
  }
}

/** Resolves on connect, rejects with the connect_error. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', (e) => fail(e));
  });
}

/** Collects what a socket's terminal prints, and waits for text to appear in it. */
export class TerminalReader {
  text = '';
  readonly chunks: string[] = [];
  private waiters: { test: (t: string) => boolean; done: () => void }[] = [];

  constructor(readonly socket: Socket) {
    socket.on('terminal:data', (chunk: string) => {
      this.chunks.push(chunk);
      this.text += chunk;
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(this.text)) return true;
        w.done();
        return false;
      });
    });
  }

  waitFor(pattern: RegExp | string | ((text: string) => boolean), timeoutMs = 20_000): Promise<string> {
    const test = (t: string) => (typeof pattern === 'string' ? t.includes(pattern) : pattern instanceof RegExp ? pattern.test(t) : pattern(t));
    if (test(this.text)) return Promise.resolve(this.text);
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`terminal never showed ${String(pattern)}; it showed:\n${this.text}`)), timeoutMs);
      this.waiters.push({
        test,
        done: () => {
          clearTimeout(timer);
          done(this.text);
        },
      });
    });
  }

  /** Types a command line and waits for the next prompt after it. */
  async run(command: string, prompt = /\] [^\n]*\$ $/): Promise<string> {
    const from = this.text.length;
    this.socket.emit('terminal:input', `${command}\r`);
    await this.waitFor((t: string) => prompt.test(t.slice(from)) && t.slice(from).includes('\n'));
    return this.text.slice(from);
  }
}
