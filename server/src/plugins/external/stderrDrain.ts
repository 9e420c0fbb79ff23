import { LineSplitter } from './lineSplitter';

/**
 * Reads a plugin's stderr continuously (a full pipe would block the plugin) and forwards
 * lines to the log, bounded: long lines are elided and, past a line budget, output is
 * counted but no longer forwarded. Nothing is retained beyond one bounded line.
 */
export interface StderrDrainOptions {
  maxLineBytes?: number;
  maxLines?: number;
}

export class StderrDrain {
  private lines = 0;
  private suppressedBytes = 0;
  private readonly splitter: LineSplitter;
  private readonly maxLines: number;

  constructor(
    private readonly prefix: string,
    private readonly log: (message: string) => void,
    options: StderrDrainOptions = {},
  ) {
    this.maxLines = options.maxLines ?? 1000;
    this.splitter = new LineSplitter({
      maxLineBytes: options.maxLineBytes ?? 4096,
      onLine: (line) => this.forward(line.replace(/\r$/, '')),
      onOverflow: () => this.forward('(over-long stderr line omitted)'),
    });
  }

  push(chunk: Buffer): void {
    if (this.lines >= this.maxLines) {
      this.suppressedBytes += chunk.length;
      return;
    }
    this.splitter.push(chunk);
  }

  end(): void {
    const rest = this.splitter.end();
    if (rest !== undefined && rest.trim() !== '') this.forward(rest);
    if (this.suppressedBytes > 0) {
      this.log(`${this.prefix}(${this.suppressedBytes} more bytes of stderr output not shown)`);
      this.suppressedBytes = 0;
    }
  }

  private forward(line: string): void {
    if (this.lines >= this.maxLines) return;
    this.lines++;
    this.log(this.prefix + line);
    if (this.lines === this.maxLines) this.log(`${this.prefix}(stderr output limit of ${this.maxLines} lines reached; the rest is discarded)`);
  }
}
