import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Finding } from '../../staticCheck/findings';
import { rangesOverlap, toRange } from '../positions';

/**
 * Quick-fixes of static findings ("did you mean"): each replaces the name at fault with the
 * suggestion. `diagnostics` are the client's; the ones a fix resolves are attached to it.
 */
export function staticFixActions(uri: string, findings: readonly Finding[], range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const f of findings) {
    if (!f.fix || !rangesOverlap(toRange(f.span), range)) continue;
    const where = toRange(f.span);
    const resolved = diagnostics.filter((d) => d.code === f.code && d.range.start.line === where.start.line && d.range.start.character === where.start.character);
    actions.push({
      title: f.fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: resolved.length > 0 ? resolved : undefined,
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: toRange(f.fix.span), newText: f.fix.newText }] } },
    });
  }
  return actions;
}
