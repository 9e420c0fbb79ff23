import type { Location, Position } from 'vscode-languageserver';
import type { Resolver } from '../navigation/resolver';
import type { HieFile } from '../workspaceState';
import { symbolLocation } from './definition';

/** Every place the name at the position is declared or used, across the specs of its project. */
export function references(resolver: Resolver, file: HieFile, position: Position, includeDeclaration: boolean): Location[] {
  const target = resolver.targetAt(file, position);
  if (target?.kind !== 'symbol') return [];
  return resolver
    .occurrences(target.symbols)
    .filter((s) => includeDeclaration || !s.declaration)
    .map(symbolLocation);
}
