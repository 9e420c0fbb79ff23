import type { LineIndex } from '../syntax/lineIndex';

/**
 * Doc comments (`## …`) are trivia in our grammar, so they are attached by position: the
 * `##` lines directly above a pattern or element (blank lines and `#` comment lines may sit
 * between them, as in the reference's `doc_block`) form its documentation.
 */
export interface DocLookup {
  doc: string | null;
  /** First row the lookup read (the content line above the doc block): edits there change the result. */
  firstRow: number;
}

export function docCommentAbove(lines: LineIndex, row: number): DocLookup {
  const collected: string[] = [];
  let current = row - 1;
  for (; current >= 0; current--) {
    const line = lines.lineText(current).trim();
    if (line === '') continue;
    if (isDocLine(line)) {
      collected.push(docText(line));
      continue;
    }
    if (line.startsWith('#') && !line.startsWith('##')) continue;
    break;
  }
  return { doc: collected.length > 0 ? collected.reverse().join('\n') : null, firstRow: Math.max(0, current) };
}

/** `##…` but not a line that opens (`###`) or is (`######`) a block comment. */
function isDocLine(line: string): boolean {
  return line.startsWith('##') && line !== '###' && line !== '######';
}

/** Doc text: the comment with every leading `#` removed, trimmed. */
export function docText(comment: string): string {
  return comment.replace(/^#+/, '').trim();
}
