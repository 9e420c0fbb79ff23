/**
 * Source positions as tree-sitter (web-tree-sitter) reports them: rows and columns are
 * 0-based, columns and indices count UTF-16 code units — the same unit LSP uses.
 * The CLI converts to the reference's 1-based byte positions with `LineIndex`.
 */
export interface Point {
  row: number;
  column: number;
}

export interface Span {
  start: Point;
  end: Point;
  startIndex: number;
  endIndex: number;
}

export function spanOf(node: { startPosition: Point; endPosition: Point; startIndex: number; endIndex: number }): Span {
  // web-tree-sitter computes `endPosition` (and `endIndex`) in wasm on every read: once each
  const start = node.startPosition;
  const end = node.endPosition;
  return { start: { row: start.row, column: start.column }, end: { row: end.row, column: end.column }, startIndex: node.startIndex, endIndex: node.endIndex };
}

export function spanCovering(a: Span, b: Span): Span {
  return { start: a.start, end: b.end, startIndex: a.startIndex, endIndex: b.endIndex };
}

export const EMPTY_SPAN: Span = { start: { row: 0, column: 0 }, end: { row: 0, column: 0 }, startIndex: 0, endIndex: 0 };

/** The `width` characters starting at `start` on one line (a keyword, a line break, a `###`). */
export function spanAt(start: Point, startIndex: number, width: number): Span {
  return {
    start: { row: start.row, column: start.column },
    end: { row: start.row, column: start.column + width },
    startIndex,
    endIndex: startIndex + width,
  };
}

/** Width of the line break a newline token starts with (`\r\n` or `\n`). */
export const lineBreakWidth = (text: string): number => (text.startsWith('\r') ? 2 : 1);
