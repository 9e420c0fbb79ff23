import type { Node, Tree } from 'web-tree-sitter';
import type { HieDiagnostic, Severity } from '../diagnostics/diagnostic';
import type { LineIndex } from '../syntax/lineIndex';
import type { Point, Span } from '../syntax/span';
import { regionSyntaxDiagnostics, type RegionEnd } from '../syntax/syntaxErrors';
import type { TokenTree } from '../syntax/tokenTree';
import type { Token } from '../syntax/tokens';
import { buildTopLevel, type BuildContext, type TopLevelItem } from './build';
import { docCommentAbove } from './docComments';
import { NodeReader } from './nodeReader';
import type { ElementPool, KeptElement } from './elementReuse';
import { unboundedPlaceholders } from './placeholders';
import { textFindings } from './textFindings';
import type { Positions } from './unitShift';

/**
 * A unit is one top-level item (import, language, pattern, element) with the trivia and
 * ERROR nodes that follow it. Units are analysed independently, so after an edit only the
 * units it touched are analysed again (analyze.ts).
 */
export interface Unit {
  /** First index whose text can change this unit's analysis (doc comments above it included). */
  depStart: number;
  end: number;
  /** The point at depStart: a unit is moved by how far this point moved (unitShift.ts). */
  anchor: Point;
  /** Node types of the unit, to refuse reuse when the parse changed shape. */
  signature: string;
  items: TopLevelItem[];
  diagnostics: HieDiagnostic[];
  /**
   * No syntax error and no diagnostic: the analysis depends on the unit's own text only.
   * Otherwise messages may name what follows the unit ("found Element"), and syntax errors
   * are only described while the document is under its diagnostic cap: `after` and
   * `describeSyntax` must be the same for the unit to be reused.
   */
  clean: boolean;
  /** For a unit that is not clean. */
  after: After;
  describeSyntax: boolean;
  /**
   * The scanner's indentation state at the unit's start, for a unit whose syntax errors were
   * described from its tokens: their layout tokens depend on it (units.ts `canonical`).
   */
  layoutKey?: string;
  /** Large elements of the unit built without findings, for reuse when the unit is analysed again. */
  kept: KeptElement[];
  /**
   * The spans inside `items` and `diagnostics` (moved in place when the unit moves); collected
   * at the first move, or ahead of it by a long-lived document (`ensurePositions`).
   */
  positions?: Positions;
}

/** The first token after a unit (its kind, text and range), or the end of the document (`Eof`). */
export interface After {
  kind: string;
  text: string;
  startIndex: number;
  endIndex: number;
}

export type Report = (severity: Severity, code: string, message: string, span: Span) => void;

/** What a per-unit pass sees: the unit's nodes, its model items and the document text. */
export interface UnitInput {
  nodes: readonly Node[];
  items: readonly TopLevelItem[];
  text: string;
}

/**
 * A check run on every unit that is analysed (after its model is built). What it reports
 * belongs to the unit, so a reused unit keeps it; it may depend on the unit's own text only.
 */
export type UnitPass = (unit: UnitInput, report: Report) => void;

/** E014/E015 (unbounded placeholders) and the findings located by a text search. */
export const UNIT_PASSES: readonly UnitPass[] = [
  ({ items }, report) => {
    for (const item of items) if (item.kind === 'element' || item.kind === 'pattern') unboundedPlaceholders(item, report);
  },
  ({ nodes, text }, report) => {
    const first = nodes[0];
    textFindings(text, first.startIndex, nodes[nodes.length - 1].endIndex, first.tree.rootNode, report);
  },
];

const ITEM_TYPES = new Set(['import_statement', 'from_import_statement', 'language_declaration', 'pattern_declaration', 'element_declaration']);
const DOCUMENTED = new Set(['pattern_declaration', 'element_declaration']);

/** Where a unit sits, read from the token tree's root (no calls into the parser). */
export interface UnitSlot {
  /** Index of the unit's first root child, and how many root children it spans. */
  firstChild: number;
  childCount: number;
  depStart: number;
  end: number;
  signature: string;
  /**
   * The unit starts the document, or a Newline token ends right where it starts: the
   * scanner's indentation state there is the initial one whatever comes before, so its
   * tokens depend on its own text only. Others (an item left at column 4 by a broken
   * parent) depend on the lines above them too (unitLayout.ts).
   */
  canonical: boolean;
}

/** The root's children grouped into units, in document order (without analysis). */
export function unitSlots(tokens: TokenTree, lines: LineIndex, text: string): UnitSlot[] {
  const slots: UnitSlot[] = [];
  let current: UnitSlot | undefined;
  for (let index = 0; index < tokens.rootChildCount; index++) {
    const child = tokens.rootChild(index);
    if (!current || ITEM_TYPES.has(child.type)) {
      let depStart = child.start;
      if (DOCUMENTED.has(child.type)) depStart = Math.min(depStart, lines.rowStart(docCommentAbove(lines, child.startPoint.row).firstRow));
      // a line break right before an item is always (the end of) a Newline token: only strings
      // and block comments hold line breaks otherwise, and they would overlap the item
      const canonical = !current || text.charCodeAt(child.start - 1) === 10;
      current = { firstChild: index, childCount: 0, depStart, end: child.end, signature: child.type, canonical };
      slots.push(current);
    } else {
      current.signature += ' ' + child.type;
    }
    current.childCount++;
    current.end = child.end;
  }
  return slots;
}

/** The root children of a slot. */
export function slotNodes(tree: Tree, slot: UnitSlot): Node[] {
  const root = tree.rootNode;
  const nodes: Node[] = [];
  for (let i = 0; i < slot.childCount; i++) nodes.push(root.child(slot.firstChild + i)!);
  return nodes;
}

/** `after` of a clean unit (which does not depend on what follows it). */
const NOTHING_AFTER: After = { kind: '', text: '', startIndex: 0, endIndex: 0 };

/** What follows a unit, as `Unit.after` records it. */
export function afterOf(end: RegionEnd): After {
  const t = end.lookahead;
  return t ? { kind: t.kind, text: t.text, startIndex: t.startIndex, endIndex: t.endIndex } : { kind: 'Eof', text: '', startIndex: end.eof.startIndex, endIndex: end.eof.startIndex };
}

/** What the syntax part of a unit's analysis reads, on demand (only a broken unit needs it). */
export interface UnitSyntax {
  /** The unit's tokens with layout. */
  tokens: () => Token[];
  /** What follows the unit. */
  end: () => RegionEnd;
  /** The scanner's indentation state at the unit's start. */
  layoutKey: () => string;
}

/**
 * `describeSyntax` false skips naming syntax errors (a file already past the diagnostic cap,
 * e.g. after a lone quote turned the rest of it into strings): the unit is still modelled.
 */
export function analyzeUnit(
  slot: UnitSlot,
  nodes: Node[],
  lines: LineIndex,
  text: string,
  syntaxInput: UnitSyntax,
  describeSyntax: boolean,
  pool: ElementPool,
): Unit {
  const diagnostics: HieDiagnostic[] = [];
  const report: Report = (severity, code, message, span) => void diagnostics.push({ severity, code, message, span, source: 'validation' });
  const ctx: BuildContext = { docFor: (node) => docCommentAbove(lines, node.startPosition.row).doc, report, reuse: pool, read: new NodeReader(text, lines) };
  const items: TopLevelItem[] = [];
  pool.beginUnit();
  for (const node of nodes) {
    const item = buildTopLevel(node, ctx);
    if (item) items.push(item);
  }
  const kept = pool.endUnit();
  for (const pass of UNIT_PASSES) pass({ nodes, items, text }, report);
  const broken = nodes.some((n) => n.hasError || n.isError);
  const syntax = broken && describeSyntax ? regionSyntaxDiagnostics(syntaxInput.tokens(), syntaxInput.end(), nodes) : [];
  // one mistake, one diagnostic: a line with a syntax error gets no follow-up finding
  const brokenRows = new Set(syntax.map((d) => d.span.start.row));
  const all = [...syntax, ...diagnostics.filter((d) => !brokenRows.has(d.span.start.row))];
  const clean = !broken && all.length === 0;
  return {
    depStart: slot.depStart,
    end: slot.end,
    anchor: lines.pointAt(slot.depStart),
    signature: slot.signature,
    items,
    diagnostics: all,
    clean,
    after: clean ? NOTHING_AFTER : afterOf(syntaxInput.end()),
    describeSyntax,
    layoutKey: syntax.length > 0 ? syntaxInput.layoutKey() : undefined,
    kept,
  };
}
