import type { Point } from './span';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Line starts of a text, for converting between string indices (UTF-16 code units),
 * 0-based points, and the reference's 1-based byte positions.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string, starts?: number[]) {
    if (starts) {
      this.starts = starts;
      return;
    }
    this.starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Index of a point; columns past the end of the line clamp to the line end. */
  indexOf(point: Point): number {
    if (point.row >= this.starts.length) return this.text.length;
    const start = this.starts[point.row];
    const end = point.row + 1 < this.starts.length ? this.starts[point.row + 1] - 1 : this.text.length;
    return Math.min(start + Math.max(0, point.column), end);
  }

  /** Text of one line without its line break (`\r\n` or `\n`). */
  lineText(row: number): string {
    if (row < 0 || row >= this.starts.length) return '';
    const start = this.starts[row];
    let end = row + 1 < this.starts.length ? this.starts[row + 1] - 1 : this.text.length;
    if (end > start && this.text[end - 1] === '\r') end--;
    return this.text.slice(start, end);
  }

  /** Index of the first character of a row. */
  rowStart(row: number): number {
    return this.starts[Math.max(0, Math.min(row, this.starts.length - 1))];
  }

  pointAt(index: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - this.starts[lo] };
  }

  /** The reference's position: 1-based line, 1-based byte column, byte offset. */
  bytePosition(point: Point): { line: number; column: number; offset: number } {
    const row = Math.min(point.row, this.starts.length - 1);
    const lineStart = this.starts[row];
    const columnBytes = Buffer.byteLength(this.text.slice(lineStart, lineStart + point.column), 'utf8');
    return { line: point.row + 1, column: columnBytes + 1, offset: this.lineStartBytes()[row] + columnBytes };
  }

  private byteStarts: number[] | undefined;

  private lineStartBytes(): number[] {
    // ASCII text (the usual case) has a byte per character
    if (!this.byteStarts && !NON_ASCII.test(this.text)) this.byteStarts = this.starts;
    if (!this.byteStarts) {
      const starts = [0];
      for (let row = 1; row < this.starts.length; row++) {
        starts.push(starts[row - 1] + Buffer.byteLength(this.text.slice(this.starts[row - 1], this.starts[row]), 'utf8'));
      }
      this.byteStarts = starts;
    }
    return this.byteStarts;
  }
}
