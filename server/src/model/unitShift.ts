import type { Edit } from 'web-tree-sitter';
import type { Point, Span } from '../syntax/span';
import type { Unit } from './units';

/** Whether an edit changes text a unit depends on (touching its boundaries counts). */
export function touches(unit: Unit, edit: Edit): boolean {
  return edit.startIndex <= unit.end && edit.oldEndIndex >= unit.depStart;
}

/** Every distinct span and point object reachable from a unit's analysis (collected once per analysis). */
export interface Positions {
  spans: Span[];
  points: Point[];
}

export function collectPositions(roots: unknown[]): Positions {
  const spans = new Set<Span>();
  const points = new Set<Point>();
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.startIndex === 'number' && typeof record.endIndex === 'number' && record.start && record.end) {
      spans.add(record as unknown as Span);
      points.add(record.start as Point);
      points.add(record.end as Point);
      return;
    }
    for (const key in record) visit(record[key]);
  };
  roots.forEach(visit);
  return { spans: [...spans], points: [...points] };
}

/**
 * Moves a unit that lies entirely after `edit` the way tree-sitter moves nodes: indices by
 * the length change, rows by the line change, columns only on the row where the edit ended.
 * Spans are updated in place (copying everything below the cursor on each keystroke costs
 * more than the re-parse); the model objects of the previous analysis move with them.
 */
export function shiftUnit(unit: Unit, edit: Edit): Unit {
  const delta = edit.newEndIndex - edit.oldEndIndex;
  const rows = edit.newEndPosition.row - edit.oldEndPosition.row;
  const endRow = edit.oldEndPosition.row;
  const columns = edit.newEndPosition.column - edit.oldEndPosition.column;
  unit.positions ??= collectPositions([unit.items, unit.diagnostics]);
  for (const point of unit.positions.points) {
    if (point.row === endRow) point.column += columns;
    point.row += rows;
  }
  for (const span of unit.positions.spans) {
    span.startIndex += delta;
    span.endIndex += delta;
  }
  unit.depStart += delta;
  unit.end += delta;
  return unit;
}
