import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { allDocs, functionMarkdown, signature } from '../libraryDocs';
import { modelIndex, type ModelIndex } from '../modelIndex';
import type { HieFile } from '../workspaceState';
import { ELEMENT_BODY_KEYWORDS, KEYWORD_DOCS, PATTERN_BODY_KEYWORDS, TOP_LEVEL_KEYWORDS } from './keywords';

/** What the text before the cursor asks for. */
export type CompletionContext =
  | { kind: 'member'; library: string; isCheck: boolean }
  | { kind: 'pattern' }
  | { kind: 'keyword'; keywords: string[] }
  | { kind: 'expression' }
  | { kind: 'none' };

/** Pure: the context from the current line's text before the cursor and the enclosing block. */
export function completionContext(linePrefix: string, enclosing: 'top' | 'element' | 'pattern'): CompletionContext {
  const member = /(?:^|[^\w.])([A-Za-z_]\w*)\.(\w*)$/.exec(linePrefix);
  if (member) return { kind: 'member', library: member[1], isCheck: /^\s*check\b/.test(linePrefix) };
  if (/\bimplements\s+(?:\w+\s*,\s*)*\w*$/.test(linePrefix)) return { kind: 'pattern' };
  if (/^\s*\w*$/.test(linePrefix)) {
    const keywords = enclosing === 'top' ? TOP_LEVEL_KEYWORDS : enclosing === 'pattern' ? PATTERN_BODY_KEYWORDS : ELEMENT_BODY_KEYWORDS;
    return { kind: 'keyword', keywords };
  }
  if (/(=|\(|,|\[|\bcheck)\s*\w*$/.test(linePrefix)) return { kind: 'expression' };
  return { kind: 'none' };
}

export async function completion(file: HieFile, position: Position): Promise<CompletionItem[]> {
  const { text, lineIndex } = file.doc;
  const lineStart = lineIndex.indexOf({ row: position.line, column: 0 });
  const prefix = text.slice(lineStart, lineIndex.indexOf({ row: position.line, column: position.character }));
  const index = modelIndex(file.doc.analysis.program);
  const context = completionContext(prefix, enclosingBlock(index, position.line, prefix));
  switch (context.kind) {
    case 'member':
      return memberItems(file, context.library, context.isCheck);
    case 'pattern':
      return index.declarationsOf('pattern').map((p) => ({ label: p.name, kind: CompletionItemKind.Interface, detail: 'pattern', documentation: p.docComment ?? undefined }));
    case 'keyword':
      return context.keywords.map((k) => ({ label: k, kind: CompletionItemKind.Keyword, documentation: KEYWORD_DOCS[k] }));
    case 'expression':
      return [...(await libraryItems(file)), ...nameItems(index)];
    case 'none':
      return [];
  }
}

/** The block a new line at `row` belongs to, from its indentation and the declarations above it. */
function enclosingBlock(index: ModelIndex, row: number, prefix: string): 'top' | 'element' | 'pattern' {
  const indent = /^\s*/.exec(prefix)?.[0].length ?? 0;
  if (indent === 0) return 'top';
  const containing = [...index.declarations.values()].filter(
    (d) => (d.kind === 'element' || d.kind === 'pattern') && d.span.start.row < row && d.span.end.row >= row - 1,
  );
  const innermost = containing.sort((a, b) => b.span.start.row - a.span.start.row)[0];
  if (!innermost) return 'element';
  return innermost.kind === 'pattern' || innermost.inPattern ? 'pattern' : 'element';
}

async function memberItems(file: HieFile, library: string, isCheck: boolean): Promise<CompletionItem[]> {
  const registry = await file.project.documentedLibraries();
  const lib = registry.get(library);
  if (!lib) return [];
  const docs = await allDocs(registry);
  const doc = docs.find((d) => d.lib === lib)?.doc;
  if (!doc) return [];
  const item = (fn: (typeof doc.functions)[number], kind: 'check' | 'selector', order: number): CompletionItem => ({
    label: fn.name,
    kind: CompletionItemKind.Function,
    detail: signature(library, fn),
    documentation: { kind: MarkupKind.Markdown, value: functionMarkdown(library, fn) },
    insertText: callSnippet(fn.name, fn.parameters),
    insertTextFormat: InsertTextFormat.Snippet,
    labelDetails: { description: kind },
    sortText: `${order}${fn.name}`,
  });
  // checks first after `check`, selectors first elsewhere
  return [
    ...doc.checks.map((f) => item(f, 'check', isCheck ? 0 : 1)),
    ...doc.functions.map((f) => item(f, 'selector', isCheck ? 1 : 0)),
  ];
}

/**
 * `struct_exists('${1:struct_name}')`: string parameters inside quotes, so typing the name over
 * the placeholder gives `'Scanner'` (typing a quote over a selected placeholder would surround
 * it instead, and the closing parenthesis would follow a doubled quote).
 */
export function callSnippet(name: string, parameters: { name: string; param_type: string }[]): string {
  const args = parameters.map((p, i) => (p.param_type === 'string' ? `'\${${i + 1}:${p.name}}'` : `\${${i + 1}:${p.name}}`));
  return `${name}(${args.join(', ')})$0`;
}

async function libraryItems(file: HieFile): Promise<CompletionItem[]> {
  const registry = await file.project.documentedLibraries();
  const docs = await allDocs(registry);
  return docs.map(({ lib, doc }) => ({
    label: lib.name,
    kind: CompletionItemKind.Module,
    detail: `library (${lib.kind})`,
    documentation: doc?.description,
  }));
}

function nameItems(index: ModelIndex): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const d of index.declarations.values()) {
    if (d.inPattern || (d.kind !== 'scope' && d.kind !== 'ref' && d.kind !== 'element')) continue;
    const label = d.name;
    if (seen.has(`${d.kind}:${label}`)) continue;
    seen.add(`${d.kind}:${label}`);
    items.push({
      label,
      kind: d.kind === 'element' ? CompletionItemKind.Class : CompletionItemKind.Variable,
      detail: `${d.kind} ${d.path}`,
    });
  }
  return items;
}
