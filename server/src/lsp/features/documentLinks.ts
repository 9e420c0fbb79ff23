import * as fs from 'node:fs';
import type { DocumentLink, Range } from 'vscode-languageserver';
import type { Span } from '../../syntax/span';
import { importedSpecs } from '../navigation/resolver';
import { modelIndex } from '../modelIndex';
import { sitesOfArgument } from '../navigation/codeSites';
import { toRange } from '../positions';
import type { HieFile } from '../workspaceState';
import { sourceLocation } from './definition';

/**
 * Document links on the string arguments that name a file or folder (`files.file_selector`,
 * `folder_selector`, the folder a glob starts from, a file in a folder scope) or a crate
 * (its Cargo.toml), and on `import 'other.hie'`. The range is the text inside the quotes.
 */
export async function documentLinks(file: HieFile): Promise<DocumentLink[]> {
  const links: DocumentLink[] = [];
  for (const imported of importedSpecs(file)) {
    if (!isFile(imported.path)) continue;
    links.push({ range: insideQuotes(imported.span), target: sourceLocation({ path: imported.path }).uri, tooltip: `Open ${imported.path}` });
  }
  for (const call of modelIndex(file.doc.analysis.program).calls) {
    for (let i = 0; i < call.args.length; i++) {
      const arg = call.args[i];
      if (arg.kind !== 'string' || arg.span.start.row !== arg.span.end.row || arg.span.end.column - arg.span.start.column < 2) continue;
      const [site] = await sitesOfArgument(file, call, i, 'link');
      if (!site) continue;
      const range = insideQuotes(arg.span);
      const location = sourceLocation(site);
      const target = site.range ? `${location.uri}#L${site.range.start.row + 1},${site.range.start.column + 1}` : location.uri;
      links.push({ range, target, tooltip: tooltip(site.path) });
    }
  }
  return links;
}

function insideQuotes(span: Span): Range {
  const range = toRange(span);
  range.start.character += 1;
  range.end.character -= 1;
  return range;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function tooltip(p: string): string {
  try {
    return fs.statSync(p).isDirectory() ? `Reveal folder ${p}` : `Open ${p}`;
  } catch {
    return `Open ${p}`;
  }
}

