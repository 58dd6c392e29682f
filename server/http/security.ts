// What protects a server that hands out shells, even to one user on their own machine:
// - Host allowlist: a page on another site that rebinds its DNS name to 127.0.0.1 would be
//   same-origin with us; it still has to send its own name as Host, which we refuse.
// - Origin check for socket.io: a foreign page may open a WebSocket to us (browsers allow it and
//   attach our cookie); its Origin header gives it away (cross-site WebSocket hijacking).
// - helmet with a CSP the front end satisfies.

import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { ApiError } from './api-error.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export class HostPolicy {
  private port = 0;
  private readonly names: Set<string>;

  /**
   * `bindHost` joins the loopback names. With `anyHost` (a deliberately exposed server), every
   * Host is accepted: then the address learners type is not known in advance.
   */
  constructor(
    bindHost: string,
    private readonly anyHost: boolean,
  ) {
    this.names = new Set([...LOOPBACK_NAMES, bindHost.includes(':') ? `[${bindHost}]` : bindHost]);
  }

  listeningOn(port: number): void {
    this.port = port;
  }

  allows(host: string | undefined): boolean {
    if (!host) return false;
    if (this.anyHost) return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(host.toLowerCase());
    const port = m?.[2] === undefined ? 80 : Number(m[2]);
    return m !== null && this.names.has(m[1]!) && port === this.port;
  }

  /** A socket.io handshake from a page of this server (or from a non-browser client). */
  sameOrigin(req: IncomingMessage): boolean {
    const host = req.headers.host;
    if (!this.allows(host)) return false;
    const origin = req.headers.origin;
    // Browsers always send Origin on cross-origin requests and WebSocket handshakes; only
    // same-origin polling GETs and non-browser clients (tests, scripts) come without one.
    if (origin !== undefined && origin !== `http://${host}`) return false;
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }

  middleware(): RequestHandler {
    return (req, _res, next) => {
      if (this.allows(req.headers.host)) return next();
      next(new ApiError(421, 'UNKNOWN_HOST', `This lab does not answer to the host name "${req.headers.host ?? ''}".`, `Open it as http://127.0.0.1:${this.port}/ (or http://localhost:${this.port}/).`));
    };
  }
}

/**
 * xterm.js 6 writes its theme and cell geometry into <style> elements it creates and colours
 * cells through style attributes, so style-src needs 'unsafe-inline'; styles cannot run code,
 * and everything a style could load from is limited to 'self' below. Scripts stay 'self' only.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        // 'self' covers same-origin ws: in CSP 3; the explicit entry is for browsers before it.
        connectSrc: ["'self'", (req) => `ws://${(req as IncomingMessage).headers.host ?? ''}`],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Plain HTTP on loopback: HSTS would pin every other local server on this name to HTTPS.
    strictTransportSecurity: false,
  });
}
