/**
 * How the current text relates to an earlier one (the text of the last analysis): a sorted
 * list of changed regions — text that was edited, or a structure tree-sitter reports as
 * changed — with everything between them moved by the edits before it. Whatever lies wholly
 * outside the changed regions can be carried over from the earlier analysis by moving it;
 * whatever touches one must be computed again. One map covers any number of edits, so a
 * burst of keystrokes is reconciled once.
 */
export interface ChangedRegion {
  /** [oldStart, oldEnd] of the earlier text became [newStart, newEnd] of the current one. */
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export class ChangeMap {
  private readonly regions: ChangedRegion[] = [];

  /** Changed regions, in current positions, in document order. */
  get changed(): readonly ChangedRegion[] {
    return this.regions;
  }

  get isEmpty(): boolean {
    return this.regions.length === 0;
  }

  /** An edit of the current text: [start, oldEnd) was replaced by text ending at newEnd. */
  edit(start: number, oldEnd: number, newEnd: number): void {
    const delta = newEnd - oldEnd;
    // regions touching the edit merge with it
    let first = 0;
    while (first < this.regions.length && this.regions[first].newEnd < start) first++;
    let last = first;
    while (last < this.regions.length && this.regions[last].newStart <= oldEnd) last++;
    const before = this.shiftBefore(first);
    const merged: ChangedRegion =
      first < last
        ? (() => {
            const a = this.regions[first];
            const b = this.regions[last - 1];
            const newStart = Math.min(start, a.newStart);
            const end = Math.max(oldEnd, b.newEnd);
            return {
              oldStart: a.newStart <= start ? a.oldStart : start - before,
              oldEnd: b.newEnd >= oldEnd ? b.oldEnd : oldEnd - this.shiftAfter(last - 1),
              newStart,
              newEnd: end + delta,
            };
          })()
        : { oldStart: start - before, oldEnd: oldEnd - before, newStart: start, newEnd };
    for (let i = last; i < this.regions.length; i++) {
      this.regions[i].newStart += delta;
      this.regions[i].newEnd += delta;
    }
    this.regions.splice(first, last - first, merged);
  }

  /** A region of the current text whose structure changed (same length). */
  markChanged(start: number, end: number): void {
    this.edit(start, end, end);
  }

  /** Where an old range is now, or undefined when it touches a changed region (touching counts). */
  mapRange(oldStart: number, oldEnd: number): [number, number] | undefined {
    // the last region starting at or before oldEnd
    let lo = 0;
    let hi = this.regions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.regions[mid].oldStart <= oldEnd) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && this.regions[lo - 1].oldEnd >= oldStart) return undefined;
    const shift = this.shiftBefore(lo);
    return [oldStart + shift, oldEnd + shift];
  }

  /** Whether a range of the current text touches a changed region. */
  touches(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.regions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.regions[mid].newStart <= end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.regions[lo - 1].newEnd >= start;
  }

  /** Changed regions of the current text that touch [start, end]. */
  within(start: number, end: number): ChangedRegion[] {
    return this.regions.filter((r) => r.newStart <= end && r.newEnd >= start);
  }

  /** How far text after region i (and before region i + 1) moved. */
  private shiftAfter(i: number): number {
    const r = this.regions[i];
    return r.newEnd - r.oldEnd;
  }

  /** How far text before region i (and after region i - 1) moved. */
  private shiftBefore(i: number): number {
    return i > 0 ? this.shiftAfter(i - 1) : 0;
  }
}
