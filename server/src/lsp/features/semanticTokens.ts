import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { BUILTIN_LIBRARY_NAMES } from '../../libraries/builtinNames';
import type { Expression, Program } from '../../model/types';
import type { LineIndex } from '../../syntax/lineIndex';
import type { Span } from '../../syntax/span';
import { scanSurface } from '../../syntax/surfaceTokens';
import { KEYWORD_KINDS } from '../../syntax/tokens';
import { modelIndex, type DeclKind, type Declaration } from '../modelIndex';

/**
 * Semantic tokens: names coloured by what they declare or name (element, pattern, scope,
 * ref — the same resolution as navigation), libraries and their functions, connection-check
 * parameters, path strings (arguments of `files` and string imports), keywords. Custom types
 * (element, pattern, scope, ref, path) are declared by the extension with a standard
 * super type, so every theme colours them.
 */
export const TOKEN_TYPES = ['keyword', 'namespace', 'function', 'parameter', 'type', 'element', 'pattern', 'scope', 'ref', 'path'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary', 'abstract'] as const;
export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
/**
 * What the model says about the names and strings of a text: `slot[start]` is 1 + the entry
 * of the token starting there (0: none), with its end, type and modifier bits. Arrays, not a
 * map: this is read for every word of a 5,000-line file after each edit.
 */
interface Classified {
  slot: Int32Array;
  end: number[];
  type: number[];
  modifiers: number[];
}

const T = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<TokenType, number>;
/** Modifier bits, in TOKEN_MODIFIERS order. */
const DECLARATION = 1;
const DEFAULT_LIBRARY = 2;
const ABSTRACT = 4;

const cache = new WeakMap<Program, SemanticTokens>();

/** Tokens of a whole document (cached per analysed program). */
export function semanticTokens(program: Program, text: string, lines: LineIndex): SemanticTokens {
  let tokens = cache.get(program);
  if (!tokens) {
    tokens = { data: encode(classify(program, text.length), text, lines) };
    cache.set(program, tokens);
  }
  return tokens;
}

/** Tokens of the rows `startRow`…`endRow` (inclusive), re-encoded relative to each other. */
export function semanticTokensInRows(program: Program, text: string, lines: LineIndex, startRow: number, endRow: number): SemanticTokens {
  const { data } = semanticTokens(program, text, lines);
  const out: number[] = [];
  let row = 0;
  let col = 0;
  let lastRow = -1;
  let lastCol = 0;
  for (let i = 0; i < data.length; i += 5) {
    col = data[i] === 0 ? col + data[i + 1] : data[i + 1];
    row += data[i];
    if (row < startRow) continue;
    if (row > endRow) break;
    out.push(lastRow < 0 ? row : row - lastRow, lastRow === row ? col - lastCol : col, data[i + 2], data[i + 3], data[i + 4]);
    lastRow = row;
    lastCol = col;
  }
  return { data: out };
}

/** A pattern placeholder: a scope or ref of a pattern without a value. */
const isPlaceholder = (d: Declaration): boolean =>
  d.inPattern && ((d.kind === 'scope' && !d.scope?.expression) || (d.kind === 'ref' && !d.ref?.expression));

function classify(program: Program, textLength: number): Classified {
  const map: Classified = { slot: new Int32Array(textLength + 1), end: [], type: [], modifiers: [] };
  const put = (span: Span, type: number, modifiers = 0): void => {
    if (span.start.row !== span.end.row || span.endIndex <= span.startIndex || span.startIndex > textLength) return;
    const existing = map.slot[span.startIndex];
    const entry = existing > 0 ? existing - 1 : map.end.length;
    map.slot[span.startIndex] = entry + 1;
    map.end[entry] = span.endIndex;
    map.type[entry] = type;
    map.modifiers[entry] = modifiers;
  };
  const index = modelIndex(program);
  for (const o of index.occurrences) {
    const d = index.declarations.get(o.key);
    if (d) put(o.span, T[d.kind satisfies DeclKind], (o.declaration ? DECLARATION : 0) | (isPlaceholder(d) ? ABSTRACT : 0));
  }
  for (const u of index.unresolved) put(u.span, u.wanted[0].startsWith('pattern:') ? T.pattern : u.wanted[0].startsWith('element:') ? T.element : T.scope);
  for (const call of index.calls) {
    const lib = BUILTIN_LIBRARY_NAMES.includes(call.library.name) ? DEFAULT_LIBRARY : 0;
    put(call.library.span, T.namespace, lib);
    put(call.fn.span, T.function, lib);
    if (call.library.name === 'files') for (const arg of call.args) if (arg.kind === 'string') put(arg.span, T.path);
  }
  for (const imp of program.imports) {
    if (imp.path.kind === 'string') put(imp.path.span, T.path);
    else imp.path.parts.forEach((p, i) => put(p.span, T.namespace, i === 0 && BUILTIN_LIBRARY_NAMES.includes(p.name) ? DEFAULT_LIBRARY : 0));
    if (imp.alias) put(imp.alias.span, T.namespace, DECLARATION);
    for (const name of imp.selective) put(name.span, T.function);
  }
  const typed = (scopes: { language: { span: Span } | null }[], refs: { type: { span: Span } }[]): void => {
    for (const s of scopes) if (s.language) put(s.language.span, T.type);
    for (const r of refs) put(r.type.span, T.type);
  };
  const element = (e: Program['elements'][number]): void => {
    typed(e.scopes, e.refs);
    e.children.forEach(element);
  };
  program.elements.forEach(element);
  for (const p of program.patterns) {
    typed(p.scopes, p.refs);
    p.elements.forEach(element);
    for (const r of p.requirements) {
      const c = r.component;
      if (c.kind === 'scope' && c.scope.language) put(c.scope.language.span, T.type);
      if (c.kind === 'ref') put(c.type.span, T.type);
      if (c.kind === 'language') put(c.name.span, T.type);
      if (c.kind === 'connection') c.path.forEach((part) => put(part.span, T.element));
      if (c.kind === 'element') {
        if (c.name.name !== '_anonymous') put(c.name.span, T.element, DECLARATION);
        if (c.type) put(c.type.span, T.type);
      }
    }
  }
  for (const language of program.languages) {
    put(language.name.span, T.type, DECLARATION);
    for (const cc of language.connectionChecks) {
      put(cc.name.span, T.function, DECLARATION);
      const params = new Set(cc.parameters.map((p) => p.name));
      for (const p of cc.parameters) put(p.span, T.parameter, DECLARATION);
      forEachIdentifier(cc.body, (id) => {
        if (params.has(id.name)) put(id.span, T.parameter);
      });
    }
  }
  return map;
}

function forEachIdentifier(e: Expression, visit: (id: { name: string; span: Span }) => void): void {
  switch (e.kind) {
    case 'identifier':
      return visit(e);
    case 'member':
      return forEachIdentifier(e.object, visit);
    case 'call':
      forEachIdentifier(e.callee, visit);
      return e.args.forEach((a) => forEachIdentifier(a, visit));
    case 'list':
      return e.elements.forEach((a) => forEachIdentifier(a, visit));
    default:
      return;
  }
}

/** LSP's relative encoding; words the model did not classify are keywords when they are one. */
function encode(map: Classified, text: string, lines: LineIndex): number[] {
  // written into a typed array (plain-array growth costs more than the scan), copied once at the end
  let data = new Int32Array(5 * (map.end.length + 256));
  let n = 0;
  const keyword = T.keyword;
  let lastRow = 0;
  let lastCol = 0;
  // tokens come in document order: follow the rows instead of searching them
  let row = 0;
  let rowStart = 0;
  // integers only (no Infinity): the values stay small integers all the way into `data`
  const beyond = text.length + 1;
  let nextRowStart = row + 1 < lines.lineCount ? lines.rowStart(row + 1) : beyond;
  scanSurface(text, (kind, start, tokenEnd) => {
    if (kind !== 'word' && kind !== 'string') return;
    const known = map.slot[start] - 1;
    let type: number;
    let modifiers = 0;
    let end = tokenEnd;
    if (known >= 0) {
      type = map.type[known];
      modifiers = map.modifiers[known];
      end = map.end[known];
    } else if (kind === 'word' && end - start <= MAX_KEYWORD && KEYWORD_INITIALS.has(text.charCodeAt(start)) && KEYWORDS.has(text.slice(start, end))) {
      type = keyword;
    } else return;
    while (start >= nextRowStart) {
      row++;
      rowStart = nextRowStart;
      nextRowStart = row + 1 < lines.lineCount ? lines.rowStart(row + 1) : beyond;
    }
    if (end > nextRowStart) return; // LSP tokens stay on one line
    const column = start - rowStart;
    if (n + 5 > data.length) {
      const grown = new Int32Array(data.length * 2);
      grown.set(data);
      data = grown;
    }
    data[n++] = row - lastRow;
    data[n++] = row === lastRow ? column - lastCol : column;
    data[n++] = end - start;
    data[n++] = type;
    data[n++] = modifiers;
    lastRow = row;
    lastCol = column;
  });
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = data[i];
  return out;
}

const KEYWORDS: ReadonlySet<string> = new Set(Object.keys(KEYWORD_KINDS));
const MAX_KEYWORD = Math.max(...[...KEYWORDS].map((k) => k.length));
const KEYWORD_INITIALS: ReadonlySet<number> = new Set([...KEYWORDS].map((k) => k.charCodeAt(0)));
