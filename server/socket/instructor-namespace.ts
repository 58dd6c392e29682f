// socket.io namespace /instructor (docs/web-api.md): only the instructor's session connects. It
// streams roster changes of the classes the dashboard watches, and a read-only view of any
// learner's shell; nothing the instructor types reaches a learner's terminal.

import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import type { Classroom } from '../classroom/classroom.js';
import { ApiError, noSession } from '../http/api-error.js';
import type { SessionGate } from '../http/session-middleware.js';

const classWatch = z.object({ classId: z.string().min(1).max(64) }).strict();
const terminalWatch = z.object({ learnerId: z.string().min(1).max(64) }).strict();

interface InstructorSocketData {
  stopWatching?: () => void;
}

export function instructorNamespace(ns: Namespace, gate: SessionGate, classroom: Classroom): void {
  ns.use((socket, next) => {
    const session = gate.sessionOf(socket.request);
    const refusal = !session ? noSession() : session.role !== 'instructor' ? new ApiError(403, 'INSTRUCTOR_ONLY', 'Only the instructor may watch the class.', 'Open the instructor URL that `kubelab start --classroom` printed.') : undefined;
    if (refusal) return next(Object.assign(new Error(refusal.code), { data: refusal.body().error }));
    next();
  });

  classroom.onRosterChange((classId, learnerId) => {
    const row = classroom.rosterRowOf(learnerId);
    if (row) ns.to(classRoom(classId)).emit('roster:update', { classId, row });
  });

  ns.on('connection', (socket: Socket) => {
    const data = socket.data as InstructorSocketData;
    socket.on('class:watch', (payload: unknown) => {
      const parsed = classWatch.safeParse(payload);
      if (!parsed.success) return;
      for (const room of socket.rooms) if (room.startsWith('class:')) void socket.leave(room);
      void socket.join(classRoom(parsed.data.classId));
    });
    socket.on('terminal:watch', (payload: unknown) => {
      const parsed = terminalWatch.safeParse(payload);
      if (!parsed.success) return;
      data.stopWatching?.();
      data.stopWatching = undefined;
      const { learnerId } = parsed.data;
      const terminal = classroom.liveSession(learnerId)?.terminal;
      if (!terminal || terminal.exited) {
        socket.emit('terminal:data', { learnerId, data: '\r\n\x1b[33m[kubelab] This learner has no open shell right now.\x1b[0m\r\n' });
        return;
      }
      const { replay, detach } = terminal.attach({
        data: (chunk) => socket.emit('terminal:data', { learnerId, data: chunk }),
        exit: () => socket.emit('terminal:data', { learnerId, data: '\r\n\x1b[33m[kubelab] The learner’s shell ended.\x1b[0m\r\n' }),
      });
      data.stopWatching = detach;
      if (replay) socket.emit('terminal:data', { learnerId, data: replay });
    });
    socket.on('terminal:unwatch', () => {
      data.stopWatching?.();
      data.stopWatching = undefined;
    });
    socket.on('disconnect', () => data.stopWatching?.());
  });
}

function classRoom(classId: string): string {
  return `class:${classId}`;
}
