import type { Tree } from 'web-tree-sitter';
import type { HieDiagnostic } from '../diagnostics/diagnostic';
import type { ChangeMap } from '../syntax/changeMap';
import { LineIndex } from '../syntax/lineIndex';
import type { RegionEnd } from '../syntax/syntaxErrors';
import { TokenTree } from '../syntax/tokenTree';
import type { Program } from './types';
import { programFindings, type ValidationOptions } from './programFindings';
import { analyzeUnit, slotNodes, unitSlots, type Unit, type UnitSlot } from './units';
import { ElementPool } from './elementReuse';
import { UnitLayouts } from './unitLayout';
import { moveUnit } from './unitShift';

export type { ValidationOptions } from './programFindings';

export interface Analysis {
  program: Program;
  /** Errors first, then warnings; each group in document order. */
  diagnostics: HieDiagnostic[];
}

/** What a previous analysis of the same document leaves for the next one. */
export interface AnalysisCache {
  units: Unit[];
  tokens: TokenTree;
}

/** A garbage file gets a readable number of diagnostics, not thousands. */
const MAX_DIAGNOSTICS = 60;

/**
 * Everything the parse and validate phases know about one document (language.md §1).
 * With `previous` (the cache of the last analysis and what changed since), units that no
 * change touched are reused, moved to their new place, instead of being analysed again —
 * broken ones too, as long as what follows them is the same — and only the changed parts of
 * the token stream are read from the tree again. The cache passed in must not be used again.
 */
export function analyze(
  tree: Tree,
  text: string,
  options: ValidationOptions,
  previous?: { cache: AnalysisCache; changes: ChangeMap; lines?: LineIndex },
): Analysis & { cache: AnalysisCache } {
  const lines = previous?.lines ?? new LineIndex(text);
  const tokens = previous ? previous.cache.tokens.update(tree, text, lines, previous.changes) : TokenTree.read(tree, text, lines);
  const reusable = previous ? carryOver(previous.cache.units, previous.changes, lines) : new Map<string, Unit>();
  const pool = new ElementPool(lines);
  if (previous) {
    const moved = new Set(reusable.values());
    for (const unit of previous.cache.units) pool.offer(unit.kept, moved.has(unit) ? undefined : previous.changes);
  }
  const slots = unitSlots(tokens, lines, text);
  const layouts = new UnitLayouts(slots, tokens, text, lines);
  let errors = 0;
  const units = slots.map((slot, i) => {
    const end = (): RegionEnd => ({
      lookahead: i + 1 < slots.length ? tokens.firstTokenOf(slots[i + 1].firstChild) : undefined,
      eof: { startIndex: tokens.end, start: lines.pointAt(tokens.end) },
    });
    const describeSyntax = errors < MAX_DIAGNOSTICS;
    const old = reusable.get(`${slot.depStart}:${slot.end}`);
    const unit =
      old && fits(old, slot, describeSyntax, () => layouts.startKey(i))
        ? old
        : analyzeUnit(slot, slotNodes(tree, slot), lines, text, { tokens: () => layouts.tokensOf(i), end, layoutKey: () => layouts.startKey(i) }, describeSyntax, pool);
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
  return { program, diagnostics, cache: { units, tokens } };
}

/**
 * Whether a carried-over unit still says what a fresh analysis of its slot would. What follows
 * a unit that is not clean was checked by carryOver (the text up to the end of that token is
 * unchanged, structure included); what is left is the diagnostic cap and, for a unit whose
 * syntax errors were described, the indentation state at its start.
 */
function fits(old: Unit, slot: UnitSlot, describeSyntax: boolean, layoutKey: () => string): boolean {
  if (old.signature !== slot.signature) return false;
  if (old.clean) return true;
  if (old.describeSyntax !== describeSyntax) return false;
  return old.layoutKey === undefined || old.layoutKey === layoutKey();
}

/**
 * Cached units that no change touched, moved to where they are now and keyed by their new
 * range. A unit with diagnostics also needs the text up to the end of what follows it unchanged.
 */
function carryOver(units: readonly Unit[], changes: ChangeMap, lines: LineIndex): Map<string, Unit> {
  const out = new Map<string, Unit>();
  for (const unit of units) {
    const moved = changes.mapRange(unit.depStart, unit.clean ? unit.end : Math.max(unit.end, unit.after.endIndex));
    if (!moved) continue;
    const delta = moved[0] - unit.depStart;
    unit.after = { ...unit.after, startIndex: unit.after.startIndex + delta, endIndex: unit.after.endIndex + delta };
    moveUnit(unit, moved[0], lines.pointAt(moved[0]));
    out.set(`${unit.depStart}:${unit.end}`, unit);
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
