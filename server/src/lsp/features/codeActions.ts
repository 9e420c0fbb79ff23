import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { editsForFinding, permissionsToCapabilitiesEdits, type TextEdit } from '../../plugins/config';
import type { CapabilityFinding } from '../../plugins/types';
import { toRange } from '../positions';

/** The quick-fix title for a finding (wasm-plugins.md §4). */
export function findingFixTitle(finding: CapabilityFinding): string {
  const { library, capability, needed } = finding;
  if (finding.kind === 'unused') {
    return capability === 'env' && needed ? `Remove "${needed}" from capabilities.env of ${library}` : `Remove capabilities.${capability} from ${library}`;
  }
  if (capability === 'fs') return `Grant capabilities.fs = "${needed === 'write' ? 'write' : 'read'}" to ${library}`;
  return `Grant capabilities.env "${needed ?? ''}" to ${library}`;
}

const toLspEdits = (edits: TextEdit[]): LspTextEdit[] => edits.map((e) => ({ range: toRange(e.span), newText: e.newText }));

/**
 * Quick-fixes editing hielements.toml (`configUri`, current text `configText`) for capability
 * findings; `diagnostics` are the ones the fix resolves (shown as fixed by the editor).
 */
export function capabilityActions(configUri: string, configText: string, findings: { finding: CapabilityFinding; diagnostic?: Diagnostic }[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const { finding, diagnostic } of findings) {
    const title = findingFixTitle(finding);
    if (seen.has(title)) continue;
    const edits = editsForFinding(configText, finding);
    if (edits.length === 0) continue;
    seen.add(title);
    actions.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: diagnostic ? [diagnostic] : undefined,
      isPreferred: true,
      edit: { changes: { [configUri]: toLspEdits(edits) } },
    });
  }
  return actions;
}

/** W521: rewrite the upstream `permissions` alias of a library to `capabilities`. */
export function permissionsAction(configUri: string, configText: string, library: string, diagnostic: Diagnostic): CodeAction | undefined {
  const edits = permissionsToCapabilitiesEdits(configText, library);
  if (edits.length === 0) return undefined;
  return {
    title: `Rewrite permissions of ${library} as capabilities`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [configUri]: toLspEdits(edits) } },
  };
}
