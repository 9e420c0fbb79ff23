import * as fs from 'node:fs';
import type { Location, Position } from 'vscode-languageserver';
import type { SourceSite } from '../../libraries/library';
import { sitesOfArgument } from '../navigation/codeSites';
import type { Resolver, SymbolSite } from '../navigation/resolver';
import { toRange } from '../positions';
import { pathToUri } from '../uris';
import type { HieFile } from '../workspaceState';

/**
 * Go to definition: a name lands on its declaration(s) in the specs; a string argument of a
 * library call on what it names in the code (`rust.struct_exists('Lexer')` → `struct Lexer`).
 */
export async function definition(resolver: Resolver, file: HieFile, position: Position): Promise<Location[] | null> {
  const target = resolver.targetAt(file, position);
  if (!target) return null;
  if (target.kind === 'symbol') {
    const sites = resolver.declarations(target.symbols);
    return sites.length > 0 ? sites.map(symbolLocation) : null;
  }
  if (target.kind === 'import') return isFileSite({ path: target.path }) ? [sourceLocation({ path: target.path })] : null;
  const sites = (await sitesOfArgument(file, target.call, target.argIndex, 'definition')).filter(isFileSite);
  return sites.length > 0 ? sites.map(sourceLocation) : null;
}

export const symbolLocation = (s: SymbolSite): Location => ({ uri: s.file.uri, range: toRange(s.span) });

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function sourceLocation(site: SourceSite): Location {
  const r = site.range;
  return { uri: pathToUri(site.path), range: r ? { start: { line: r.start.row, character: r.start.column }, end: { line: r.end.row, character: r.end.column } } : ORIGIN };
}

/** An editor can go to a file, not to a folder (folders are document links only). */
function isFileSite(site: SourceSite): boolean {
  if (site.range) return true;
  try {
    return fs.statSync(site.path).isFile();
  } catch {
    return false;
  }
}
