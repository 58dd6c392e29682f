// The terminal's line discipline in canonical mode, as a pty gives it to an interactive shell:
// echo, backspace, Ctrl-U, Ctrl-C (^C), Ctrl-D on an empty line (EOF); escape sequences such as
// arrow keys are swallowed. Output to the terminal gets \n -> \r\n (ONLCR).

export type TerminalEvent = { type: 'line'; text: string } | { type: 'interrupt' } | { type: 'eof' };

const ERASE = new Set(['\x7f', '\b']);

export class LineDiscipline {
  private line = '';
  private escape: 'none' | 'start' | 'csi' = 'none';

  constructor(private readonly echo: (text: string) => void) {}

  /** Handles typed input; everything it echoes goes out in one write, before the events are acted on. */
  feed(input: string): TerminalEvent[] {
    const events: TerminalEvent[] = [];
    let echoed = '';
    const echo = (text: string) => (echoed += text);
    for (const c of input) {
      if (this.escape === 'start') {
        this.escape = c === '[' || c === 'O' ? 'csi' : 'none';
        continue;
      }
      if (this.escape === 'csi') {
        if (c >= '@' && c <= '~') this.escape = 'none';
        continue;
      }
      if (c === '\x1b') this.escape = 'start';
      else if (c === '\r' || c === '\n') {
        echo('\r\n');
        events.push({ type: 'line', text: this.line });
        this.line = '';
      } else if (ERASE.has(c)) {
        if (this.line) {
          this.line = [...this.line].slice(0, -1).join('');
          echo('\b \b');
        }
      } else if (c === '\x15') {
        echo('\b \b'.repeat([...this.line].length));
        this.line = '';
      } else if (c === '\x03') {
        echo('^C\r\n');
        this.line = '';
        events.push({ type: 'interrupt' });
      } else if (c === '\x04') {
        if (!this.line) events.push({ type: 'eof' });
      } else if (c >= ' ' || c === '\t') {
        if (c === '\t') continue;
        this.line += c;
        echo(c);
      }
    }
    if (echoed) this.echo(echoed);
    return events;
  }
}

/** ONLCR: what the pty does to a program's output. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
