import { LineSplitter } from './lineSplitter';

/**
 * Reads a plugin's stderr continuously (a full pipe would block the plugin) and forwards
 * lines to the log, bounded (trust.md §4): long lines are elided, and past a byte or line
 * budget the rest is read and dropped, with one notice. Nothing is retained beyond one
 * bounded line.
 */
export interface StderrDrainOptions {
  /** Longest line forwarded whole (bytes); longer ones are replaced by a note. */
  maxLineBytes?: number;
  /** Lines forwarded per process. */
  maxLines?: number;
  /** Bytes forwarded per process. */
  maxBytes?: number;
}

export const DEFAULT_STDERR_LIMITS = { maxLineBytes: 4096, maxLines: 200, maxBytes: 64 * 1024 } as const;

export class StderrDrain {
  private lines = 0;
  private bytes = 0;
  private full = false;
  private readonly splitter: LineSplitter;
  private readonly maxLines: number;
  private readonly maxBytes: number;

  constructor(
    private readonly prefix: string,
    private readonly log: (message: string) => void,
    options: StderrDrainOptions = {},
  ) {
    this.maxLines = options.maxLines ?? DEFAULT_STDERR_LIMITS.maxLines;
    this.maxBytes = options.maxBytes ?? DEFAULT_STDERR_LIMITS.maxBytes;
    this.splitter = new LineSplitter({
      maxLineBytes: options.maxLineBytes ?? DEFAULT_STDERR_LIMITS.maxLineBytes,
      onLine: (line) => this.forward(line.replace(/\r$/, '')),
      onOverflow: () => this.forward('(over-long stderr line omitted)'),
    });
  }

  push(chunk: Buffer): void {
    if (!this.full) this.splitter.push(chunk);
  }

  end(): void {
    if (this.full) return;
    const rest = this.splitter.end();
    if (rest !== undefined && rest.trim() !== '') this.forward(rest);
  }

  private forward(line: string): void {
    if (this.full) return;
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (this.lines + 1 > this.maxLines || this.bytes + size > this.maxBytes) {
      this.full = true;
      this.log(`${this.prefix}(stderr output over the limit of ${this.maxLines} lines or ${Math.round(this.maxBytes / 1024)} KiB: the rest is dropped)`);
      return;
    }
    this.lines++;
    this.bytes += size;
    this.log(this.prefix + line);
  }
}
