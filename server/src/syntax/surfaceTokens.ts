/**
 * A fast scan of a document's tokens without the tree, with the rules of the grammar's
 * scanner (grammar/src/scanner.c, grammar.js): exactly three `#` open a block comment that
 * ends at the next run of three `#` (or the end of input), six `#` alone on a line are an
 * empty block, other `#` runs are comments to the end of the line; strings take `\` escapes
 * and may span lines, an unterminated one runs to the end of its line. The language server's
 * semantic tokens and the formatter read it; the tree stays the authority on structure.
 */
export type SurfaceKind = 'comment' | 'string' | 'word' | 'number' | 'punct' | 'newline' | 'other';

export interface SurfaceToken {
  kind: SurfaceKind;
  start: number;
  end: number;
}

const PUNCT = new Set([':', '=', '.', ',', '(', ')', '[', ']', '{', '}', '<', '>', '*']);
const isWordStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordPart = (c: number): boolean => isWordStart(c) || isDigit(c);

/** Tokens of `text` in document order; spaces and tabs are skipped, `\r\n` is one newline. */
export function surfaceTokens(text: string): SurfaceToken[] {
  const out: SurfaceToken[] = [];
  scanSurface(text, (kind, start, end) => void out.push({ kind, start, end }));
  return out;
}

/** The same scan without building token objects (for hot paths that look at a few kinds). */
export function scanSurface(text: string, visit: (kind: SurfaceKind, start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    const start = i;
    let kind: SurfaceKind;
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10)) {
      kind = 'newline';
      i += c === 13 ? 2 : 1;
    } else if (c === 35 /* # */) {
      kind = 'comment';
      i = commentEnd(text, i);
    } else if (c === 39 || c === 34) {
      kind = 'string';
      i = stringEnd(text, i);
    } else if (isWordStart(c)) {
      kind = 'word';
      do i++;
      while (i < n && isWordPart(text.charCodeAt(i)));
    } else if (isDigit(c)) {
      kind = 'number';
      do i++;
      while (i < n && isDigit(text.charCodeAt(i)));
      if (text[i] === '.' && isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
    } else {
      kind = PUNCT.has(text[i]) ? 'punct' : 'other';
      i++;
    }
    visit(kind, start, i);
  }
}

const atLineEnd = (text: string, i: number): boolean => i >= text.length || text[i] === '\n' || text[i] === '\r';

function commentEnd(text: string, from: number): number {
  let i = from;
  while (text[i] === '#') i++;
  const hashes = i - from;
  if (hashes === 6 && atLineEnd(text, i)) return i;
  if (hashes === 3) {
    let run = 0;
    while (i < text.length) {
      if (text[i++] === '#') {
        if (++run === 3) return i;
      } else run = 0;
    }
    return i;
  }
  while (!atLineEnd(text, i)) i++;
  return i;
}

function stringEnd(text: string, from: number): number {
  const quote = text[from];
  for (let i = from + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === quote) return i + 1;
    if (ch === '\\') {
      if (i + 1 >= text.length || text[i + 1] === '\n') return unterminatedEnd(text, from, i);
      i++;
    }
  }
  return unterminatedEnd(text, from, text.length);
}

/** An unterminated string: up to its line end, or up to where it broke off before that. */
function unterminatedEnd(text: string, from: number, brokeAt: number): number {
  const lineEnd = text.indexOf('\n', from);
  return Math.min(brokeAt, lineEnd < 0 ? text.length : lineEnd);
}
