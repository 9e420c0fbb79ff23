import type { Tree } from 'web-tree-sitter';
import type { HieDiagnostic } from '../diagnostics/diagnostic';
import type { Point } from '../syntax/span';
import { layout } from './layout';
import { lineDepths } from './structure';

/**
 * The formatter: canonical indentation (four spaces per block, both block styles kept),
 * canonical spacing between tokens, comments kept (each at the depth of the block it was
 * written in), at most one blank line in a row, a final line break. Only whitespace between
 * tokens and at line starts changes — never a token, a line break inside a string or
 * comment, or the order of anything — so the model is the same before and after, and
 * formatting twice changes nothing. A file with errors is not formatted (its structure is
 * not known for sure).
 */
export type FormatOutcome =
  | { ok: true; text: string; changed: boolean; lines: FormattedLines }
  | { ok: false; at: Point; message: string };

/** Per input row: the new text of the row (null: removed), and the row's original terminator. */
export interface FormattedLines {
  rows: (string | null)[];
  terminators: string[];
}

export interface FormatInput {
  text: string;
  tree: Tree;
  /** Diagnostics of the analysis; an error among them means the file is not formatted. */
  diagnostics: readonly HieDiagnostic[];
}

export function formatHie({ text, tree, diagnostics }: FormatInput): FormatOutcome {
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error) return { ok: false, at: error.span.start, message: `${error.code} ${error.message}` };
  if (tree.rootNode.hasError) return { ok: false, at: { row: 0, column: 0 }, message: 'the file has syntax errors' };
  const result = layout(text, lineDepths(tree));
  if (!result.ok) return { ok: false, at: { row: result.row, column: 0 }, message: result.reason };
  const lines: FormattedLines = { rows: result.lines, terminators: result.terminators };
  const formatted = joinLines(lines, text);
  return { ok: true, text: formatted, changed: formatted !== text, lines };
}

/** The rows joined; the last kept row always ends with a line break (the file's first kind). */
export function joinLines({ rows, terminators }: FormattedLines, original: string): string {
  const newline = original.includes('\r\n') && original.indexOf('\r\n') <= original.indexOf('\n') ? '\r\n' : '\n';
  let out = '';
  let lastKept = -1;
  for (let i = rows.length - 1; i >= 0; i--) {
    if (rows[i] !== null) {
      lastKept = i;
      break;
    }
  }
  rows.forEach((row, i) => {
    if (row === null) return;
    out += row + (i === lastKept ? terminators[i] || newline : terminators[i]);
  });
  return out;
}
