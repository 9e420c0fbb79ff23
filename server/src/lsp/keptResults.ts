import type { AppliedEdit } from '../syntax/document';
import type { Point, Span } from '../syntax/span';
import type { CheckRecord } from './workspaceState';

/**
 * The last check results of a file stay put while it is edited, until the next run replaces
 * them: every edit moves them with the text, and drops the results (and scope values) whose
 * check text it touched — they no longer describe that text. Results own their spans (the
 * analysis moves the model's objects on its own schedule), so they are copied once, when a
 * run records them.
 */
export function ownSpans(record: CheckRecord): CheckRecord {
  return {
    ...record,
    results: record.results.map((r) => ({ ...r, check: { ...r.check, span: copy(r.check.span) }, errorSpan: r.errorSpan && copy(r.errorSpan) })),
    scopes: record.scopes.map((s) => ({ ...s, span: copy(s.span) })),
  };
}

/** The record after `edits` (in order): results moved, or dropped when an edit touched their check. */
export function moveRecord(record: CheckRecord, edits: readonly AppliedEdit[]): CheckRecord {
  let { results, scopes } = record;
  for (const edit of edits) {
    results = results.filter((r) => !touches(r.check.span, edit));
    scopes = scopes.filter((s) => !touches(s.span, edit));
    for (const r of results) {
      move(r.check.span, edit);
      if (r.errorSpan && r.errorSpan !== r.check.span) move(r.errorSpan, edit);
    }
    for (const s of scopes) move(s.span, edit);
  }
  return results === record.results && scopes === record.scopes ? record : { ...record, results, scopes };
}

/** Whether an edit changes text in the span (touching its ends counts: the statement changed). */
const touches = (span: Span, edit: AppliedEdit): boolean => edit.startIndex <= span.endIndex && edit.oldEndIndex >= span.startIndex;

/** Moves a span after an edit the way tree-sitter moves nodes (columns only on the edit's last row). */
function move(span: Span, edit: AppliedEdit): void {
  if (span.startIndex < edit.oldEndIndex) return;
  const delta = edit.newEndIndex - edit.oldEndIndex;
  span.startIndex += delta;
  span.endIndex += delta;
  movePoint(span.start, edit);
  movePoint(span.end, edit);
}

function movePoint(point: Point, edit: AppliedEdit): void {
  if (point.row === edit.oldEndPosition.row) point.column += edit.newEndPosition.column - edit.oldEndPosition.column;
  point.row += edit.newEndPosition.row - edit.oldEndPosition.row;
}

const copy = (span: Span): Span => ({ start: { ...span.start }, end: { ...span.end }, startIndex: span.startIndex, endIndex: span.endIndex });
