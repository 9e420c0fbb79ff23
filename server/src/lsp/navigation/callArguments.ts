import { bool, numberValue, scope, str, type ScopeKind, type Value } from '../../eval/values';
import type { Expression } from '../../model/types';
import { modelIndex, type LibraryCall } from '../modelIndex';
import type { HieFile } from '../workspaceState';

/**
 * The arguments of a call as far as they are known without evaluating it: literals, and
 * scopes — their value in the file's last check run, else the kind a literal `files` selector
 * gives (paths unknown). Libraries use them to say what an argument names (Library.locate).
 */
export function knownArguments(file: HieFile, call: LibraryCall): (Value | undefined)[] {
  return call.args.map((arg) => knownValue(file, arg));
}

function knownValue(file: HieFile, e: Expression): Value | undefined {
  switch (e.kind) {
    case 'string':
      return str(e.value);
    case 'number':
      return numberValue(e.value);
    case 'boolean':
      return bool(e.value);
    case 'identifier':
      return scopeValue(file, e.span.startIndex);
    case 'call':
      return literalSelector(e);
    default:
      return undefined;
  }
}

/** The value of the scope an identifier names: from the last run, else from its selector's literal. */
function scopeValue(file: HieFile, at: number): Value | undefined {
  const index = modelIndex(file.doc.analysis.program);
  const occurrence = index.occurrences.find((o) => o.span.startIndex === at && !o.declaration);
  const decl = occurrence && index.declarations.get(occurrence.key);
  if (!decl || decl.kind !== 'scope') return undefined;
  const evaluated = file.checks?.scopes.find((s) => s.elementPath === decl.owner && s.name === decl.name);
  if (evaluated?.outcome.kind === 'value') return evaluated.outcome.value;
  return decl.scope?.expression ? literalSelector(decl.scope.expression) : undefined;
}

const SELECTOR_KINDS: Record<string, (text: string) => ScopeKind> = {
  file_selector: (t) => ({ File: t }),
  folder_selector: (t) => ({ Folder: t }),
  glob_selector: (t) => ({ Glob: t }),
};

/** `files.folder_selector('src')` → a Folder scope whose paths are unknown (empty). */
function literalSelector(e: Expression): Value | undefined {
  if (e.kind !== 'call' || e.callee.kind !== 'member' || e.callee.object.kind !== 'identifier' || e.callee.object.name !== 'files') return undefined;
  const kind = SELECTOR_KINDS[e.callee.member.name] as ((text: string) => ScopeKind) | undefined;
  const arg = e.args[0];
  return kind && arg?.kind === 'string' ? scope(kind(arg.value), []) : undefined;
}
