import type { Node } from 'web-tree-sitter';
import type { HieDiagnostic } from '../diagnostics/diagnostic';
import { lineBreakWidth, spanAt, type Point, type Span } from './span';
import { firstSyntaxError, UNTERMINATED_STRING } from './firstError';
import { tokenKind, type Token } from './tokens';

/** At most this many syntax diagnostics per document (a binary file would produce thousands). */
const MAX_SYNTAX_DIAGNOSTICS = 50;

const RESYNC_KINDS = new Set(['Element', 'Pattern', 'Template', 'Language', 'Import', 'From']);

/** Where a region's token stream ends: the first token after it, or the end of the document. */
export interface RegionEnd {
  lookahead: Token | undefined;
  eof: { startIndex: number; start: Point };
}

/**
 * Syntax diagnostics of one broken region (a top-level item and the ERROR nodes after it),
 * from its tokens (`leafTokens` of its nodes): the first offending token named with the
 * reference's code and message (firstError.ts). After an error the reader resumes at the
 * next top-level keyword in column 0, so one mistake gives one diagnostic instead of the
 * reference's cascade. The lookahead (the first token after the region) ends the stream;
 * `nodes` are only read when the recogniser accepts what tree-sitter rejected.
 */
export function regionSyntaxDiagnostics(regionTokens: readonly Token[], end: RegionEnd, nodes: readonly Node[]): HieDiagnostic[] {
  const tokens = regionTokens.filter((t) => t.kind !== 'Eof');
  const regionEnd = tokens.length; // resynchronising never goes past the region
  if (end.lookahead) tokens.push(end.lookahead);
  const endAt = end.lookahead ?? end.eof;
  tokens.push({ kind: 'Eof', text: '', startIndex: endAt.startIndex, endIndex: endAt.startIndex, start: endAt.start, end: endAt.start });
  const out: HieDiagnostic[] = [];
  let start = 0;
  while (start < regionEnd && out.length < MAX_SYNTAX_DIAGNOSTICS) {
    const failure = firstSyntaxError(tokens, start);
    if (!failure) break;
    const runaway = runawayString(tokens, start, failure.at);
    if (runaway) out.push({ severity: 'error', code: 'E018', message: UNTERMINATED_STRING, span: runaway, source: 'syntax' });
    else out.push({ severity: 'error', code: failure.code, message: failure.message, span: tokenSpan(tokens[failure.at]), source: 'syntax' });
    let resume = failure.at + 1;
    while (resume < tokens.length - 1 && !(RESYNC_KINDS.has(tokens[resume].kind) && tokens[resume].start.column === 0)) resume++;
    start = resume;
  }
  if (out.length === 0) out.push(fallback(nodes.find((n) => n.hasError || n.isError) ?? nodes[0]));
  return out;
}

/**
 * A string may hold line breaks (language.md §2.5), so a missing closing quote makes the string
 * run to the next quote of the file, and the error shows up after it, on a later line. When the
 * first error is on the line where a multi-line string of the statement ends, that string is
 * what is wrong: its opening quote, to the end of its line.
 */
function runawayString(tokens: readonly Token[], from: number, at: number): Span | undefined {
  const row = tokens[at].start.row;
  for (let i = at - 1; i >= from; i--) {
    const t = tokens[i];
    if (t.kind === 'Newline') return undefined;
    if ((t.kind === 'StringSingle' || t.kind === 'StringDouble') && t.text.includes('\n')) {
      if (t.end.row !== row) return undefined;
      const firstLine = t.text.indexOf('\n');
      return spanAt(t.start, t.startIndex, t.text[firstLine - 1] === '\r' ? firstLine - 1 : firstLine);
    }
  }
  return undefined;
}

/** A span of its own (tokens are kept and moved across edits; diagnostics are moved separately). */
function tokenSpan(token: Token): Span {
  if (token.kind === 'Newline') {
    // a newline token also covers the blank lines after it; point at the line end only
    return spanAt(token.start, token.startIndex, lineBreakWidth(token.text));
  }
  return { start: { ...token.start }, end: { ...token.end }, startIndex: token.startIndex, endIndex: token.endIndex };
}

/** When the recogniser accepts what tree-sitter rejected: describe the first ERROR/MISSING node. */
function fallback(root: Node): HieDiagnostic {
  const bad = firstBroken(root) ?? root;
  const span: Span = {
    start: bad.startPosition,
    end: bad.endPosition,
    startIndex: bad.startIndex,
    endIndex: bad.endIndex,
  };
  const message = bad.isMissing ? `Missing ${bad.type}` : `Unexpected ${bad.firstChild ? tokenKind(firstLeaf(bad)) : tokenKind(bad)}`;
  return { severity: 'error', code: 'E000', message, span, source: 'syntax' };
}

function firstBroken(node: Node): Node | null {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child && (child.hasError || child.isMissing)) return firstBroken(child);
  }
  return null;
}

function firstLeaf(node: Node): Node {
  let current = node;
  while (current.firstChild) current = current.firstChild;
  return current;
}
