// The one shell of a session, bound to its lab: started on the first attach once the lab is
// ready, kept across page reloads (with its scrollback), ended with the lab it points at. With
// `tools.sandbox` (classroom mode) it runs in the learner's sandbox.

import type { Session } from '../sessions.js';
import { prepareShell, type ShellTools } from './shell-environment.js';
import { Terminal, type TerminalSize } from './terminal.js';

export type ShellOutcome = { ok: true; terminal: Terminal } | { ok: false; message: string };

export async function sessionShell(session: Session, tools: ShellTools, size: TerminalSize, scrollbackChars?: number): Promise<ShellOutcome> {
  await session.lab?.settled;
  const lab = session.lab;
  if (!lab) return { ok: false, message: 'No lab is running in this session: pick a scenario and a version, then press Start.' };
  if (lab.state !== 'ready' || !lab.cluster) return { ok: false, message: `The lab did not start: ${lab.error?.message ?? 'unknown error'}. Press Reset to try again.` };
  const current = session.terminal;
  if (current && !current.exited) {
    current.resize(size);
    return { ok: true, terminal: current };
  }
  const spec = prepareShell(session.dir, tools, { version: lab.version, kubeconfigPath: lab.cluster.kubeconfigPath, nodes: lab.cluster.nodes });
  const terminal = Terminal.start(spec, size, { scrollbackChars, outputBytesPerSecond: tools.outputBytesPerSecond });
  session.terminal = terminal;
  return { ok: true, terminal };
}

export async function endSessionShell(session: Session): Promise<void> {
  const terminal = session.terminal;
  session.terminal = undefined;
  await terminal?.kill();
}
