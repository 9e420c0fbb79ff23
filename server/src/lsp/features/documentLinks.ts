import * as fs from 'node:fs';
import type { DocumentLink } from 'vscode-languageserver';
import { modelIndex } from '../modelIndex';
import { sitesOfArgument } from '../navigation/codeSites';
import { toRange } from '../positions';
import type { HieFile } from '../workspaceState';
import { sourceLocation } from './definition';

/**
 * Document links on the string arguments that name a file or folder (`files.file_selector`,
 * `folder_selector`, the folder a glob starts from, a file in a folder scope) or a crate
 * (its Cargo.toml). The range is the text inside the quotes.
 */
export async function documentLinks(file: HieFile): Promise<DocumentLink[]> {
  const links: DocumentLink[] = [];
  for (const call of modelIndex(file.doc.analysis.program).calls) {
    for (let i = 0; i < call.args.length; i++) {
      const arg = call.args[i];
      if (arg.kind !== 'string' || arg.span.start.row !== arg.span.end.row || arg.span.end.column - arg.span.start.column < 2) continue;
      const [site] = await sitesOfArgument(file, call, i, 'link');
      if (!site) continue;
      const range = toRange(arg.span);
      range.start.character += 1;
      range.end.character -= 1;
      const location = sourceLocation(site);
      const target = site.range ? `${location.uri}#L${site.range.start.row + 1},${site.range.start.column + 1}` : location.uri;
      links.push({ range, target, tooltip: tooltip(site.path) });
    }
  }
  return links;
}

function tooltip(p: string): string {
  try {
    return fs.statSync(p).isDirectory() ? `Reveal folder ${p}` : `Open ${p}`;
  } catch {
    return `Open ${p}`;
  }
}

