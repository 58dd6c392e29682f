// Writing responses: JSON bodies, Status errors and the content types kube-apiserver uses.

import type { ServerResponse } from 'node:http';
import { ApiError, internalError } from './status.js';

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const payload = JSON.stringify(body);
  // A flat header list: Node writes it straight into the head, where an object goes through setHeader per name.
  res.writeHead(status, ['Content-Type', contentType, 'Content-Length', String(Buffer.byteLength(payload)), 'Cache-Control', 'no-cache, private']);
  res.end(payload);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const apiError = err instanceof ApiError ? err : internalError(err instanceof Error ? err.message : String(err));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, apiError.code, apiError.toStatus());
}

/** Pre-serialized bytes (discovery, OpenAPI): written as they are. */
export function sendBytes(res: ServerResponse, status: number, body: Buffer, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length, ...headers });
  res.end(body);
}

/** Warning headers as kube-apiserver writes them: `299 - "text"`, quotes and backslashes escaped. */
/** Adds warnings to those the response already carries, each once. */
export function setWarnings(res: ServerResponse, warnings: readonly string[] | undefined): void {
  if (!warnings?.length) return;
  const present = res.getHeader('Warning');
  const headers = [...(present === undefined ? [] : Array.isArray(present) ? present : [String(present)])];
  for (const w of warnings) {
    const header = `299 - "${w.replace(/["\\]/g, (c) => `\\${c}`)}"`;
    if (!headers.includes(header)) headers.push(header);
  }
  res.setHeader('Warning', headers);
}
