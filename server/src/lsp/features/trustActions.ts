import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { CODES } from '../../plugins/host/codes';
import { freeEntryName, renameEntryEdits } from '../../plugins/config';
import { TRUST_WORKSPACE_COMMAND } from '../commands';
import { toRange } from '../positions';

/** Diagnostics an answer to the trust question would clear (trust.md §1). */
export const TRUST_CODES: readonly string[] = [CODES.externalNotStarted, CODES.grantsWithheld, CODES.shadowsBuiltinUntrusted, CODES.notTrusted];

/** "Trust this workspace…": asks the trust question again (or, in VS Code, opens Manage Workspace Trust). */
export function trustActions(root: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const resolved = diagnostics.filter((d) => typeof d.code === 'string' && TRUST_CODES.includes(d.code));
  if (resolved.length === 0) return [];
  const title = 'Trust this workspace…';
  return [{ title, kind: CodeActionKind.QuickFix, diagnostics: resolved, command: { title, command: TRUST_WORKSPACE_COMMAND, arguments: [root] } }];
}

/** W525: rename an entry that replaces a built-in, so `.hie` files use the built-in again. */
export function renameShadowingActions(configUri: string, text: string, diagnostics: readonly Diagnostic[], entryAt: (d: Diagnostic) => string | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics.filter((x) => x.code === CODES.shadowsBuiltin)) {
    const name = entryAt(d);
    const to = name && freeEntryName(text, name);
    if (!name || !to) continue;
    const edits = renameEntryEdits(text, name, to);
    if (edits.length === 0) continue;
    actions.push({
      title: `Rename library ${name} to ${to} (${name}.* calls then use the built-in)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [configUri]: edits.map((e) => ({ range: toRange(e.span), newText: e.newText })) } },
    });
  }
  return actions;
}
