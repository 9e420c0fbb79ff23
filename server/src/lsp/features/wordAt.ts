import type { Position } from 'vscode-languageserver';
import type { LineIndex } from '../../syntax/lineIndex';
import type { Span } from '../../syntax/span';

/** The identifier-like word touching a position, with its span. */
export function wordAt(text: string, lines: LineIndex, position: Position): { text: string; span: Span } | undefined {
  const index = lines.indexOf({ row: position.line, column: position.character });
  let start = index;
  let end = index;
  while (start > 0 && /\w/.test(text[start - 1])) start--;
  while (end < text.length && /\w/.test(text[end])) end++;
  if (start === end) return undefined;
  return {
    text: text.slice(start, end),
    span: { start: lines.pointAt(start), end: lines.pointAt(end), startIndex: start, endIndex: end },
  };
}
