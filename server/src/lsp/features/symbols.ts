import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { expressionText } from '../../model/expressionText';
import type { CheckDecl, Element, Pattern, Program } from '../../model/types';
import { toRange } from '../positions';

/** The element tree (and patterns) as document symbols, with scopes, refs and checks as leaves. */
export function documentSymbols(program: Program): DocumentSymbol[] {
  return [...program.patterns.map(patternSymbol), ...program.elements.map(elementSymbol)];
}

function elementSymbol(element: Element): DocumentSymbol {
  return {
    name: element.name.name,
    detail: element.implements.length > 0 ? `implements ${element.implements.map((i) => i.name).join(', ')}` : undefined,
    kind: SymbolKind.Module,
    range: toRange(element.span),
    selectionRange: toRange(element.name.span),
    children: [
      ...element.scopes.map((s) => leaf(s.name.name, 'scope', SymbolKind.Field, s.span, s.name.span)),
      ...element.refs.map((r) => leaf(r.name.name, `ref: ${r.type.name}`, SymbolKind.Interface, r.span, r.name.span)),
      ...element.checks.map(checkLeaf),
      ...element.children.map(elementSymbol),
    ],
  };
}

function patternSymbol(pattern: Pattern): DocumentSymbol {
  return {
    name: pattern.name.name,
    detail: pattern.keyword,
    kind: SymbolKind.Class,
    range: toRange(pattern.span),
    selectionRange: toRange(pattern.name.span),
    children: [
      ...pattern.scopes.map((s) => leaf(s.name.name, 'scope', SymbolKind.Field, s.span, s.name.span)),
      ...pattern.refs.map((r) => leaf(r.name.name, `ref: ${r.type.name}`, SymbolKind.Interface, r.span, r.name.span)),
      ...pattern.checks.map(checkLeaf),
      ...pattern.elements.map(elementSymbol),
    ],
  };
}

/** A check is named by its canonical text (`rust.struct_exists('Lexer')`), as in run reports. */
function checkLeaf(c: CheckDecl): DocumentSymbol {
  return leaf(expressionText(c.expression), 'check', SymbolKind.Event, c.span, c.expression.span);
}

function leaf(name: string, detail: string | undefined, kind: SymbolKind, span: Parameters<typeof toRange>[0], selection: Parameters<typeof toRange>[0]): DocumentSymbol {
  return { name, detail, kind, range: toRange(span), selectionRange: toRange(selection) };
}
