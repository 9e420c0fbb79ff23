import type { HieParser } from '../syntax/hieParser';
import { HieDocument, type AppliedEdit, type TextChange } from '../syntax/document';
import type { LineIndex } from '../syntax/lineIndex';
import { analyze, type Analysis, type AnalysisCache } from './analyze';
import type { ValidationOptions } from './programFindings';
import { ensurePositions } from './unitShift';

/**
 * An open `.hie` document together with its analysis (model + syntax/validation
 * diagnostics), recomputed lazily: edits are applied at once, the re-parse and the analysis
 * wait until someone asks, so a burst of edits costs one of each. The language server keeps
 * one per document.
 */
export class AnalyzedDocument {
  private readonly document: HieDocument;
  private cached: Analysis | undefined;
  /** Units of the last analysis, reused for the parts of the text an edit did not touch. */
  private cache: AnalysisCache | undefined;

  constructor(parser: HieParser, text: string, private options: ValidationOptions) {
    this.document = new HieDocument(parser, text);
  }

  get text(): string {
    return this.document.text;
  }

  get tree() {
    return this.document.tree;
  }

  get lineIndex(): LineIndex {
    return this.document.lineIndex;
  }

  /** The range edits applied, or null when the whole text was replaced. */
  applyChanges(changes: readonly TextChange[]): AppliedEdit[] | null {
    this.cached = undefined;
    return this.document.applyChanges(changes);
  }

  /** New set of known libraries (plugins loaded or removed): W001 must be recomputed. */
  setOptions(options: ValidationOptions): void {
    this.options = options;
    this.cached = undefined;
  }

  get analysis(): Analysis {
    if (!this.cached) {
      const changes = this.document.takeChanges();
      const previous = this.cache && changes ? { cache: this.cache, changes, lines: this.document.lineIndex } : undefined;
      const { cache, ...analysis } = analyze(this.document.tree, this.document.text, this.options, previous);
      // this document will be edited: its units' positions are ready before the first keystroke
      for (const unit of cache.units) ensurePositions(unit);
      this.cache = cache;
      this.cached = analysis;
    }
    return this.cached;
  }

  dispose(): void {
    this.document.dispose();
  }
}
