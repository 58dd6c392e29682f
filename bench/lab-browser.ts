// One browser of the web lab as the benchmarks drive it: a session cookie and CSRF token for the
// REST routes, and once connected, the /lab socket with the terminal's output collected.

import { io, type Socket } from 'socket.io-client';

const PROMPT = /\[kubelab v[\d.]+ [^\]]+\] [^\n]*\$ $/;

export class LabBrowser {
  private cookie = '';
  private csrf = '';
  socket: Socket | undefined;
  output = '';
  private waiter: { test: (output: string) => boolean; done: () => void } | undefined;

  constructor(private readonly base: string) {}

  /** Opens a session (cookie and CSRF token). */
  async open(): Promise<this> {
    const response = await fetch(new URL('/api/session', this.base));
    this.cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    this.csrf = ((await response.json()) as { csrf: string }).csrf;
    return this;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.base), {
      method,
      headers: { cookie: this.cookie, 'x-kubelab-csrf': this.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** Opens the /lab socket, collecting what the terminal prints. */
  async connect(): Promise<void> {
    this.socket = io(`${this.base.replace(/\/$/, '')}/lab`, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: this.cookie } });
    this.socket.on('terminal:data', (chunk: string) => {
      this.output += chunk;
      if (this.waiter?.test(this.output)) {
        this.waiter.done();
        this.waiter = undefined;
      }
    });
    await new Promise<void>((done, fail) => {
      this.socket!.once('connect', () => done());
      this.socket!.once('connect_error', fail);
    });
  }

  /** Resolves as soon as the terminal's output passes `test`. */
  until(test: (output: string) => boolean): Promise<void> {
    if (test(this.output)) return Promise.resolve();
    return new Promise((done) => (this.waiter = { test, done }));
  }

  /** Attaches to the shell and waits for its prompt. */
  async prompt(): Promise<void> {
    this.output = '';
    const ready = this.until((output) => PROMPT.test(output));
    this.socket!.emit('terminal:attach', { cols: 120, rows: 30 });
    await ready;
  }

  close(): void {
    this.socket?.close();
  }
}
