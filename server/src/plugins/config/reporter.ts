import type { HieDiagnostic, Severity } from '../../diagnostics/diagnostic';
import type { Span } from '../../syntax/span';
import { LineIndex } from './textPosition';
import { entryRange, findNode, keyRange, type Range, type TomlLayout } from './tomlLocator';

/** Collects config diagnostics, turning TOML paths into exact ranges of hielements.toml. */
export class ConfigReporter {
  readonly diagnostics: HieDiagnostic[] = [];
  readonly lines: LineIndex;

  constructor(readonly layout: TomlLayout) {
    this.lines = new LineIndex(layout.text);
  }

  span(range: Range | undefined): Span {
    return range ? this.lines.span(range.start, range.end) : this.lines.span(0, 0);
  }

  /** The key naming `path` (falls back to its parent's key). */
  keySpan(path: string[]): Span {
    for (let n = path.length; n > 0; n--) {
      const r = keyRange(this.layout, path.slice(0, n));
      if (r) return this.span(r);
    }
    return this.span(undefined);
  }

  /** The value at `path` (falls back to its key). */
  valueSpan(path: string[]): Span {
    const node = findNode(this.layout, path);
    return node ? this.span(node) : this.keySpan(path);
  }

  /** All text defining `path`. */
  entrySpan(path: string[]): Span {
    const r = entryRange(this.layout, path);
    return r ? this.span(r) : this.keySpan(path);
  }

  /** The source text of a scalar value (to tell `5` from `5.0`), if located. */
  valueText(path: string[]): string | undefined {
    const node = findNode(this.layout, path);
    return node?.kind === 'scalar' ? node.text : undefined;
  }

  report(severity: Severity, code: string, message: string, span: Span): void {
    this.diagnostics.push({ severity, code, message, span, source: 'config' });
  }
}
