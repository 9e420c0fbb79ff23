import { LayoutScanner } from '../syntax/layout';
import type { LineIndex } from '../syntax/lineIndex';
import type { TokenTree } from '../syntax/tokenTree';
import type { Token } from '../syntax/tokens';
import type { UnitSlot } from './units';

/**
 * The units' tokens with their layout tokens, and the scanner's indentation state at each
 * unit's start, for one analysis, worked out on demand: from the nearest canonical unit
 * before (whose start state is known), so only broken units and the units between them and
 * a canonical one have their tokens read.
 */
export class UnitLayouts {
  /** Indentation levels at each unit's start (undefined: not known yet). */
  private readonly starts: (readonly number[] | undefined)[] = [];
  private readonly laidOut: (Token[] | undefined)[] = [];

  constructor(
    private readonly slots: readonly UnitSlot[],
    private readonly tokens: TokenTree,
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  /** The scanner state at the start of unit i, as a key (`start` for the document start). */
  startKey(i: number): string {
    if (i === 0) return 'start';
    return this.startState(i).join(',');
  }

  /** Unit i's tokens with layout. */
  tokensOf(i: number): Token[] {
    const done = this.laidOut[i];
    if (done) return done;
    const scanner = new LayoutScanner(this.text, this.lines, i === 0 ? undefined : this.startState(i));
    const slot = this.slots[i];
    const out = scanner.run(this.tokens.tokensOf(slot.firstChild, slot.childCount), i === this.slots.length - 1);
    this.laidOut[i] = out;
    this.starts[i + 1] ??= scanner.state;
    return out;
  }

  private startState(i: number): readonly number[] {
    if (this.slots[i].canonical) return i === 0 ? [0] : CANONICAL;
    // lay out forward from the nearest unit whose start state is known
    let from = i - 1;
    while (from > 0 && !this.slots[from].canonical && !this.starts[from]) from--;
    for (let k = from; k < i; k++) this.tokensOf(k);
    return this.starts[i]!;
  }
}

const CANONICAL: readonly number[] = [0];
