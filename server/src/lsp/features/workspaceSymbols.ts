import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import { modelIndex, type DeclKind } from '../modelIndex';
import { toRange } from '../positions';
import type { HieFile } from '../workspaceState';

/** Results beyond this are dropped (the editor asks again as the query narrows). */
const MAX_RESULTS = 500;

const KINDS: Record<DeclKind, SymbolKind> = {
  element: SymbolKind.Module,
  pattern: SymbolKind.Class,
  scope: SymbolKind.Field,
  ref: SymbolKind.Interface,
};

/**
 * workspace/symbol: elements, patterns, scopes and refs of every spec, whose name contains the
 * query's characters in order (case-insensitive; a query with a dot is matched against the
 * dotted path). Best matches first: exact, then prefix, then shorter paths.
 */
export function workspaceSymbols(specs: readonly HieFile[], query: string): SymbolInformation[] {
  const q = query.toLowerCase();
  const found: { info: SymbolInformation; rank: number; path: string }[] = [];
  for (const file of specs) {
    for (const d of modelIndex(file.doc.analysis.program).declarations.values()) {
      const subject = (q.includes('.') ? d.path : d.name).toLowerCase();
      if (!isSubsequence(q, subject)) continue;
      const container = d.path.slice(0, Math.max(0, d.path.length - d.name.length - 1));
      found.push({
        info: { name: d.name, kind: KINDS[d.kind], location: { uri: file.uri, range: toRange(d.nameSpan) }, containerName: container || undefined },
        rank: subject === q ? 0 : subject.startsWith(q) ? 1 : subject.includes(q) ? 2 : 3,
        path: d.path,
      });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return found.slice(0, MAX_RESULTS).map((f) => f.info);
}

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let j = 0; i < needle.length && j < hay.length; j++) if (needle[i] === hay[j]) i++;
  return i === needle.length;
}
