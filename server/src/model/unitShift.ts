import type { Point, Span } from '../syntax/span';
import type { Unit } from './units';

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
 * The unit's positions, collected on first use. A document that will be edited collects them
 * right after each analysis (the first keystroke after opening a file would otherwise collect
 * them for every unit below it); a one-shot analysis (the CLI) never pays for them.
 */
export function ensurePositions(unit: Unit): Positions {
  return (unit.positions ??= collectPositions([unit.items, unit.diagnostics]));
}

/**
 * Moves a unit whose text did not change so that it starts at `depStart`/`anchor`: indices
 * and rows by how far its start moved, columns only on its first row (the text between its
 * start and any position inside it is the same). Spans are updated in place (copying
 * everything below the cursor on each keystroke costs more than the re-parse); the model
 * objects of the previous analysis move with them.
 */
export function moveUnit(unit: Unit, depStart: number, anchor: Point): void {
  if (!moveAnchored(ensurePositions(unit), unit.depStart, unit.anchor, depStart, anchor)) return;
  unit.end += depStart - unit.depStart;
  unit.depStart = depStart;
  unit.anchor = anchor;
}

/**
 * Moves positions whose text did not change from an anchor at `from`/`fromPoint` to one at
 * `to`/`toPoint`: indices and rows by the difference, columns only on the anchor's row.
 * False when nothing moves.
 */
export function moveAnchored(positions: Positions, from: number, fromPoint: Point, to: number, toPoint: Point): boolean {
  const delta = to - from;
  const rows = toPoint.row - fromPoint.row;
  const columns = toPoint.column - fromPoint.column;
  if (delta === 0 && rows === 0 && columns === 0) return false;
  const firstRow = fromPoint.row;
  for (const point of positions.points) {
    if (point.row === firstRow) point.column += columns;
    point.row += rows;
  }
  for (const span of positions.spans) {
    span.startIndex += delta;
    span.endIndex += delta;
  }
  return true;
}
