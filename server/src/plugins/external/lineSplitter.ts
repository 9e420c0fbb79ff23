/**
 * Newline framing for a plugin's stdout: bytes in (any chunking), complete UTF-8 lines
 * out (without `\n`; a trailing `\r` is kept — JSON parsing ignores it). Partial lines
 * wait for the rest; one chunk may hold several lines; a line longer than `maxLineBytes`
 * is dropped (reported once) instead of growing memory without bound.
 */
export interface LineSplitterOptions {
  onLine: (line: string) => void;
  /** Called when a line exceeds `maxLineBytes`; its bytes up to the next newline are discarded. */
  onOverflow?: (bytes: number) => void;
  maxLineBytes?: number;
}

/** One reply line of an external plugin: 1 MiB (trust.md §4: no plugin makes output grow without bound). */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private discarding = false;
  private readonly max: number;

  constructor(private readonly options: LineSplitterOptions) {
    this.max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      this.take(chunk.subarray(start, nl));
      this.emit();
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /** End of stream: the unterminated rest, if any (the reference reads it as a last line). */
  end(): string | undefined {
    if (this.discarding || this.size === 0) {
      this.reset();
      return undefined;
    }
    const rest = Buffer.concat(this.parts, this.size).toString('utf8');
    this.reset();
    return rest;
  }

  private take(bytes: Buffer): void {
    if (this.discarding || bytes.length === 0) return;
    if (this.size + bytes.length > this.max) {
      this.options.onOverflow?.(this.size + bytes.length);
      this.parts = [];
      this.size = 0;
      this.discarding = true;
      return;
    }
    // copy: the stream may reuse the chunk's memory
    this.parts.push(Buffer.from(bytes));
    this.size += bytes.length;
  }

  private emit(): void {
    if (this.discarding) {
      this.reset();
      return;
    }
    const line = Buffer.concat(this.parts, this.size).toString('utf8');
    this.reset();
    this.options.onLine(line);
  }

  private reset(): void {
    this.parts = [];
    this.size = 0;
    this.discarding = false;
  }
}
