// socket.io namespace /lab (docs/web-api.md): a connection is accepted only with a valid session
// cookie (the Origin check happens earlier, at the engine's handshake) and joins its session's
// room. It carries the session's terminal and the lab's live events: start progress, kubelet
// decisions, the idle warning, and the end of the lab.

import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import type { Progress } from '../../cluster/provider.js';
import type { KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';
import type { LabEndReason, LabEvents } from '../lab/lab-manager.js';
import { ApiError, noSession } from '../http/api-error.js';
import type { SessionGate } from '../http/session-middleware.js';
import type { Session } from '../sessions.js';
import { endSessionShell, sessionShell } from '../terminal/session-shell.js';
import type { ShellTools } from '../terminal/shell-environment.js';

const MAX_INPUT_CHARS = 64 * 1024;
const sizeSchema = z.object({ cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) });
const inputSchema = z.string().max(MAX_INPUT_CHARS);
const DEFAULT_SIZE = { cols: 80, rows: 24 };

interface SocketData {
  session: Session;
  detach?: () => void;
  /** Typed while the shell was still starting: written to it once it runs. */
  pending?: string[];
}

export interface LabNamespaceOptions {
  gate: SessionGate;
  /** Refuses (throws an ApiError for) a session that may not have a lab, e.g. one that has not joined its class. */
  admit?: (session: Session) => void;
  /** A session's browsers connected or all went away. */
  presence?: (session: Session) => void;
  tools: ShellTools;
  scrollbackChars?: number;
  log: (line: string) => void;
}

export class LabNamespace implements LabEvents {
  constructor(
    private readonly ns: Namespace,
    private readonly opts: LabNamespaceOptions,
  ) {
    ns.use((socket, next) => {
      const session = opts.gate.sessionOf(socket.request);
      const refusal = session ? admission(session, opts.admit) : noSession();
      // socket.io hands `data` to the client's connect_error handler.
      if (refusal || !session) return next(Object.assign(new Error(refusal?.code ?? 'NO_SESSION'), { data: (refusal ?? noSession()).body().error }));
      (socket.data as SocketData).session = session;
      next();
    });
    ns.on('connection', (socket) => this.connected(socket));
  }

  progress(session: Session, p: Progress): void {
    this.ns.to(room(session)).emit('lab:progress', p);
  }

  decision(session: Session, d: KubeletDecision): void {
    this.ns.to(room(session)).emit('lab:decision', d);
  }

  idleWarning(session: Session, info: { idleMs: number; deleteInMs: number }): void {
    this.ns.to(room(session)).emit('lab:idle', info);
  }

  examEnded(session: Session, report: unknown): void {
    this.ns.to(room(session)).emit('exam:ended', report);
  }

  async ended(session: Session, labId: string | undefined, reason: LabEndReason): Promise<void> {
    // Told before the shell is gone, so that it always precedes a replacing lab's progress.
    if (labId) this.ns.to(room(session)).emit('lab:ended', { labId, reason });
    await endSessionShell(session);
  }

  private connected(socket: Socket): void {
    const data = socket.data as SocketData;
    const session = data.session;
    session.touch();
    session.sockets += 1;
    this.opts.presence?.(session);
    void socket.join(room(session));
    // A browser that connects while the lab starts still sees every stage so far.
    if (session.lab?.state === 'starting') for (const p of session.lab.progress) socket.emit('lab:progress', p);

    socket.on('terminal:attach', (payload: unknown) => {
      const parsed = sizeSchema.safeParse(payload);
      this.attach(socket, parsed.success ? parsed.data : DEFAULT_SIZE).catch((e: Error) => {
        this.opts.log(`kubelab: starting a lab shell failed: ${e.stack ?? e.message}`);
        socket.emit('terminal:data', notice(`The shell could not start: ${e.message}. Reload the page to try again.`));
      });
    });
    socket.on('terminal:input', (payload: unknown) => {
      const parsed = inputSchema.safeParse(payload);
      if (!parsed.success) return;
      session.touch();
      if (data.pending) {
        if (data.pending.join('').length + parsed.data.length <= MAX_INPUT_CHARS) data.pending.push(parsed.data);
      } else {
        session.terminal?.write(parsed.data);
      }
    });
    socket.on('terminal:resize', (payload: unknown) => {
      const parsed = sizeSchema.safeParse(payload);
      if (parsed.success) session.terminal?.resize(parsed.data);
    });
    socket.on('disconnect', () => {
      data.detach?.();
      session.sockets -= 1;
      this.opts.presence?.(session);
    });
  }

  private async attach(socket: Socket, size: { cols: number; rows: number }): Promise<void> {
    const data = socket.data as SocketData;
    data.session.touch();
    data.pending ??= [];
    const typed = data.pending;
    const shell = await sessionShell(data.session, this.opts.tools, size, this.opts.scrollbackChars).finally(() => (data.pending = undefined));
    if (!socket.connected) return;
    data.detach?.();
    data.detach = undefined;
    if (!shell.ok) {
      socket.emit('terminal:data', notice(shell.message));
      return;
    }
    const { replay, detach } = shell.terminal.attach({
      data: (chunk) => socket.emit('terminal:data', chunk),
      exit: (code) => socket.emit('terminal:exit', { code }),
    });
    data.detach = detach;
    if (replay) socket.emit('terminal:data', replay);
    for (const input of typed.splice(0)) shell.terminal.write(input);
  }
}

function admission(session: Session, admit: ((session: Session) => void) | undefined): ApiError | undefined {
  try {
    admit?.(session);
    return undefined;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
}

/** A line from kubelab itself in the terminal, in yellow. */
function notice(text: string): string {
  return `\r\n\x1b[33m[kubelab] ${text}\x1b[0m\r\n`;
}

function room(session: Session): string {
  return `session:${session.id}`;
}
