import type { Range, TextEdit } from 'vscode-languageserver';
import { formatHie, joinLines, type FormattedLines } from '../../format';
import type { HieFile } from '../workspaceState';

/**
 * textDocument/formatting and rangeFormatting. One edit replacing the rows that change (the
 * rest of the document, and the cursor in it, is untouched). A file with errors is left
 * alone (null), as prettier does.
 */
export function formatting(file: HieFile): TextEdit[] | null {
  const outcome = formatHie(input(file));
  return outcome.ok ? minimalEdit(file.doc.text, outcome.text) : null;
}

/** Only the rows the range touches are laid out again (their depth still comes from the whole file). */
export function rangeFormatting(file: HieFile, range: Range): TextEdit[] | null {
  const outcome = formatHie(input(file));
  if (!outcome.ok) return null;
  const original = splitRows(file.doc.text);
  const lastRow = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const rows: FormattedLines = {
    rows: outcome.lines.rows.map((row, i) => (i >= range.start.line && i <= lastRow ? row : original[i])),
    terminators: outcome.lines.terminators,
  };
  const touchesEnd = lastRow >= original.length - 1;
  const text = touchesEnd ? joinLines(rows, file.doc.text) : rows.rows.map((r, i) => (r === null ? '' : r + rows.terminators[i])).join('');
  return minimalEdit(file.doc.text, text);
}

const input = (file: HieFile) => ({ text: file.doc.text, tree: file.doc.tree, diagnostics: file.doc.analysis.diagnostics });

function splitRows(text: string): string[] {
  const rows = text.split('\n').map((r) => (r.endsWith('\r') ? r.slice(0, -1) : r));
  if (text.endsWith('\n')) rows.pop();
  return rows;
}

/** The smallest single edit turning `before` into `after`: common prefix and suffix kept, in whole rows. */
export function minimalEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  start = before.lastIndexOf('\n', start - 1) + 1; // back to a row start
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const position = (index: number) => {
    const head = before.slice(0, index);
    const line = head.split('\n').length - 1;
    return { line, character: index - (head.lastIndexOf('\n') + 1) };
  };
  return [{ range: { start: position(start), end: position(endB) }, newText: after.slice(start, endA) }];
}
