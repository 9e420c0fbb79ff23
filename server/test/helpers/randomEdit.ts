import type { AnalyzedDocument } from '../../src/model/analyzedDocument';
import { LineIndex } from '../../src/syntax/lineIndex';

/** A random edit for property tests: where (a fraction of the text), how much to delete, what to insert. */
export interface RandomEdit {
  start: number;
  length: number;
  insert: string;
}

/** Applies `e` to the document as an LSP range change; returns the text it should now hold. */
export function applyRandomEdit(doc: AnalyzedDocument, e: RandomEdit): string {
  const text = doc.text;
  const from = Math.floor(e.start * text.length);
  const to = Math.min(text.length, from + e.length);
  const lines = new LineIndex(text);
  const a = lines.pointAt(from);
  const b = lines.pointAt(to);
  doc.applyChanges([{ range: { start: { line: a.row, character: a.column }, end: { line: b.row, character: b.column } }, text: e.insert }]);
  return text.slice(0, from) + e.insert + text.slice(to);
}
