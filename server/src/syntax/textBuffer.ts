import { LineIndex } from './lineIndex';
import type { Point } from './span';

/**
 * The text of an open document as lines, so that a keystroke costs the length of a line and
 * of the line table, not of the document: splicing one long string copies all of it on every
 * edit (V8 flattens the previous concatenation). The whole string and its LineIndex are made
 * once, when someone asks for them after a burst of edits.
 */
export class TextBuffer {
  /** Each line with its `\n` (the last one without). */
  private lines: string[];
  /** Index of each line's first character. */
  private starts: number[];
  private joined: string | undefined;
  private index: LineIndex | undefined;

  constructor(text: string) {
    this.joined = text;
    this.lines = [];
    this.starts = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
      this.starts.push(start);
      this.lines.push(text.slice(start, nl + 1));
      start = nl + 1;
    }
    this.starts.push(start);
    this.lines.push(text.slice(start));
  }

  get text(): string {
    this.joined ??= this.lines.join('');
    return this.joined;
  }

  get lineIndex(): LineIndex {
    this.index ??= new LineIndex(this.text, [...this.starts]);
    return this.index;
  }

  get length(): number {
    const last = this.lines.length - 1;
    return this.starts[last] + this.lines[last].length;
  }

  /** Where an LSP position is (as LineIndex.indexOf: a column past the line end means its end, a row past the end the text end). */
  locate(position: { line: number; character: number }): { index: number; point: Point } {
    if (position.line >= this.lines.length) {
      const row = this.lines.length - 1;
      return { index: this.length, point: { row, column: this.lines[row].length } };
    }
    const row = Math.max(0, position.line);
    const line = this.lines[row];
    const width = line.endsWith('\n') ? line.length - 1 : line.length;
    const column = Math.min(Math.max(0, position.character), width);
    return { index: this.starts[row] + column, point: { row, column } };
  }

  /** Replaces the text between two located points. */
  replace(from: Point, to: Point, text: string): void {
    const head = this.lines[from.row].slice(0, from.column);
    const tail = this.lines[to.row].slice(to.column);
    const replaced = (head + text + tail).split('\n').map((l, i, all) => (i < all.length - 1 ? l + '\n' : l));
    if (replaced[replaced.length - 1] === '' && to.row < this.lines.length - 1) replaced.pop();
    const removed = to.row - from.row + 1;
    const oldLength = this.starts[to.row] + this.lines[to.row].length - this.starts[from.row];
    const starts: number[] = [];
    let at = this.starts[from.row];
    for (const line of replaced) {
      starts.push(at);
      at += line.length;
    }
    const delta = at - this.starts[from.row] - oldLength;
    this.lines.splice(from.row, removed, ...replaced);
    this.starts.splice(from.row, removed, ...starts);
    for (let i = from.row + replaced.length; i < this.starts.length; i++) this.starts[i] += delta;
    this.joined = undefined;
    this.index = undefined;
  }
}
