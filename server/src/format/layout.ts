import { surfaceTokens, type SurfaceToken } from '../syntax/surfaceTokens';
import { spaceBetween } from './spacing';

/** Spaces per block level (canonical: the editor's tab settings are not consulted). */
export const INDENT = '    ';

/** One physical line of the input. */
interface Line {
  /** Text without its line terminator. */
  content: string;
  /** `\n`, `\r\n`, or '' for a last line without one. */
  terminator: string;
  /** Index of the line's first character. */
  start: number;
}

/** What a line becomes: rebuilt, kept as it is (inside a multi-line string or comment), or blank. */
type Planned =
  | { kind: 'code'; depth: number; tokens: SurfaceToken[]; column: number; opens: boolean; closes: boolean }
  | { kind: 'comment'; tokens: SurfaceToken[]; column: number }
  | { kind: 'verbatim' }
  | { kind: 'blank' };

export type LayoutResult = { ok: true; lines: (string | null)[]; terminators: string[] } | { ok: false; row: number; reason: string };

/**
 * Lays out `text` line by line: code lines at the depth the tree gives their first token
 * (`depths`: start index → depth), comment lines at the depth of the code around them
 * closest to where they were, tokens joined with canonical spacing, blank lines collapsed.
 * Returns, per input line, its new text (terminator excluded) or null when it is dropped.
 */
export function layout(text: string, depths: ReadonlyMap<number, number>): LayoutResult {
  const lines = splitLines(text);
  const tokens = surfaceTokens(text).filter((t) => t.kind !== 'newline');
  const planned: Planned[] = [];
  let t = 0;
  let verbatimUntil = -1; // last row covered by a multi-line token that started above
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row];
    const lineEnd = line.start + line.content.length;
    const mine: SurfaceToken[] = [];
    while (t < tokens.length && tokens[t].start < lineEnd + line.terminator.length) mine.push(tokens[t++]);
    if (row <= verbatimUntil) {
      planned.push({ kind: 'verbatim' });
      continue;
    }
    const last = mine[mine.length - 1];
    if (last && last.end > lineEnd) verbatimUntil = rowOf(lines, last.end - 1, row);
    if (mine.length === 0) {
      planned.push({ kind: 'blank' });
      continue;
    }
    const stray = mine.find((tok) => tok.kind === 'other');
    if (stray) return { ok: false, row, reason: `unexpected character '${text.slice(stray.start, stray.end)}'` };
    const column = indentWidth(line.content);
    const code = mine.find((tok) => tok.kind !== 'comment');
    if (!code) {
      planned.push({ kind: 'comment', tokens: mine, column });
      continue;
    }
    const depth = depths.get(code.start);
    if (depth === undefined) return { ok: false, row, reason: 'this line does not start a statement' };
    let lastCode = mine[mine.length - 1];
    for (let i = mine.length - 1; lastCode.kind === 'comment' && i > 0; ) lastCode = mine[--i];
    const closing = text.slice(lastCode.start, lastCode.end);
    planned.push({ kind: 'code', depth, tokens: mine, column, opens: closing === ':' || closing === '{', closes: text.slice(code.start, code.end) === '}' });
  }
  const commentDepths = placeComments(planned);
  const below = nextWhere(planned, (p) => p.kind !== 'blank');
  const out: (string | null)[] = [];
  let lastKept = -1;
  for (let row = 0; row < lines.length; row++) {
    const p = planned[row];
    if (p.kind === 'verbatim') out.push(lines[row].content);
    else if (p.kind === 'blank') out.push(keepBlank(lastKept < 0 ? undefined : planned[lastKept], out[lastKept], below[row] < 0 ? undefined : planned[below[row]]) ? '' : null);
    else out.push(rebuild(text, lines[row], p.tokens, p.kind === 'code' ? p.depth : commentDepths.get(row)!));
    if (out[row] !== null) lastKept = row;
  }
  // no blank lines at the end
  for (let row = out.length - 1; row >= 0 && (out[row] === '' || out[row] === null) && planned[row].kind === 'blank'; row--) out[row] = null;
  return { ok: true, lines: out, terminators: lines.map((l) => l.terminator) };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const cr = end > start && text[end - 1] === '\r';
    lines.push({ content: text.slice(start, cr ? end - 1 : end), terminator: nl < 0 ? '' : cr ? '\r\n' : '\n', start });
    start = nl < 0 ? text.length : nl + 1;
  }
  return lines;
}

function rowOf(lines: Line[], index: number, from: number): number {
  let row = from;
  while (row + 1 < lines.length && lines[row + 1].start <= index) row++;
  return row;
}

/** Indentation width as the scanner measures it: a space counts 1, a tab 4. */
function indentWidth(content: string): number {
  let width = 0;
  for (const ch of content) {
    if (ch === ' ') width += 1;
    else if (ch === '\t') width += 4;
    else break;
  }
  return width;
}

/** The line's tokens, canonically spaced; a token running onto the next lines is kept as written. */
function rebuild(text: string, line: Line, tokens: SurfaceToken[], depth: number): string {
  const lineEnd = line.start + line.content.length;
  let out = INDENT.repeat(depth);
  let previous: { kind: string; text: string } | undefined;
  for (const tok of tokens) {
    const runsOn = tok.end > lineEnd;
    let piece = text.slice(tok.start, runsOn ? lineEnd : tok.end);
    if (tok.kind === 'comment' && !runsOn) piece = piece.trimEnd();
    const current = { kind: tok.kind, text: piece };
    if (previous) out += spaceBetween(previous, current);
    out += piece;
    previous = current;
  }
  return out;
}

/**
 * A comment line sits between the depth of the next code line and the depth just inside the
 * previous one; within that range, at the deepest level whose code (in the input) starts at
 * or before the comment's column — so a comment keeps belonging to the block it was written in.
 */
function placeComments(planned: Planned[]): Map<number, number> {
  const depths = new Map<number, number>();
  const levelColumns: number[] = []; // input column of the latest code line per depth
  const nextCode = nextWhere(planned, (p) => p.kind === 'code');
  let prev: Extract<Planned, { kind: 'code' }> | undefined;
  for (let row = 0; row < planned.length; row++) {
    const p = planned[row];
    if (p.kind === 'code') {
      levelColumns.length = p.depth;
      levelColumns[p.depth] = p.column;
      prev = p;
      continue;
    }
    if (p.kind !== 'comment') continue;
    const after = planned[nextCode[row]];
    const next = after?.kind === 'code' ? after : undefined;
    const inner = prev ? prev.depth + (prev.opens ? 1 : 0) : 0;
    const low = Math.min(next?.depth ?? 0, inner);
    let depth = low;
    for (let d = inner; d > low; d--) {
      const column = prev && prev.opens && d === prev.depth + 1 ? prev.column + 1 : levelColumns[d];
      if (column !== undefined && p.column >= column) {
        depth = d;
        break;
      }
    }
    depths.set(row, depth);
  }
  return depths;
}

/** For each row, the first later row satisfying `test` (-1: none). */
function nextWhere(planned: Planned[], test: (p: Planned) => boolean): number[] {
  const next = new Array<number>(planned.length);
  let found = -1;
  for (let row = planned.length - 1; row >= 0; row--) {
    next[row] = found;
    if (test(planned[row])) found = row;
  }
  return next;
}

/** Blank lines: at most one in a row, none at the start, none right inside a block's brackets. */
function keepBlank(above: Planned | undefined, aboveText: string | null | undefined, below: Planned | undefined): boolean {
  if (!above || aboveText === '' || !below) return false;
  if (above.kind === 'code' && above.opens) return false;
  return !(below.kind === 'code' && below.closes);
}
