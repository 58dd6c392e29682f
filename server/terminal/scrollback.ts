// What a shell printed lately, bounded: replayed to a browser that reattaches after a reload.
// Whole chunks are dropped from the front; when that leaves a partial line, the replay starts
// at the next line break so it does not open in the middle of an escape sequence.

export const DEFAULT_SCROLLBACK_CHARS = 256 * 1024;

export class Scrollback {
  private chunks: string[] = [];
  private size = 0;
  private trimmed = false;

  constructor(private readonly capacity = DEFAULT_SCROLLBACK_CHARS) {}

  append(data: string): void {
    this.chunks.push(data);
    this.size += data.length;
    while (this.size > this.capacity && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length;
      this.trimmed = true;
    }
    if (this.size > this.capacity) {
      // One chunk larger than the whole buffer: keep its tail.
      const only = this.chunks[0]!.slice(this.size - this.capacity);
      this.chunks = [only];
      this.size = only.length;
      this.trimmed = true;
    }
  }

  text(): string {
    const all = this.chunks.join('');
    this.chunks = all ? [all] : [];
    if (!this.trimmed) return all;
    const lineStart = all.indexOf('\n');
    return lineStart >= 0 ? all.slice(lineStart + 1) : all;
  }
}
