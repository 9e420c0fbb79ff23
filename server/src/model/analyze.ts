import type { Edit, Tree } from 'web-tree-sitter';
import type { HieDiagnostic } from '../diagnostics/diagnostic';
import { LineIndex } from '../syntax/lineIndex';
import type { Program } from './types';
import { programFindings, type ValidationOptions } from './programFindings';
import { analyzeUnit, slotNodes, unitSlots, type Unit } from './units';
import { shiftUnit, touches } from './unitShift';

export type { ValidationOptions } from './programFindings';

export interface Analysis {
  program: Program;
  /** Errors first, then warnings; each group in document order. */
  diagnostics: HieDiagnostic[];
}

/** What a previous analysis of the same document leaves for the next one. */
export interface AnalysisCache {
  units: Unit[];
}

/** A garbage file gets a readable number of diagnostics, not thousands. */
const MAX_DIAGNOSTICS = 60;

/**
 * Everything the parse and validate phases know about one document (language.md §1).
 * With `previous` (the cache of the last analysis and the edits applied since), units the
 * edits did not touch are reused, moved to their new place, instead of being analysed again.
 */
export function analyze(
  tree: Tree,
  text: string,
  options: ValidationOptions,
  previous?: { cache: AnalysisCache; edits: readonly Edit[]; lines?: LineIndex },
): Analysis & { cache: AnalysisCache } {
  const lines = previous?.lines ?? new LineIndex(text);
  const reusable = previous ? carryOver(previous.cache.units, previous.edits) : new Map<string, Unit>();
  const slots = unitSlots(tree, lines);
  const root = tree.rootNode;
  let errors = 0;
  const units = slots.map((slot, i) => {
    const old = reusable.get(`${slot.depStart}:${slot.end}`);
    if (old && old.signature === slot.signature && !root.child(slot.firstChild)!.hasError) return old;
    const next = slots[i + 1] ? root.child(slots[i + 1].firstChild) : null;
    const unit = analyzeUnit(slot, slotNodes(tree, slot), lines, text, next, errors < MAX_DIAGNOSTICS);
    errors += unit.diagnostics.length;
    return unit;
  });
  const program: Program = { imports: [], languages: [], patterns: [], elements: [], span: spanOfRoot(tree) };
  for (const unit of units) {
    for (const item of unit.items) {
      if (item.kind === 'import') program.imports.push(item.item);
      else if (item.kind === 'language') program.languages.push(item.item);
      else if (item.kind === 'pattern') program.patterns.push(item.item);
      else program.elements.push(item.item);
    }
  }
  const diagnostics = mergeDiagnostics([...units.flatMap((u) => u.diagnostics), ...programFindings(program, options)]).slice(0, MAX_DIAGNOSTICS);
  return { program, diagnostics, cache: { units } };
}

/** Cached units that no edit touched, keyed by their range after the edits. */
function carryOver(units: readonly Unit[], edits: readonly Edit[]): Map<string, Unit> {
  const out = new Map<string, Unit>();
  for (let unit of units) {
    if (!unit.reusable) continue;
    let alive = true;
    for (const edit of edits) {
      if (touches(unit, edit)) {
        alive = false;
        break;
      }
      if (edit.oldEndIndex < unit.depStart) unit = shiftUnit(unit, edit);
    }
    if (alive) out.set(`${unit.depStart}:${unit.end}`, unit);
  }
  return out;
}

function spanOfRoot(tree: Tree): Program['span'] {
  const root = tree.rootNode;
  return { start: root.startPosition, end: root.endPosition, startIndex: root.startIndex, endIndex: root.endIndex };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** Drop duplicates (the same code at the same place from two phases) and order them. */
export function mergeDiagnostics(diagnostics: HieDiagnostic[]): HieDiagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.code}@${d.span.startIndex}@${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.span.startIndex - b.span.startIndex,
  );
}

export const hasErrors = (diagnostics: readonly HieDiagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');
