import type { Point, Span } from '../../syntax/span';

/** Offsets (UTF-16 indices) → 0-based row/column points of one text, as in span.ts. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) this.lineStarts.push(i + 1);
  }

  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: o - this.lineStarts[lo] };
  }

  span(start: number, end: number): Span {
    return { start: this.point(start), end: this.point(end), startIndex: start, endIndex: end };
  }

  /** Offset of the end of the line holding `offset` (before `\r\n` / `\n`, or the text end). */
  lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    if (nl < 0) return this.text.length;
    return nl > 0 && this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  /** Offset of the start of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }
}
