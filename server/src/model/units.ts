import type { Node, Tree } from 'web-tree-sitter';
import type { HieDiagnostic, Severity } from '../diagnostics/diagnostic';
import type { LineIndex } from '../syntax/lineIndex';
import type { Span } from '../syntax/span';
import { regionSyntaxDiagnostics } from '../syntax/syntaxErrors';
import { buildTopLevel, type BuildContext, type TopLevelItem } from './build';
import { docCommentAbove } from './docComments';
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
  /** Node types of the unit, to refuse reuse when the parse changed shape. */
  signature: string;
  items: TopLevelItem[];
  diagnostics: HieDiagnostic[];
  /** Units with errors or diagnostics are always analysed again (their messages may look past their end). */
  reusable: boolean;
  /** The spans inside `items`, collected at the first move, so later edits above the unit move them without a traversal. */
  positions?: Positions;
}

const ITEM_TYPES = new Set(['import_statement', 'from_import_statement', 'language_declaration', 'pattern_declaration', 'element_declaration']);
const DOCUMENTED = new Set(['pattern_declaration', 'element_declaration']);

/** Where a unit sits, read cheaply with a cursor (no Node objects) so unchanged units cost little. */
export interface UnitSlot {
  /** Index of the unit's first root child, and how many root children it spans. */
  firstChild: number;
  childCount: number;
  depStart: number;
  end: number;
  signature: string;
}

/** The root's children grouped into units, in document order (without analysis). */
export function unitSlots(tree: Tree, lines: LineIndex): UnitSlot[] {
  const slots: UnitSlot[] = [];
  const cursor = tree.walk();
  try {
    if (!cursor.gotoFirstChild()) return slots;
    let index = 0;
    let current: UnitSlot | undefined;
    do {
      const type = cursor.nodeType;
      if (!current || ITEM_TYPES.has(type)) {
        let depStart = cursor.startIndex;
        if (DOCUMENTED.has(type)) depStart = Math.min(depStart, lines.rowStart(docCommentAbove(lines, cursor.startPosition.row).firstRow));
        current = { firstChild: index, childCount: 0, depStart, end: cursor.endIndex, signature: type };
        slots.push(current);
      } else {
        current.signature += ' ' + type;
      }
      current.childCount++;
      current.end = cursor.endIndex;
      index++;
    } while (cursor.gotoNextSibling());
    return slots;
  } finally {
    cursor.delete();
  }
}

/** The root children of a slot. */
export function slotNodes(tree: Tree, slot: UnitSlot): Node[] {
  const nodes: Node[] = [];
  for (let i = 0; i < slot.childCount; i++) nodes.push(tree.rootNode.child(slot.firstChild + i)!);
  return nodes;
}

/**
 * `describeSyntax` false skips naming syntax errors (a file already past the diagnostic cap,
 * e.g. after a lone quote turned the rest of it into strings): the unit is still modelled.
 */
export function analyzeUnit(slot: UnitSlot, nodes: Node[], lines: LineIndex, text: string, next: Node | null, describeSyntax = true): Unit {
  const diagnostics: HieDiagnostic[] = [];
  const ctx: BuildContext = {
    docFor: (node) => docCommentAbove(lines, node.startPosition.row).doc,
    report: (severity: Severity, code: string, message: string, span: Span) => {
      diagnostics.push({ severity, code, message, span, source: 'validation' });
    },
  };
  const items: TopLevelItem[] = [];
  for (const node of nodes) {
    const item = buildTopLevel(node, ctx);
    if (item) items.push(item);
  }
  for (const item of items) {
    if (item.kind === 'element' || item.kind === 'pattern') unboundedPlaceholders(item, ctx.report);
  }
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  textFindings(text, first.startIndex, last.endIndex, first.tree.rootNode, ctx.report);
  const broken = nodes.some((n) => n.hasError || n.isError);
  const syntax = broken && describeSyntax ? regionSyntaxDiagnostics(nodes, next) : [];
  // one mistake, one diagnostic: a line with a syntax error gets no follow-up finding
  const brokenRows = new Set(syntax.map((d) => d.span.start.row));
  const all = [...syntax, ...diagnostics.filter((d) => !brokenRows.has(d.span.start.row))];
  const reusable = !broken && all.length === 0;
  return { depStart: slot.depStart, end: slot.end, signature: slot.signature, items, diagnostics: all, reusable };
}
