import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeLens, CompletionItem, DocumentSymbol, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { LSP_FIXTURES, TestEditor, uriOf } from './lspHarness';

const ROOT = path.join(LSP_FIXTURES, 'features');
const FILE = path.join(ROOT, 'model.hie');
const doc = { uri: uriOf(FILE) };
const at = (line: number, character: number) => ({ textDocument: doc, position: { line, character } });
const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');
const range = (l: Location) => [l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character];

describe('lsp: editor features over stdio', function () {
  this.timeout(20000);
  let editor: TestEditor;

  before(async () => {
    editor = await TestEditor.start(ROOT);
    editor.open(FILE);
    await editor.waitFor('check summary', () => editor.summaries.at(-1)?.total === 2);
  });
  after(() => editor.stop());

  describe('hover', () => {
    it('shows a library function: signature, description, parameters, example, and the last result of the check', async () => {
      const text = hoverText(await editor.request<Hover>('textDocument/hover', at(8, 16)));
      assert.equal(
        text,
        [
          '```hielements',
          'files.exists(scope: Scope, filename: string) -> CheckResult',
          '```',
          '',
          'Check that a file exists: for a file scope, the file itself; for a folder scope, `filename` (a file or folder, may contain `/`) inside it; for a glob scope, a selected file with that name.',
          '',
          '**Parameters**',
          '',
          '- `scope`: `Scope` — Scope to look in',
          '- `filename`: `string` — Name (or relative path) of the file to look for',
          '',
          '**Example**',
          '',
          '```hielements',
          "check files.exists(src, 'main.py')",
          '```',
          '',
          '---',
          '',
          "✓ **passed**: `files.exists(code, 'main.py')`",
        ].join('\n'),
      );
    });

    it('shows a scope with the files it resolves to', async () => {
      const text = hoverText(await editor.request<Hover>('textDocument/hover', at(7, 11)));
      assert.equal(text, '**scope** `app.code`\n\nFolder `src`: resolves to 1 file\n\n- `src/main.py`');
    });

    it('shows an element with its doc comment and check summary', async () => {
      const text = hoverText(await editor.request<Hover>('textDocument/hover', at(6, 9)));
      assert.equal(text, '**element** `app`\n\nThe application.\n\nChecks: 1 passed, 0 failed, 0 errors');
    });

    it('shows a pattern and a keyword', async () => {
      assert.equal(hoverText(await editor.request<Hover>('textDocument/hover', at(1, 10))), '**pattern** `service`\n\nA service blueprint.\n\nImplemented by 1 element in this file.');
      assert.equal(
        hoverText(await editor.request<Hover>('textDocument/hover', at(6, 2))),
        '**element** (keyword)\n\nDeclares an element: a named part of the architecture with scopes, checks and child elements.',
      );
    });
  });

  describe('completion', () => {
    it('offers the checks of a library after `check files.` with their signatures', async () => {
      editor.change(FILE, { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, '        check files.');
      const items = await editor.request<CompletionItem[]>('textDocument/completion', at(12, 20));
      const checks = items.filter((i) => i.labelDetails?.description === 'check').map((i) => [i.label, i.detail]);
      assert.deepEqual(checks, [
        ['exists', 'files.exists(scope: Scope, filename: string) -> CheckResult'],
        ['contains', 'files.contains(scope: Scope, filename: string) -> CheckResult'],
        ['no_files_matching', 'files.no_files_matching(scope: Scope, pattern: string) -> CheckResult'],
        ['max_size', 'files.max_size(scope: Scope, max_bytes: integer) -> CheckResult'],
      ]);
      assert.ok(items.some((i) => i.label === 'folder_selector' && i.labelDetails?.description === 'selector'));
      editor.change(FILE, { start: { line: 12, character: 0 }, end: { line: 12, character: 20 } }, '');
    });

    it('offers pattern names after `implements`, keywords at the start of a line, names and libraries in expressions', async () => {
      editor.change(FILE, { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, 'element x implements ');
      const patterns = await editor.request<CompletionItem[]>('textDocument/completion', at(12, 21));
      assert.deepEqual(patterns.map((i) => i.label), ['service']);
      editor.change(FILE, { start: { line: 12, character: 0 }, end: { line: 12, character: 21 } }, '');

      const top = await editor.request<CompletionItem[]>('textDocument/completion', at(12, 0));
      assert.deepEqual(top.map((i) => i.label), ['element', 'pattern', 'template', 'import', 'from', 'language']);
      editor.change(FILE, { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, '    ');
      const inElement = await editor.request<CompletionItem[]>('textDocument/completion', at(9, 4));
      editor.change(FILE, { start: { line: 9, character: 0 }, end: { line: 9, character: 4 } }, '');
      assert.deepEqual(inElement.map((i) => i.label), ['scope', 'ref', 'check', 'element', 'uses']);
      const inPattern = await editor.request<CompletionItem[]>('textDocument/completion', at(3, 4));
      assert.deepEqual(inPattern.map((i) => i.label), ['scope', 'ref', 'check', 'element', 'requires', 'allows', 'forbids']);

      const expr = await editor.request<CompletionItem[]>('textDocument/completion', at(8, 23));
      assert.deepEqual(expr.map((i) => i.label), ['files', 'python', 'rust', 'app', 'code', 'core']);
    });
  });

  describe('navigation', () => {
    it('goes to the scope an identifier names, and to a binds target and a pattern', async () => {
      const scope = await editor.request<Location[]>('textDocument/definition', at(11, 28));
      assert.deepEqual(scope.map(range), [[7, 10, 7, 14]]);
      const bindsTarget = await editor.request<Location[]>('textDocument/definition', at(7, 29));
      assert.deepEqual(bindsTarget.map(range), [[2, 10, 2, 13]]);
      const pattern = await editor.request<Location[]>('textDocument/definition', at(6, 25));
      assert.deepEqual(pattern.map(range), [[1, 8, 1, 15]]);
    });

    it('finds the references of a scope', async () => {
      const refs = await editor.request<Location[]>('textDocument/references', { ...at(7, 11), context: { includeDeclaration: true } });
      assert.deepEqual(refs.map(range), [
        [7, 10, 7, 14],
        [8, 23, 8, 27],
        [11, 27, 11, 31],
      ]);
      const patternScope = await editor.request<Location[]>('textDocument/references', { ...at(2, 11), context: { includeDeclaration: false } });
      assert.deepEqual(patternScope.map(range), [
        [3, 23, 3, 26],
        [7, 29, 7, 32],
      ]);
    });

    it('lists the element tree as document symbols, checks named by their text', async () => {
      const symbols = await editor.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: doc });
      const shape = (s: DocumentSymbol): unknown => [s.name, s.kind, ...(s.children ?? []).map(shape)];
      assert.deepEqual(symbols.map(shape), [
        ['service', 5, ['src', 8], ["files.exists(src, 'main.py')", 24]],
        ['app', 2, ['code', 8], ["files.exists(code, 'main.py')", 24], ['core', 2, ["files.exists(code, 'main.py')", 24]]],
      ]);
    });

    it('shows a code lens per element with its check summary, and a Run lens per check; each runs just its item', async () => {
      await editor.request('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [doc.uri] });
      const lenses = await editor.request<CodeLens[]>('textDocument/codeLens', { textDocument: doc });
      assert.deepEqual(
        lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
        [
          [6, '✓ 1 passed', 'hielements.runChecks', [doc.uri, { testId: `${doc.uri}#app` }]],
          [8, '▶ Run', 'hielements.runChecks', [doc.uri, { testId: `${doc.uri}#app#files.exists(code, 'main.py')` }]],
          [10, '✓ 1 passed', 'hielements.runChecks', [doc.uri, { testId: `${doc.uri}#app.core` }]],
          [11, '▶ Run', 'hielements.runChecks', [doc.uri, { testId: `${doc.uri}#app.core#files.exists(code, 'main.py')` }]],
        ],
      );
    });
  });
});

describe('lsp: node IPC transport', function () {
  this.timeout(20000);

  it('serves diagnostics and hovers over --node-ipc', async () => {
    const editor = await TestEditor.start(ROOT, undefined, 'node-ipc');
    try {
      editor.open(FILE);
      await editor.waitForDiagnostics(FILE, () => true);
      const text = hoverText(await editor.request<Hover>('textDocument/hover', at(8, 16)));
      assert.ok(text.startsWith('```hielements\nfiles.exists(scope: Scope, filename: string) -> CheckResult\n```'), text);
    } finally {
      await editor.stop();
    }
  });
});
