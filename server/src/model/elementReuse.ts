import type { Node } from 'web-tree-sitter';
import type { ChangeMap } from '../syntax/changeMap';
import type { LineIndex } from '../syntax/lineIndex';
import type { Point } from '../syntax/span';
import type { BuildContext, ElementReuse } from './build';
import { docCommentAbove } from './docComments';
import type { Element } from './types';
import { collectPositions, moveAnchored, type Positions } from './unitShift';

/** Elements shorter than this are built again (cheaper than keeping them). */
const KEEP_FROM = 1024;

/** An element built without findings, kept so that a later analysis can reuse it. */
export interface KeptElement {
  element: Element;
  inPattern: boolean;
  /** How many characters before the element its doc comment lookup read. */
  docLength: number;
  /** Kept elements inside this one (they move with it). */
  inner: KeptElement[];
  positions?: Positions;
}

/**
 * Nested elements of the previous analysis that can stand for element nodes of the new
 * tree: a unit that is analysed again (a keystroke inside a large element, e.g. one that a
 * missing `}` made swallow the rest of the file) builds only the elements on the edited
 * path. An element is kept when building it reported nothing (its model then depends on its
 * own text and doc comment only); it is reused when no change touched that text, moved to
 * where it is now.
 */
export class ElementPool implements ElementReuse {
  private readonly available = new Map<string, KeptElement>();
  private level: KeptElement[] = [];

  constructor(private readonly lines: LineIndex) {}

  /**
   * Offers kept elements of the previous analysis: with `changes`, they are where they were
   * then (only those no change touched are offered); without, already moved to where they are now.
   */
  offer(kept: readonly KeptElement[], changes?: ChangeMap): void {
    for (const entry of kept) {
      const span = entry.element.span;
      let start = span.startIndex;
      let end = span.endIndex;
      if (changes) {
        const moved = changes.mapRange(start - entry.docLength, end);
        if (moved) {
          start = moved[0] + entry.docLength;
          end = moved[1];
        }
        if (moved) this.available.set(key(start, end, entry.inPattern), entry);
      } else this.available.set(key(start, end, entry.inPattern), entry);
      this.offer(entry.inner, changes);
    }
  }

  /** Starts collecting the kept elements of one unit. */
  beginUnit(): void {
    this.level = [];
  }

  /** The kept elements of the unit just built. */
  endUnit(): KeptElement[] {
    const kept = this.level;
    this.level = [];
    return kept;
  }

  element(node: Node, inPattern: boolean, ctx: BuildContext, build: (ctx: BuildContext) => Element | null): Element | null {
    const start = node.startIndex;
    const end = node.endIndex;
    if (end - start < KEEP_FROM) return build(ctx);
    const id = key(start, end, inPattern);
    const found = this.available.get(id);
    if (found) {
      this.available.delete(id);
      place(found, start, node.startPosition);
      this.level.push(found);
      return found.element;
    }
    let reported = 0;
    const counting: BuildContext = { ...ctx, report: (...args) => (reported++, ctx.report(...args)) };
    const outer = this.level;
    this.level = [];
    const element = build(counting);
    const inner = this.level;
    this.level = outer;
    if (element && reported === 0) {
      const docLength = start - this.lines.rowStart(docCommentAbove(this.lines, node.startPosition.row).firstRow);
      outer.push({ element, inPattern, docLength, inner });
    } else outer.push(...inner);
    return element;
  }
}

const key = (start: number, end: number, inPattern: boolean): string => `${start}:${end}:${inPattern ? 'p' : 'e'}`;

/** Moves a kept element (with everything inside it) to start at `start`/`point`; columns only on its first row. */
function place(entry: KeptElement, start: number, point: Point): void {
  const span = entry.element.span;
  if (span.startIndex === start && span.start.row === point.row && span.start.column === point.column) return;
  entry.positions ??= collectPositions([entry.element]);
  moveAnchored(entry.positions, span.startIndex, { ...span.start }, start, point);
}
