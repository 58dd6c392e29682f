// The instructor's socket.io connection (namespace /instructor): live roster rows of the class
// being watched, and read-only views of learners' shells. Same origin, session cookie; the
// server refuses sessions that are not the instructor's (connect_error INSTRUCTOR_ONLY).

import { io, type Socket } from 'socket.io-client';
import type { RosterUpdate, WatchedTerminalData } from './contract.js';

interface ServerEvents {
  'roster:update': (update: RosterUpdate) => void;
  'terminal:data': (data: WatchedTerminalData) => void;
}

interface ClientEvents {
  'class:watch': (watch: { classId: string }) => void;
  'terminal:watch': (watch: { learnerId: string }) => void;
  'terminal:unwatch': (watch: { learnerId: string }) => void;
}

export type InstructorSocket = Socket<ServerEvents, ClientEvents>;

let socket: InstructorSocket | undefined;

/** The page's connection, opened on first use (after the session is the instructor's). */
export function instructorSocket(): InstructorSocket {
  socket ??= io('/instructor', { withCredentials: true });
  return socket;
}
