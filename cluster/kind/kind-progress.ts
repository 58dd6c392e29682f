// kind's progress, read from what `kind create cluster` writes on stderr. Without a terminal, kind's
// status printer writes " • <stage>  ..." when a stage starts and " ✓ <stage>" or " ✗ <stage>" when
// it ends (on a terminal only the end lines, coloured); "ERROR: <error>" and "Command Output: ..."
// when it gives up. Each stage goes to the caller as it happens, named as kind names it, without
// the emoji.

import type { ProgressReporter } from '../provider.js';

const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex
// Icons, their variation selectors and joiners (kind ends every stage with one).
const PICTOGRAPHS = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu;
const STAGE_START = /^ • (.+?)\s+\.\.\.$/;
const STAGE_END = /^ ?([✓✗]) (.+)$/;
const NOTE = /^ • (.+)$/;
const ERROR_LINE = /^ERROR: (.*)$/;
const COMMAND_OUTPUT = /^Command Output: ?(.*)$/;
const DELETED_NODES = /^Deleted nodes: (.*)$/;

/** A stage name as kind prints it, without icons and surrounding space. */
export function stageName(text: string): string {
  return text.replace(PICTOGRAPHS, '').replace(/\s+/g, ' ').trim();
}

export class KindOutputParser {
  private open: { stage: string; started: number } | undefined;
  private errorLines: string[] = [];
  private inCommandOutput = false;
  /** The stage that ended with ✗, if any. */
  failedStage: string | undefined;
  /** kind's "WARNING: Timed out waiting for Ready": it still exits 0. */
  waitTimedOut = false;

  constructor(
    private readonly report: ProgressReporter,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The error kind gave up with, with the failed command's output; undefined if none. */
  get error(): string | undefined {
    return this.errorLines.length ? this.errorLines.join('\n').trim() : undefined;
  }

  line(raw: string): void {
    const line = raw.replace(ANSI, '').replace(/\r/g, '').trimEnd();
    let m: RegExpExecArray | null;
    if ((m = ERROR_LINE.exec(line))) {
      this.inCommandOutput = false;
      this.errorLines.push(m[1]!);
    } else if ((m = COMMAND_OUTPUT.exec(line))) {
      this.inCommandOutput = true;
      this.errorLines.push(`Command Output: ${m[1]!}`);
    } else if (DELETED_NODES.test(line)) {
      this.inCommandOutput = false; // kind's own clean-up note, not part of the failed command's output
    } else if ((m = STAGE_START.exec(line))) {
      this.start(stageName(m[1]!));
    } else if ((m = STAGE_END.exec(line))) {
      this.end(stageName(m[2]!), m[1] === '✓');
    } else if ((m = NOTE.exec(line))) {
      // " • Ready after 15s 💚", or the warning that the wait ran out (already marked ✗ above).
      const note = stageName(m[1]!);
      if (/timed out waiting for ready/i.test(note)) this.waitTimedOut = true;
      else this.report({ stage: note, state: 'done' });
    } else if (this.inCommandOutput && line) {
      this.errorLines.push(line);
    }
  }

  /** kind stopped with a stage still open: that stage failed. */
  abandon(detail: string): void {
    if (!this.open) return;
    const { stage, started } = this.open;
    this.open = undefined;
    this.failedStage ??= stage;
    this.report({ stage, state: 'failed', detail, elapsedMs: this.now() - started });
  }

  private start(stage: string): void {
    if (this.open && this.open.stage !== stage) this.end(this.open.stage, true);
    this.open = { stage, started: this.now() };
    this.report({ stage, state: 'start' });
  }

  private end(stage: string, ok: boolean): void {
    const started = this.open?.stage === stage ? this.open.started : undefined;
    this.open = undefined;
    if (!ok) this.failedStage ??= stage;
    this.report({ stage, state: ok ? 'done' : 'failed', ...(started !== undefined ? { elapsedMs: this.now() - started } : {}) });
  }
}
