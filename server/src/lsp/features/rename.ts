import { ErrorCodes, ResponseError, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { KEYWORD_KINDS } from '../../syntax/tokens';
import type { Resolver } from '../navigation/resolver';
import { toRange } from '../positions';
import type { HieFile } from '../workspaceState';

/** An identifier of the language (language.md §2.4): ASCII letters, digits and `_`. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** textDocument/prepareRename: the name under the cursor when it is an element, pattern, scope, ref or placeholder. */
export function prepareRename(resolver: Resolver, file: HieFile, position: Position): { range: Range; placeholder: string } | null {
  const target = resolver.targetAt(file, position);
  if (target?.kind !== 'symbol' || target.symbols.length === 0) return null;
  return { range: toRange(target.span), placeholder: file.doc.text.slice(target.span.startIndex, target.span.endIndex) };
}

/**
 * textDocument/rename: the declaration and every use, in every spec that names it. The new
 * name must be an identifier and not a keyword (a keyword cannot start an expression, so
 * `check files.exists(scope, …)` would no longer parse).
 */
export function rename(resolver: Resolver, file: HieFile, position: Position, newName: string): WorkspaceEdit | null {
  const target = resolver.targetAt(file, position);
  if (target?.kind !== 'symbol' || target.symbols.length === 0) return null;
  if (!IDENTIFIER.test(newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a valid name: use letters, digits and _ (not starting with a digit)`);
  }
  if (KEYWORD_KINDS[newName] !== undefined) throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is a keyword and cannot be used as a name here`);
  const changes: Record<string, TextEdit[]> = {};
  for (const site of resolver.occurrences(target.symbols)) {
    (changes[site.file.uri] ??= []).push({ range: toRange(site.span), newText: newName });
  }
  return { changes };
}
