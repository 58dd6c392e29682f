// How every terminal in the lab looks (the learner's own and the instructor's read-only view).

import type { ITerminalOptions } from '@xterm/xterm';

// GitHub's dark palette, with black lifted so that even "black" text keeps 4.5:1 on the background.
const THEME = {
  background: '#0d1117',
  foreground: '#e6edf3',
  cursor: '#e6edf3',
  selectionBackground: '#264f78',
  black: '#7d8590',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#d2a8ff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#8b949e',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#56d4dd',
  brightWhite: '#ffffff',
};

export const TERMINAL_OPTIONS: ITerminalOptions = {
  fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
  fontSize: 14,
  scrollback: 5000,
  theme: THEME,
};
