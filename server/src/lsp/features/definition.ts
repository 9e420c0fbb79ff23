import type { Location, Position } from 'vscode-languageserver';
import { modelIndex } from '../modelIndex';
import { toRange } from '../positions';
import type { HieFile } from '../workspaceState';

/** Go to definition of elements, scopes, refs, patterns and `binds` targets (within the file). */
export function definition(file: HieFile, position: Position): Location | null {
  const index = modelIndex(file.doc.analysis.program);
  const occurrence = index.occurrenceAt(position);
  const declaration = occurrence && index.declarations.get(occurrence.key);
  return declaration ? { uri: file.uri, range: toRange(declaration.nameSpan) } : null;
}

export function references(file: HieFile, position: Position, includeDeclaration: boolean): Location[] {
  const index = modelIndex(file.doc.analysis.program);
  const occurrence = index.occurrenceAt(position);
  if (!occurrence) return [];
  return index
    .referencesTo(occurrence.key)
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => ({ uri: file.uri, range: toRange(o.span) }));
}
