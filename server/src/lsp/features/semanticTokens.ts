import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { BUILTIN_LIBRARY_NAMES } from '../../libraries/builtinNames';
import type { Expression, Program } from '../../model/types';
import type { LineIndex } from '../../syntax/lineIndex';
import type { Span } from '../../syntax/span';
import { surfaceTokens } from '../../syntax/surfaceTokens';
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
type Modifier = (typeof TOKEN_MODIFIERS)[number];
interface Classified {
  end: number;
  type: number;
  modifiers: number;
}

const typeIndex = (t: TokenType): number => TOKEN_TYPES.indexOf(t);
const modifierBits = (ms: Modifier[]): number => ms.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);

const cache = new WeakMap<Program, SemanticTokens>();

/** Tokens of a whole document (cached per analysed program). */
export function semanticTokens(program: Program, text: string, lines: LineIndex): SemanticTokens {
  let tokens = cache.get(program);
  if (!tokens) {
    tokens = { data: encode(classify(program), text, lines) };
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

/** Kind of what a declaration key names, and whether it is a pattern placeholder (no value). */
function declType(d: Declaration): { type: TokenType; abstract: boolean } {
  const abstract = d.inPattern && ((d.kind === 'scope' && !d.scope?.expression) || (d.kind === 'ref' && !d.ref?.expression));
  return { type: d.kind satisfies DeclKind, abstract };
}

function classify(program: Program): Map<number, Classified> {
  const map = new Map<number, Classified>();
  const put = (span: Span, type: TokenType, modifiers: Modifier[] = []): void => {
    if (span.start.row !== span.end.row || span.endIndex <= span.startIndex) return;
    map.set(span.startIndex, { end: span.endIndex, type: typeIndex(type), modifiers: modifierBits(modifiers) });
  };
  const index = modelIndex(program);
  for (const o of index.occurrences) {
    const d = index.declarations.get(o.key);
    if (!d) continue;
    const { type, abstract } = declType(d);
    put(o.span, type, [...(o.declaration ? (['declaration'] as const) : []), ...(abstract ? (['abstract'] as const) : [])]);
  }
  for (const u of index.unresolved) put(u.span, u.wanted[0].startsWith('pattern:') ? 'pattern' : u.wanted[0].startsWith('element:') ? 'element' : 'scope');
  for (const call of index.calls) {
    const builtin = BUILTIN_LIBRARY_NAMES.includes(call.library.name);
    const lib: Modifier[] = builtin ? ['defaultLibrary'] : [];
    put(call.library.span, 'namespace', lib);
    put(call.fn.span, 'function', lib);
    if (call.library.name === 'files') for (const arg of call.args) if (arg.kind === 'string') put(arg.span, 'path');
  }
  for (const imp of program.imports) {
    if (imp.path.kind === 'string') put(imp.path.span, 'path');
    else imp.path.parts.forEach((p, i) => put(p.span, 'namespace', i === 0 && BUILTIN_LIBRARY_NAMES.includes(p.name) ? ['defaultLibrary'] : []));
    if (imp.alias) put(imp.alias.span, 'namespace', ['declaration']);
    for (const name of imp.selective) put(name.span, 'function');
  }
  const refTypes = (refs: { type: { span: Span } }[]): void => refs.forEach((r) => put(r.type.span, 'type'));
  const visit = (scopes: { language: { span: Span } | null }[], refs: { type: { span: Span } }[]): void => {
    for (const s of scopes) if (s.language) put(s.language.span, 'type');
    refTypes(refs);
  };
  const element = (e: Program['elements'][number]): void => {
    visit(e.scopes, e.refs);
    e.children.forEach(element);
  };
  program.elements.forEach(element);
  for (const p of program.patterns) {
    visit(p.scopes, p.refs);
    p.elements.forEach(element);
    for (const r of p.requirements) {
      const c = r.component;
      if (c.kind === 'scope' && c.scope.language) put(c.scope.language.span, 'type');
      if (c.kind === 'ref') put(c.type.span, 'type');
      if (c.kind === 'language') put(c.name.span, 'type');
      if (c.kind === 'connection') c.path.forEach((part) => put(part.span, 'element'));
      if (c.kind === 'element') {
        if (c.name.name !== '_anonymous') put(c.name.span, 'element', ['declaration']);
        if (c.type) put(c.type.span, 'type');
      }
    }
  }
  for (const language of program.languages) {
    put(language.name.span, 'type', ['declaration']);
    for (const cc of language.connectionChecks) {
      put(cc.name.span, 'function', ['declaration']);
      const params = new Set(cc.parameters.map((p) => p.name));
      for (const p of cc.parameters) put(p.span, 'parameter', ['declaration']);
      forEachIdentifier(cc.body, (id) => {
        if (params.has(id.name)) put(id.span, 'parameter');
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
function encode(map: Map<number, Classified>, text: string, lines: LineIndex): number[] {
  const data: number[] = [];
  const keyword = typeIndex('keyword');
  let lastRow = 0;
  let lastCol = 0;
  for (const token of surfaceTokens(text)) {
    const known = map.get(token.start);
    let type: number;
    let modifiers = 0;
    let end = token.end;
    if (known) {
      ({ type, modifiers, end } = known);
    } else if (token.kind === 'word' && KEYWORD_KINDS[text.slice(token.start, token.end)] !== undefined) {
      type = keyword;
    } else continue;
    const at = lines.pointAt(token.start);
    const endAt = lines.pointAt(end);
    if (endAt.row !== at.row) continue;
    data.push(at.row - lastRow, at.row === lastRow ? at.column - lastCol : at.column, end - token.start, type, modifiers);
    lastRow = at.row;
    lastCol = at.column;
  }
  return data;
}
