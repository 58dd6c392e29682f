// The socket.io connection to the `/lab` namespace: same origin, carrying the session cookie that
// GET /api/session set. One connection per page; views subscribe to the events they show.

import { io, type Socket } from 'socket.io-client';
import type { IdleWarning, KubeletDecision, LabEnded, LabProgress, ScoreReport, TerminalSize } from './contract.js';

interface ServerEvents {
  'terminal:data': (data: string) => void;
  'terminal:exit': (exit: { code: number }) => void;
  'lab:progress': (progress: LabProgress) => void;
  'lab:decision': (decision: KubeletDecision) => void;
  'lab:idle': (warning: IdleWarning) => void;
  'lab:ended': (end: LabEnded) => void;
  /** Exam mode: the learner's exam ended and was graded. */
  'exam:ended': (report: ScoreReport) => void;
}

interface ClientEvents {
  'terminal:attach': (size: TerminalSize) => void;
  'terminal:input': (data: string) => void;
  'terminal:resize': (size: TerminalSize) => void;
}

export type LabSocket = Socket<ServerEvents, ClientEvents>;

let socket: LabSocket | undefined;

/** The page's connection, opened on first use (after the session cookie exists). */
export function labSocket(): LabSocket {
  socket ??= io('/lab', { withCredentials: true });
  return socket;
}

/** What a refused or failed connection says; the server may attach a fix in `data`. */
export function describeConnectError(error: Error & { data?: { message?: string; fix?: string } }): { message: string; fix: string } {
  return {
    message: error.data?.message ?? `The terminal connection failed: ${error.message}.`,
    fix: error.data?.fix ?? 'Reload the page; if it keeps failing, restart `kubelab start`.',
  };
}
