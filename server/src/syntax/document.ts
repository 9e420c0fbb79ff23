import { Edit, type Tree } from 'web-tree-sitter';
import type { HieParser } from './hieParser';
import { LineIndex } from './lineIndex';
import type { Point } from './span';

/** An LSP-style change: a range replaced by text, or (no range) the whole document. */
export interface TextChange {
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/**
 * One open `.hie` document: its text and a tree kept up to date incrementally — each range
 * edit goes through `tree.edit` and a re-parse that reuses the unchanged subtrees.
 */
export class HieDocument {
  private currentText: string;
  private currentTree: Tree;
  private lines: LineIndex | undefined;
  /** Edits since the last `takeEdits()`; null after a whole-document replacement. */
  private edits: Edit[] | null = [];

  constructor(private readonly parser: HieParser, text: string) {
    this.currentText = text;
    this.currentTree = parser.parse(text);
  }

  get text(): string {
    return this.currentText;
  }

  get tree(): Tree {
    return this.currentTree;
  }

  get lineIndex(): LineIndex {
    this.lines ??= new LineIndex(this.currentText);
    return this.lines;
  }

  /** Apply changes in order (LSP semantics: each range refers to the text after the previous change). */
  applyChanges(changes: readonly TextChange[]): void {
    for (const change of changes) this.applyChange(change);
  }

  private applyChange(change: TextChange): void {
    if (!change.range) {
      this.replaceAll(change.text);
      return;
    }
    const lines = this.lineIndex;
    const startIndex = lines.indexOf({ row: change.range.start.line, column: change.range.start.character });
    const oldEndIndex = Math.max(startIndex, lines.indexOf({ row: change.range.end.line, column: change.range.end.character }));
    const startPosition = lines.pointAt(startIndex);
    const oldEndPosition = lines.pointAt(oldEndIndex);
    const newText = this.currentText.slice(0, startIndex) + change.text + this.currentText.slice(oldEndIndex);
    const newEndPosition = advance(startPosition, change.text);
    const edit = new Edit({
      startIndex,
      oldEndIndex,
      newEndIndex: startIndex + change.text.length,
      startPosition,
      oldEndPosition,
      newEndPosition,
    });
    this.currentTree.edit(edit);
    this.edits?.push(edit);
    const previous = this.currentTree;
    this.currentText = newText;
    this.lines = undefined;
    this.currentTree = this.parser.parse(newText, previous);
    previous.delete();
  }

  private replaceAll(text: string): void {
    this.edits = null;
    this.currentTree.delete();
    this.currentText = text;
    this.lines = undefined;
    this.currentTree = this.parser.parse(text);
  }

  /** The edits applied since the last call (null: the whole text was replaced), and start over. */
  takeEdits(): Edit[] | null {
    const edits = this.edits;
    this.edits = [];
    return edits;
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
