import type { Value } from './values';

/**
 * The run's single scope table (language.md §7.1): values keyed `<elementPath>.<scope>`.
 * Lookups are deterministic where the reference iterates a hash map: nearest element
 * first (own path, parent, grand-parent, …), then the most recently stored key.
 */
export class ScopeTable {
  private readonly values = new Map<string, Value>();
  /** Last path segment → key → store sequence number (for "most recent" without a scan of every key). */
  private readonly byLastSegment = new Map<string, Map<string, number>>();
  private sequence = 0;

  get size(): number {
    return this.values.size;
  }

  set(elementPath: string, name: string, value: Value): void {
    const key = `${elementPath}.${name}`;
    this.values.set(key, value);
    let keys = this.byLastSegment.get(name);
    if (!keys) this.byLastSegment.set(name, (keys = new Map()));
    keys.set(key, ++this.sequence);
  }

  get(key: string): Value | undefined {
    return this.values.get(key);
  }

  /** Bare identifier `x` seen from element `elementPath`. */
  lookupName(elementPath: string, name: string): Value | undefined {
    for (const ancestor of ancestorsOf(elementPath)) {
      const v = this.values.get(`${ancestor}.${name}`);
      if (v) return v;
    }
    return this.mostRecent(name, (key) => key.endsWith(`.${name}`));
  }

  /**
   * Member chain text `a.b.c`: any key ending with that text (plain string suffix, as in
   * the reference), preferring `<ancestor>.a.b.c`, then the key `a.b.c` itself, then the most recent.
   */
  lookupSuffix(elementPath: string, text: string): Value | undefined {
    for (const ancestor of ancestorsOf(elementPath)) {
      const v = this.values.get(`${ancestor}.${text}`);
      if (v) return v;
    }
    const exact = this.values.get(text);
    if (exact) return exact;
    const last = text.slice(text.lastIndexOf('.') + 1);
    return this.mostRecent(last, (key) => key.endsWith(text));
  }

  private mostRecent(lastSegment: string, accept: (key: string) => boolean): Value | undefined {
    const keys = this.byLastSegment.get(lastSegment);
    if (!keys) return undefined;
    let best: string | undefined;
    let bestSeq = -1;
    for (const [key, seq] of keys) {
      if (seq > bestSeq && accept(key)) {
        best = key;
        bestSeq = seq;
      }
    }
    return best === undefined ? undefined : this.values.get(best);
  }
}

/** `a.b.c` → `a.b.c`, `a.b`, `a`. */
export function ancestorsOf(elementPath: string): string[] {
  const out: string[] = [];
  for (let p = elementPath; p !== ''; ) {
    out.push(p);
    const dot = p.lastIndexOf('.');
    p = dot < 0 ? '' : p.slice(0, dot);
  }
  return out;
}
