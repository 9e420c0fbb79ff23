import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import { toPosition, toRange, rangesOverlap } from '../positions';
import { filesText, matchedScopes, projectRelative } from '../scopeResults';
import type { HieFile } from '../workspaceState';

/** How many matched paths the hint's tooltip lists. */
const TOOLTIP_PATHS = 10;

/** `5 files` after each scope declaration whose selector ran in the last run of this revision. */
export function inlayHints(file: HieFile, range: Range): InlayHint[] {
  return matchedScopes(file)
    .filter((s) => rangesOverlap(toRange(s.decl.span), range))
    .map(({ decl, value }) => {
      const shown = projectRelative(file, value).slice(0, TOOLTIP_PATHS);
      const more = value.paths.length - shown.length;
      return {
        position: toPosition(decl.expression!.span.end),
        label: filesText(value.paths.length),
        kind: InlayHintKind.Type,
        paddingLeft: true,
        tooltip: value.paths.length === 0 ? 'matched no files in the last run' : [...shown, ...(more > 0 ? [`… and ${more} more`] : [])].join('\n'),
      };
    });
}
