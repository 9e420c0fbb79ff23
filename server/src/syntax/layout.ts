import type { LineIndex } from './lineIndex';
import type { Token } from './tokens';

/** The scanner keeps at most this many indentation levels (scanner.c MAX_DEPTH). */
const MAX_DEPTH = 1000;

/**
 * The zero-width `Indent`/`Dedent` tokens of a token stream, worked out from its line
 * breaks and the text exactly as the external scanner (grammar/src/scanner.c) produces them:
 * at each `Newline` token, the indentation of the content line it ends at (spaces 1, tabs
 * 4; comment-only lines do not count) is pushed or pops levels, and the resulting tokens sit
 * at column 0 of that line; at the end of the document every open level is closed. The
 * tree has these tokens too, but they depend on every line above them, so an edit can
 * change them far away without the tree reporting a change there; computing them from the
 * (tracked) line breaks keeps a moved token stream exact. A property test checks that this
 * equals the tree's tokens.
 *
 * One scanner walks consecutive runs of tokens with a width (units), in order.
 */
export class LayoutScanner {
  private readonly stack: number[];
  /** Still before the first run of the document (the first-line rule applies). */
  private first: boolean;

  /** `stack`: the indentation levels at the start of the first run (none: the document start). */
  constructor(private readonly text: string, private readonly lines: LineIndex, stack?: readonly number[]) {
    this.stack = stack ? [...stack] : [0];
    this.first = !stack;
  }

  /** The indentation levels where the scanner is now (a unit's start state, for comparing). */
  get state(): readonly number[] {
    return [...this.stack];
  }

  /** The next run's tokens with the layout tokens its own line breaks produce; `atEnd`: it ends the document. */
  run(tokens: readonly Token[], atEnd: boolean): Token[] {
    const out: Token[] = [];
    if (this.first) {
      // the scanner's first-line rule: an indented first content line opens a level at 0
      this.first = false;
      const line = measure(this.text, 0);
      if (line.width > 0 && line.content) this.applyIndent(line.width, 0, out);
    }
    for (const token of tokens) {
      out.push(token);
      if (token.kind !== 'Newline') continue;
      const line = measure(this.text, token.endIndex);
      if (line.content) this.applyIndent(line.width, token.endIndex, out);
    }
    if (atEnd) while (this.stack.length > 1) {
      this.stack.pop();
      this.layout('Dedent', this.text.length, out);
    }
    return out;
  }

  /** The scanner's apply_indent, emitting at `at` what it leaves pending. */
  private applyIndent(width: number, at: number, out: Token[]): void {
    const top = this.stack[this.stack.length - 1];
    if (width > top) {
      if (this.stack.length < MAX_DEPTH) {
        this.stack.push(Math.min(width, 65535));
        this.layout('Indent', at, out);
      }
      return;
    }
    while (this.stack.length > 1 && this.stack[this.stack.length - 1] > width) {
      this.stack.pop();
      this.layout('Dedent', at, out);
    }
  }

  private layout(kind: 'Indent' | 'Dedent', at: number, out: Token[]): void {
    const point = this.lines.pointAt(at);
    out.push({ kind, text: '', startIndex: at, endIndex: at, start: point, end: { ...point } });
  }
}

/** Indentation at `at` (a line start) and whether a content line (not a comment, not the end) starts there. */
function measure(text: string, at: number): { width: number; content: boolean } {
  let width = 0;
  let i = at;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) width += 1;
    else if (c === 9) width += 4;
    else break;
  }
  // after a Newline token the line is not blank; a lone '\r' or '#' or the end apply nothing
  const c = text[i];
  return { width, content: i < text.length && c !== '#' && c !== '\r' && c !== '\n' };
}
