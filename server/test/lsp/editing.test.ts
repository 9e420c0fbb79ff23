import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, Hover, InitializeResult, MarkupContent, SemanticTokens, SemanticTokensDelta, TextEdit } from 'vscode-languageserver-protocol';
import { copyFixture, TestEditor, uriOf } from './lspHarness';

const TOKEN_TYPES = ['keyword', 'namespace', 'function', 'parameter', 'type', 'element', 'pattern', 'scope', 'ref', 'path'];
const MODIFIERS = ['declaration', 'defaultLibrary', 'abstract'];

/** [line, column, text, type, modifiers] of every token. */
function decode(tokens: SemanticTokens, text: string): [number, number, string, string, string[]][] {
  const lines = text.split('\n');
  const out: [number, number, string, string, string[]][] = [];
  let line = 0;
  let col = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5);
    line += dl;
    col = dl === 0 ? col + dc : dc;
    out.push([line, col, lines[line].slice(col, col + len), TOKEN_TYPES[type], MODIFIERS.filter((_, b) => (mods >> b) & 1)]);
  }
  return out;
}

const apply = (text: string, edits: TextEdit[]): string => {
  const offset = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).join('\n').length + (p.line > 0 ? 1 : 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
};

describe('lsp: semantic tokens, formatting, completion snippets, hielements.toml assistance', function () {
  this.timeout(30000);
  let root: string;
  let editor: TestEditor;
  let capabilities: InitializeResult['capabilities'];
  const TOKENS = () => path.join(root, 'tokens.hie');
  const MESSY = () => path.join(root, 'messy.hie');

  before(async () => {
    root = copyFixture('editing');
    editor = await TestEditor.start(root, { checks: { run: 'never' } });
    capabilities = editor.capabilities!;
  });
  after(async () => {
    await editor.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('declares the semantic token legend the extension contributes', () => {
    assert.deepEqual(capabilities.semanticTokensProvider, { legend: { tokenTypes: TOKEN_TYPES, tokenModifiers: MODIFIERS }, full: { delta: true }, range: true });
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'client', 'package.json'), 'utf8'));
    const declared = pkg.contributes.semanticTokenTypes.map((t: { id: string }) => t.id);
    assert.deepEqual(declared, ['element', 'pattern', 'scope', 'ref', 'path'], 'the custom types, each with a standard super type');
  });

  it('colours names by what they declare or name, libraries, functions, parameters, paths and keywords', async () => {
    const text = fs.readFileSync(TOKENS(), 'utf8');
    editor.open(TOKENS(), text);
    const tokens = await editor.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: uriOf(TOKENS()) } });
    assert.deepEqual(decode(tokens, text), [
      [0, 0, 'import', 'keyword', []],
      [0, 7, 'files', 'namespace', ['defaultLibrary']],
      [1, 0, 'import', 'keyword', []],
      [1, 7, "'shared/patterns.hie'", 'path', []],
      [3, 0, 'pattern', 'keyword', []],
      [3, 8, 'service', 'pattern', ['declaration']],
      [4, 4, 'scope', 'keyword', []],
      [4, 10, 'src', 'scope', ['declaration', 'abstract']],
      [5, 4, 'ref', 'keyword', []],
      [5, 8, 'api', 'ref', ['declaration', 'abstract']],
      [5, 13, 'HttpApi', 'type', []],
      [7, 0, 'element', 'keyword', []],
      [7, 8, 'app', 'element', ['declaration']],
      [7, 12, 'implements', 'keyword', []],
      [7, 23, 'service', 'pattern', []],
      [8, 4, 'scope', 'keyword', []],
      [8, 10, 'code', 'scope', ['declaration']],
      [8, 15, 'python', 'type', []],
      [8, 23, 'binds', 'keyword', []],
      [8, 29, 'service', 'pattern', []],
      [8, 37, 'src', 'scope', ['abstract']],
      [8, 43, 'files', 'namespace', ['defaultLibrary']],
      [8, 49, 'folder_selector', 'function', ['defaultLibrary']],
      [8, 65, "'src'", 'path', []],
      [9, 4, 'check', 'keyword', []],
      [9, 10, 'files', 'namespace', ['defaultLibrary']],
      [9, 16, 'exists', 'function', ['defaultLibrary']],
      [9, 23, 'code', 'scope', []],
      [9, 29, "'main.py'", 'path', []],
      [10, 4, 'check', 'keyword', []],
      [10, 10, 'rust', 'namespace', ['defaultLibrary']],
      [10, 15, 'struct_exists', 'function', ['defaultLibrary']],
      [12, 0, 'language', 'keyword', []],
      [12, 9, 'rust', 'type', ['declaration']],
      [13, 4, 'connection_check', 'keyword', []],
      [13, 21, 'linked', 'function', ['declaration']],
      [13, 28, 'a', 'parameter', ['declaration']],
      [13, 31, 'scope', 'keyword', []],
      [13, 40, 'b', 'parameter', ['declaration']],
      [13, 43, 'scope', 'keyword', []],
      [14, 8, 'rust', 'namespace', ['defaultLibrary']],
      [14, 13, 'depends_on', 'function', ['defaultLibrary']],
      [14, 24, 'a', 'parameter', []],
      [14, 27, 'b', 'parameter', []],
    ]);
    const range = await editor.request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri: uriOf(TOKENS()) },
      range: { start: { line: 9, character: 0 }, end: { line: 10, character: 0 } },
    });
    assert.deepEqual(decode(range, text).map((t) => t[2]), ['check', 'files', 'exists', 'code', "'main.py'", 'check', 'rust', 'struct_exists']);

    // after an edit, only what changed is sent, and it gives the same tokens as a full request
    editor.change(TOKENS(), { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, '    check files.exists(code, "x")\n');
    const delta = await editor.request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri: uriOf(TOKENS()) }, previousResultId: tokens.resultId });
    const patched = [...tokens.data];
    for (const e of [...delta.edits].reverse()) patched.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const full = await editor.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: uriOf(TOKENS()) } });
    assert.deepEqual(patched, full.data);
    assert.ok(delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0) <= 30, 'a few tokens, not the whole file');
    editor.change(TOKENS(), { start: { line: 10, character: 0 }, end: { line: 11, character: 0 } }, '');
  });

  it('formats a document (one edit, comments kept) and a range; a document with errors is left alone', async () => {
    const text = fs.readFileSync(MESSY(), 'utf8');
    editor.open(MESSY(), text);
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await editor.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: uriOf(MESSY()) }, options });
    assert.equal(edits.length, 1);
    assert.equal(
      apply(text, edits),
      "element app {\n    scope code = files.folder_selector('src')\n    # about the checks\n    check files.exists(code, 'main.py')\n}\n",
    );
    const ranged = await editor.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri: uriOf(MESSY()) },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
      options,
    });
    assert.equal(apply(text, ranged), "element app  {\n    scope code = files.folder_selector('src')\n      # about the checks\n  check files.exists(code,'main.py')\n}\n");
    editor.change(MESSY(), { start: { line: 1, character: 42 }, end: { line: 1, character: 43 } }, '');
    assert.equal(await editor.request('textDocument/formatting', { textDocument: { uri: uriOf(MESSY()) }, options }), null);
  });

  it("completes library functions with quoted string parameters: struct_exists('${1:struct_name}')", async () => {
    editor.change(TOKENS(), { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, '    check rust.');
    const items = await editor.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(TOKENS()) }, position: { line: 11, character: 15 } });
    const insert = (label: string) => items.find((i) => i.label === label)?.insertText;
    assert.equal(insert('struct_exists'), "struct_exists('${1:struct_name}')$0");
    assert.equal(insert('implements'), "implements('${1:type_name}', '${2:trait_name}')$0");
    assert.equal(insert('has_derive'), "has_derive(${1:scope}, '${2:derive_name}')$0");
    assert.equal(insert('depends_on'), 'depends_on(${1:scope_a}, ${2:scope_b})$0');
    editor.change(TOKENS(), { start: { line: 11, character: 0 }, end: { line: 11, character: 15 } }, '');
  });

  describe('hielements.toml', () => {
    const TOML = () => path.join(root, 'hielements.toml');
    const open = (text: string) => editor.open(TOML(), text, 'toml');
    const complete = (line: number, character: number) => editor.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(TOML()) }, position: { line, character } });
    const hoverAt = async (line: number, character: number) => ((await editor.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(TOML()) }, position: { line, character } }))?.contents as MarkupContent | undefined)?.value;

    it('completes the keys of a library entry, of capabilities and limits, and capability values', async () => {
      open('[libraries.deps]\npath = "deps.wasm"\n\n[libraries.lint]\nexecutable = "lint"\nlimits = { timeout_ms = 100,  }\n[libraries]\nx = { capabilities = { fs = "r\n');
      assert.deepEqual((await complete(2, 0)).map((i) => [i.label, i.insertText]), [
        ['type', 'type = ${1|"external","wasm"|}'],
        ['executable', 'executable = "${1:program}"'],
        ['path', 'path = "${1:plugins/name.wasm}"'],
        ['args', 'args = ["${1}"]'],
        ['capabilities', 'capabilities = { fs = ${1|"none","read","write"|} }'],
        ['permissions', 'permissions = { filesystem = ["${1:read}"] }'],
        ['limits', 'limits = { timeout_ms = ${1:2000} }'],
      ]);
      assert.deepEqual((await complete(5, 29)).map((i) => i.label), ['timeout_ms', 'memory_mb']);
      assert.deepEqual((await complete(7, 30)).map((i) => [i.label, i.insertText]), [['"none"', 'none'], ['"read"', 'read'], ['"write"', 'write']]);
      assert.deepEqual((await complete(3, 1)).map((i) => i.label).slice(0, 2), ['libraries', 'libraries.<name>']);
    });

    it('explains keys and capability values on hover', async () => {
      open('[libraries]\ndeps = { path = "deps.wasm", capabilities = { fs = "read", network = "none" } }\n');
      assert.equal(
        await hoverAt(1, 47),
        '**libraries.<name>.capabilities.fs**\n\nFile access to the workspace, mounted at `/workspace`. Default `"none"`.\n\n- `"none"`: No file access (default): every path open fails.\n- `"read"`: Workspace files are visible read-only at `/workspace`.\n- `"write"`: Workspace files are readable and writable at `/workspace` — still only inside the workspace.',
      );
      assert.equal(await hoverAt(1, 53), '`libraries.deps.capabilities.fs = "read"`\n\nWorkspace files are visible read-only at `/workspace`.');
      assert.match((await hoverAt(1, 10)) ?? '', /^\*\*libraries\.<name>\.path\*\*/);
      assert.equal(await hoverAt(1, 1), undefined, 'a library name is the user’s');
    });
  });
});
