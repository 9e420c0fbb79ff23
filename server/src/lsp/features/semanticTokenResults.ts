import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';

/**
 * The last semantic tokens sent per document, so that after an edit only what changed is
 * sent (`semanticTokens/full/delta`): tokens are encoded relative to each other, so an edit
 * changes a short run of the data and the rest stays equal.
 */
export class SemanticTokenResults<Doc extends object> {
  /** Kept while the document is known to the server. */
  private readonly last = new WeakMap<Doc, { id: string; data: readonly number[] }>();
  private counter = 0;

  /** A full result, remembered for the next delta. */
  full(doc: Doc, data: readonly number[]): SemanticTokens {
    const id = String(++this.counter);
    this.last.set(doc, { id, data });
    return { resultId: id, data: [...data] };
  }

  /** The edit from the previous result to `data`; a full result when the previous one is not known. */
  delta(doc: Doc, previousResultId: string, data: readonly number[]): SemanticTokens | SemanticTokensDelta {
    const previous = this.last.get(doc);
    if (!previous || previous.id !== previousResultId) return this.full(doc, data);
    const before = previous.data;
    let start = 0;
    while (start < before.length && start < data.length && before[start] === data[start]) start++;
    let endBefore = before.length;
    let endAfter = data.length;
    while (endBefore > start && endAfter > start && before[endBefore - 1] === data[endAfter - 1]) {
      endBefore--;
      endAfter--;
    }
    const id = String(++this.counter);
    this.last.set(doc, { id, data });
    const edits = start === endBefore && start === endAfter ? [] : [{ start, deleteCount: endBefore - start, data: data.slice(start, endAfter) }];
    return { resultId: id, edits };
  }
}
