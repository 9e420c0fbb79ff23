import * as path from 'node:path';
import type { Position } from 'vscode-languageserver';
import type { Span } from '../../syntax/span';
import { modelIndex, type Declaration, type LibraryCall, type ModelIndex, type Unresolved } from '../modelIndex';
import { spanContains } from '../positions';
import type { HieFile } from '../workspaceState';

/**
 * The one place that answers "what is at this position, and what does it name" for
 * definition, references, rename and document links, so they never disagree.
 *
 * A name resolves inside its file first (modelIndex.ts, language.md §7.3). A pattern name or
 * placeholder path (`implements p`, `binds p.src`) that its file does not declare resolves to
 * the declarations of the other specs of the project (specs.ts).
 */
export interface SymbolRef {
  file: HieFile;
  key: string;
}

export interface SymbolSite {
  file: HieFile;
  span: Span;
  declaration: boolean;
}

export type Target =
  /** A declared name or a reference to one (possibly unresolved: `symbols` empty). */
  | { kind: 'symbol'; span: Span; symbols: SymbolRef[] }
  /** A string argument of a library call: what it names is the library's to say (Library.locate). */
  | { kind: 'argument'; span: Span; call: LibraryCall; argIndex: number }
  /** `import 'other.hie'`: the spec file it names, relative to the importing file. */
  | { kind: 'import'; span: Span; path: string };

export class Resolver {
  constructor(private readonly specs: (file: HieFile) => HieFile[]) {}

  targetAt(file: HieFile, position: Position): Target | undefined {
    const index = indexOf(file);
    const occurrence = index.occurrenceAt(position);
    if (occurrence) return { kind: 'symbol', span: occurrence.span, symbols: [{ file, key: occurrence.key }] };
    const shared = index.unresolved.find((u) => spanContains(u.span, position));
    if (shared) return { kind: 'symbol', span: shared.span, symbols: this.resolveShared(file, shared) };
    const argument = stringArgumentAt(index, position);
    if (argument) return { kind: 'argument', ...argument };
    const imported = importAt(file, position);
    if (imported) return imported;
    return undefined;
  }

  declaration(symbol: SymbolRef): Declaration | undefined {
    return indexOf(symbol.file).declarations.get(symbol.key);
  }

  /** Where the symbols are declared (one site per symbol). */
  declarations(symbols: readonly SymbolRef[]): SymbolSite[] {
    return symbols.flatMap((s) => {
      const d = this.declaration(s);
      return d ? [{ file: s.file, span: d.nameSpan, declaration: true }] : [];
    });
  }

  /** Every place the symbols are declared or named, across the specs, in file then document order. */
  occurrences(symbols: readonly SymbolRef[]): SymbolSite[] {
    const sites = new Map<string, SymbolSite>();
    const add = (file: HieFile, span: Span, declaration: boolean): void => {
      const id = `${file.key}\0${span.startIndex}`;
      if (!sites.has(id)) sites.set(id, { file, span, declaration });
    };
    for (const symbol of symbols) {
      for (const o of indexOf(symbol.file).referencesTo(symbol.key)) add(symbol.file, o.span, o.declaration);
      if (!isShared(symbol.key)) continue;
      for (const other of this.specs(symbol.file)) {
        if (other === symbol.file) continue;
        for (const u of indexOf(other).unresolved) {
          if (this.resolveShared(other, u).some((r) => r.file === symbol.file && r.key === symbol.key)) add(other, u.span, false);
        }
      }
    }
    return [...sites.values()].sort((a, b) => (a.file.key < b.file.key ? -1 : a.file.key > b.file.key ? 1 : a.span.startIndex - b.span.startIndex));
  }

  /** The declarations of other specs an unresolved pattern name or placeholder path names. */
  private resolveShared(file: HieFile, u: Unresolved): SymbolRef[] {
    const out: SymbolRef[] = [];
    for (const other of this.specs(file)) {
      if (other === file) continue;
      const declared = indexOf(other).declarations;
      const key = u.wanted.find((k) => declared.has(k));
      if (key) out.push({ file: other, key });
    }
    return out.sort((a, b) => (a.file.key < b.file.key ? -1 : 1));
  }
}

const indexOf = (file: HieFile): ModelIndex => modelIndex(file.doc.analysis.program);

/** Keys other specs may name: patterns and what they declare. */
const isShared = (key: string): boolean => key.startsWith('pattern:') || key.includes(':P/');

/** The spec a string import names (its path resolved against the importing file's folder). */
export function importedSpecs(file: HieFile): { span: Span; path: string }[] {
  if (!file.path) return [];
  const dir = path.dirname(file.path);
  return file.doc.analysis.program.imports.flatMap((imp) => (imp.path.kind === 'string' ? [{ span: imp.path.span, path: path.resolve(dir, imp.path.value) }] : []));
}

function importAt(file: HieFile, position: Position): Target | undefined {
  const found = importedSpecs(file).find((i) => spanContains(i.span, position));
  return found && { kind: 'import', ...found };
}

function stringArgumentAt(index: ModelIndex, position: Position): { span: Span; call: LibraryCall; argIndex: number } | undefined {
  for (const call of index.calls) {
    if (!spanContains(call.span, position)) continue;
    const argIndex = call.args.findIndex((a) => a.kind === 'string' && spanContains(a.span, position));
    if (argIndex >= 0) return { span: call.args[argIndex].span, call, argIndex };
  }
  return undefined;
}
