import { describe, expect, it } from 'vitest';
import { LineDiscipline, toTerminal } from './terminal.js';

function terminal() {
  let screen = '';
  const discipline = new LineDiscipline((text) => (screen += text));
  return { discipline, screen: () => screen };
}

describe('the pty line discipline', () => {
  it('echoes what is typed and hands over whole lines on Enter', () => {
    const t = terminal();
    expect(t.discipline.feed('ls -l')).toEqual([]);
    expect(t.discipline.feed('\r')).toEqual([{ type: 'line', text: 'ls -l' }]);
    expect(t.screen()).toBe('ls -l\r\n');
  });

  it('erases with backspace and Ctrl-U, and never past the line start', () => {
    const t = terminal();
    expect(t.discipline.feed('\x7fcaz\x7ft\r')).toEqual([{ type: 'line', text: 'cat' }]);
    expect(t.discipline.feed('oops\x15id\r')).toEqual([{ type: 'line', text: 'id' }]);
    expect(t.screen()).toBe('caz\b \bt\r\noops\b \b\b \b\b \b\b \bid\r\n');
  });

  it('turns Ctrl-C into an interrupt and Ctrl-D on an empty line into EOF', () => {
    const t = terminal();
    expect(t.discipline.feed('sleep 9\x03')).toEqual([{ type: 'interrupt' }]);
    expect(t.discipline.feed('x\x04')).toEqual([]);
    expect(t.discipline.feed('\x15\x04')).toEqual([{ type: 'eof' }]);
    expect(t.screen()).toContain('sleep 9^C\r\n');
  });

  it('swallows arrow keys and other escape sequences', () => {
    const t = terminal();
    expect(t.discipline.feed('\x1b[Aecho\x1b[D\x1bOB ok\r')).toEqual([{ type: 'line', text: 'echo ok' }]);
  });

  it('maps newlines to CRLF on output', () => {
    expect(toTerminal('a\nb\r\nc')).toBe('a\r\nb\r\nc');
  });
});
