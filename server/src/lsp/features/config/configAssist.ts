import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import { schemaAt, type SchemaNode, type SchemaValue } from './configSchema';
import { tomlContext } from './tomlContext';

/** Completion in hielements.toml: keys of the table the cursor is in, values of the key it follows. */
export function configCompletion(text: string, position: Position): CompletionItem[] {
  const context = tomlContext(text, position.line, position.character);
  switch (context.kind) {
    case 'header':
      return ['libraries', 'libraries.${1:name}', 'libraries.${1:name}.capabilities', 'libraries.${1:name}.limits'].map((path, i) => ({
        label: path.replace('${1:name}', '<name>'),
        kind: CompletionItemKind.Module,
        insertText: `${path}]`,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: String(i),
      }));
    case 'key': {
      const node = schemaAt(context.table);
      if (node?.anyKey) return [newLibrary('wasm', node.anyKey), newLibrary('external', node.anyKey)];
      return Object.entries(node?.children ?? {}).map(([key, child]) => ({
        label: key,
        kind: child.children ? CompletionItemKind.Module : CompletionItemKind.Property,
        documentation: { kind: MarkupKind.Markdown, value: keyMarkdown([...context.table, key], child) },
        insertText: child.insert ? `${key} = ${child.insert}` : key,
        insertTextFormat: InsertTextFormat.Snippet,
      }));
    }
    case 'value': {
      const node = schemaAt(context.key);
      const values = node?.values ?? node?.arrayOf ?? [];
      return values.map((v) => ({
        label: v.label,
        kind: CompletionItemKind.EnumMember,
        documentation: { kind: MarkupKind.Markdown, value: v.doc },
        insertText: context.quoted ? v.label.replace(/^"|"$/g, '') : v.label,
        filterText: context.quoted ? v.label.replace(/^"|"$/g, '') : v.label,
      }));
    }
    case 'none':
      return [];
  }
}

function newLibrary(kind: 'wasm' | 'external', entry: SchemaNode): CompletionItem {
  const insert = kind === 'wasm' ? `\${1:name} = ${entry.insert}` : '${1:name} = { executable = "${2:program}", args = [${3}] }';
  return {
    label: kind === 'wasm' ? 'new WebAssembly library' : 'new external library',
    kind: CompletionItemKind.Snippet,
    documentation: { kind: MarkupKind.Markdown, value: entry.doc },
    insertText: insert,
    insertTextFormat: InsertTextFormat.Snippet,
  };
}

/** Hover on a key (its meaning and accepted values) or on a known value. */
export function configHover(text: string, position: Position): Hover | null {
  const lines = text.split('\n');
  const line = (lines[position.line] ?? '').replace(/\r$/, '');
  const word = wordAround(line, position.character);
  if (!word) return null;
  const context = tomlContext(text, position.line, word.start);
  const range = { start: { line: position.line, character: word.start }, end: { line: position.line, character: word.end } };
  const hover = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
  if (context.kind === 'key') {
    const path = [...context.table, word.text];
    const node = schemaAt(path);
    return node && !isLibraryName(path) ? hover(keyMarkdown(path, node)) : null;
  }
  if (context.kind === 'value') {
    const node = schemaAt(context.key);
    const value = (node?.values ?? node?.arrayOf ?? []).find((v) => v.label.replace(/^"|"$/g, '') === word.text);
    return value ? hover(`\`${context.key.join('.')} = ${value.label}\`\n\n${value.doc}`) : null;
  }
  return null;
}

/** `libraries.<name>` itself: the name is the user's. */
const isLibraryName = (path: string[]): boolean => path.length === 2 && path[0] === 'libraries';

function keyMarkdown(path: string[], node: SchemaNode): string {
  const shown = path.map((p, i) => (i === 1 && path[0] === 'libraries' ? '<name>' : p)).join('.');
  const values = node.values ?? node.arrayOf;
  const list = values ? `\n\n${values.map((v: SchemaValue) => `- \`${v.label}\`: ${v.doc}`).join('\n')}` : '';
  return `**${shown}**\n\n${node.doc}${list}`;
}

function wordAround(line: string, character: number): { text: string; start: number; end: number } | undefined {
  let start = character;
  let end = character;
  while (start > 0 && /[\w-]/.test(line[start - 1])) start--;
  while (end < line.length && /[\w-]/.test(line[end])) end++;
  return start === end ? undefined : { text: line.slice(start, end), start, end };
}
