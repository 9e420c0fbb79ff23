import type { Position, Range } from 'vscode-languageserver';
import type { Point, Span } from '../syntax/span';

/** Model spans are 0-based rows with UTF-16 columns: LSP positions already. */
export const toPosition = (point: Point): Position => ({ line: point.row, character: point.column });

export const toRange = (span: Span): Range => ({ start: toPosition(span.start), end: toPosition(span.end) });

const compare = (a: Point, b: Position): number => a.row - b.line || a.column - b.character;

/** True when `position` is inside `span`, its end included (a cursor right after a name is on it). */
export function spanContains(span: Span, position: Position): boolean {
  return compare(span.start, position) <= 0 && compare(span.end, position) >= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
