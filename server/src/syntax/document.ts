import { Edit, type Tree } from 'web-tree-sitter';
import type { HieParser } from './hieParser';
import { ChangeMap } from './changeMap';
import type { LineIndex } from './lineIndex';
import { TextBuffer } from './textBuffer';
import type { Point } from './span';

/** An LSP-style change: a range replaced by text, or (no range) the whole document. */
export interface TextChange {
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** One applied range edit, in the positions tree-sitter uses (before and after it). */
export interface AppliedEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

/**
 * One open `.hie` document: its text and a tree kept up to date incrementally. Range edits
 * are applied to the text, the line index and the tree (`tree.edit`) at once, but the
 * re-parse waits until the tree is asked for: a burst of edits costs one parse. What changed
 * since the last `takeChanges()` (edited text, and the ranges tree-sitter reports as
 * structurally different) is kept in a ChangeMap, so an analysis can reuse everything else.
 */
export class HieDocument {
  private buffer: TextBuffer;
  private currentTree: Tree;
  /** The tree was edited since it was parsed. */
  private stale = false;
  /** Changes since the last `takeChanges()`; null after a whole-document replacement. */
  private changes: ChangeMap | null = new ChangeMap();

  constructor(private readonly parser: HieParser, text: string) {
    this.buffer = new TextBuffer(text);
    this.currentTree = parser.parse(text);
  }

  get text(): string {
    return this.buffer.text;
  }

  get tree(): Tree {
    if (this.stale) {
      const previous = this.currentTree;
      this.currentTree = this.parser.parse(this.buffer.text, previous);
      this.stale = false;
      if (this.changes) for (const r of previous.getChangedRanges(this.currentTree)) this.changes.markChanged(r.startIndex, r.endIndex);
      previous.delete();
    }
    return this.currentTree;
  }

  get lineIndex(): LineIndex {
    return this.buffer.lineIndex;
  }

  /**
   * Apply changes in order (LSP semantics: each range refers to the text after the previous
   * change). Returns the range edits applied, or null when the whole text was replaced.
   */
  applyChanges(changes: readonly TextChange[]): AppliedEdit[] | null {
    let applied: AppliedEdit[] | null = [];
    for (const change of changes) {
      if (!change.range) {
        this.replaceAll(change.text);
        applied = null;
      } else {
        const edit = this.applyChange(change.range, change.text);
        applied?.push(edit);
      }
    }
    return applied;
  }

  private applyChange(range: NonNullable<TextChange['range']>, text: string): AppliedEdit {
    const start = this.buffer.locate(range.start);
    let end = this.buffer.locate(range.end);
    if (end.index < start.index) end = start;
    const edit: AppliedEdit = {
      startIndex: start.index,
      oldEndIndex: end.index,
      newEndIndex: start.index + text.length,
      startPosition: start.point,
      oldEndPosition: end.point,
      newEndPosition: advance(start.point, text),
    };
    this.currentTree.edit(new Edit(edit));
    this.changes?.edit(edit.startIndex, edit.oldEndIndex, edit.newEndIndex);
    this.buffer.replace(start.point, end.point, text);
    this.stale = true;
    return edit;
  }

  private replaceAll(text: string): void {
    this.changes = null;
    this.currentTree.delete();
    this.buffer = new TextBuffer(text);
    this.currentTree = this.parser.parse(text);
    this.stale = false;
  }

  /**
   * What changed since the last call (null: the whole text was replaced), and start over.
   * Parses first, so that the structural changes are included.
   */
  takeChanges(): ChangeMap | null {
    void this.tree;
    const changes = this.changes;
    this.changes = new ChangeMap();
    return changes;
  }

  dispose(): void {
    this.currentTree.delete();
  }
}

/** The point reached after inserting `text` at `start`. */
function advance(start: Point, text: string): Point {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak === -1) return { row: start.row, column: start.column + text.length };
  let rows = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: text.length - lastBreak - 1 };
}
