import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DocumentLink, Location, Range, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LSP_FIXTURES, TestEditor, uriOf } from './lspHarness';

const ROOT = path.join(LSP_FIXTURES, 'navigation');
const ARCH = path.join(ROOT, 'specs', 'arch.hie');
const PATTERNS = path.join(ROOT, 'specs', 'patterns.hie');
const rel = (uri: string): string => path.relative(ROOT, new URL(uri).pathname);
const at = (file: string, line: number, character: number) => ({ textDocument: { uri: uriOf(file) }, position: { line, character } });
const r = (range: Range) => [range.start.line, range.start.character, range.end.line, range.end.character];
const where = (l: Location) => [rel(l.uri), ...r(l.range)];

describe('lsp: from the architecture to the code (definition, references, rename, links, symbols)', function () {
  this.timeout(30000);
  let editor: TestEditor;

  before(async () => {
    editor = await TestEditor.start(ROOT, { checks: { run: 'never' } });
    editor.open(ARCH);
    await editor.waitForDiagnostics(ARCH, () => true);
  });
  after(() => editor.stop());

  const definition = async (file: string, line: number, character: number) =>
    ((await editor.request<Location[] | null>('textDocument/definition', at(file, line, character))) ?? []).map(where);

  describe('definition into the source files', () => {
    it("lands on every struct a check names: rust.struct_exists('Lexer')", async () => {
      assert.deepEqual(await definition(ARCH, 9, 31), [
        ['crates/lexer/src/lib.rs', 3, 11, 3, 16],
        ['crates/parser/src/lib.rs', 14, 15, 14, 20],
      ]);
    });

    it('lands on enums, functions, traits and impls (the type and the trait of implements(T, Tr))', async () => {
      assert.deepEqual(await definition(ARCH, 10, 29), [['crates/lexer/src/lib.rs', 7, 9, 7, 18]]);
      assert.deepEqual(await definition(ARCH, 11, 33), [['crates/lexer/src/lib.rs', 22, 7, 22, 15]]);
      assert.deepEqual(await definition(ARCH, 12, 29), [['crates/lexer/src/lib.rs', 16, 17, 16, 22]], 'impl Scanner for Lexer: the self type');
      assert.deepEqual(await definition(ARCH, 12, 39), [['crates/lexer/src/lib.rs', 12, 10, 12, 17]], 'trait Scanner');
      assert.deepEqual(await definition(ARCH, 8, 44), [['crates/lexer/src/lib.rs', 12, 10, 12, 17]], 'trait_selector');
    });

    it("lands on a crate's Cargo.toml and on Python functions and classes", async () => {
      assert.deepEqual(await definition(ARCH, 6, 50), [['crates/parser/Cargo.toml', 1, 7, 1, 15]]);
      assert.deepEqual(await definition(ARCH, 21, 56), [['app/service.py', 4, 4, 4, 18]]);
      assert.deepEqual(await definition(ARCH, 21, 74), [['app/service.py', 0, 6, 0, 11]]);
    });

    it('goes from a pattern name and a placeholder path to their declarations in another spec', async () => {
      assert.deepEqual(await definition(ARCH, 15, 31), [['specs/patterns.hie', 1, 8, 1, 13]]);
      assert.deepEqual(await definition(ARCH, 16, 32), [['specs/patterns.hie', 2, 10, 2, 13]]);
      assert.deepEqual(await definition(ARCH, 13, 28), [['specs/arch.hie', 5, 10, 5, 19]], 'a scope in the same file');
    });

    it('goes from a string import to the spec it names', async () => {
      assert.deepEqual(await definition(ARCH, 1, 10), [['specs/patterns.hie', 0, 0, 0, 0]]);
    });

    it('has no definition for a name nothing declares or a folder', async () => {
      assert.deepEqual(await definition(ARCH, 5, 50), [], 'a folder is a link, not a definition');
      assert.deepEqual(await definition(ARCH, 9, 16), [], 'the library name');
    });
  });

  it('finds the references of a placeholder across the specs', async () => {
    editor.open(PATTERNS);
    const refs = await editor.request<Location[]>('textDocument/references', { ...at(PATTERNS, 2, 11), context: { includeDeclaration: true } });
    assert.deepEqual(refs.map(where), [
      ['specs/arch.hie', 16, 31, 16, 34],
      ['specs/patterns.hie', 2, 10, 2, 13],
      ['specs/patterns.hie', 3, 23, 3, 26],
    ]);
  });

  it('renames a pattern in every spec (prepareRename gives the name), and a scope with its uses', async () => {
    assert.deepEqual(await editor.request('textDocument/prepareRename', at(ARCH, 15, 32)), { range: { start: { line: 15, character: 29 }, end: { line: 15, character: 34 } }, placeholder: 'stage' });
    const edit = await editor.request<WorkspaceEdit>('textDocument/rename', { ...at(ARCH, 15, 32), newName: 'phase' });
    const changes = Object.entries(edit.changes ?? {}).map(([uri, edits]) => [rel(uri), edits.map((e) => [...r(e.range), e.newText])]);
    assert.deepEqual(changes.sort(), [
      ['specs/arch.hie', [[15, 29, 15, 34, 'phase'], [16, 25, 16, 30, 'phase']]],
      ['specs/patterns.hie', [[1, 8, 1, 13, 'phase']]],
    ]);
    const scope = await editor.request<WorkspaceEdit>('textDocument/rename', { ...at(ARCH, 5, 12), newName: 'lexer_files' });
    assert.deepEqual(scope.changes?.[uriOf(ARCH)]?.map((e) => r(e.range)), [[5, 10, 5, 19], [13, 23, 13, 32]]);
  });

  it('refuses to rename what is not a name, and names that are keywords or not identifiers', async () => {
    assert.equal(await editor.request('textDocument/prepareRename', at(ARCH, 9, 31)), null, 'a string');
    assert.equal(await editor.request('textDocument/prepareRename', at(ARCH, 9, 6)), null, 'a keyword');
    await assert.rejects(editor.request('textDocument/rename', { ...at(ARCH, 5, 12), newName: 'scope' }), /'scope' is a keyword/);
    await assert.rejects(editor.request('textDocument/rename', { ...at(ARCH, 5, 12), newName: 'my-src' }), /'my-src' is not a valid name/);
  });

  it('links an imported spec, selector paths to files and folders, a crate to its Cargo.toml, and a file in a folder scope', async () => {
    const links = await editor.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: uriOf(ARCH) } });
    assert.deepEqual(
      links.map((l) => [...r(l.range), rel(l.target!.replace(/#.*$/, '')) + (l.target!.match(/#.*$/)?.[0] ?? '')]),
      [
        [1, 8, 1, 20, 'specs/patterns.hie'],
        [5, 45, 5, 61, 'crates/lexer/src'],
        [6, 46, 6, 52, 'crates/parser/Cargo.toml#L2,8'],
        [7, 38, 7, 52, 'docs/README.md'],
        [13, 35, 13, 41, 'crates/lexer/src/lib.rs'],
        [16, 60, 16, 76, 'crates/lexer/src'],
        [17, 34, 17, 40, 'crates/lexer/src/lib.rs'],
        [20, 46, 20, 57, 'app'],
      ],
    );
  });

  it('lists elements, patterns, scopes and refs of every spec as workspace symbols', async () => {
    const shape = (s: SymbolInformation) => [s.name, s.kind, s.containerName, rel(s.location.uri), s.location.range.start.line];
    assert.deepEqual((await editor.request<SymbolInformation[]>('workspace/symbol', { query: 'lex' })).map(shape), [
      ['lexer', 2, 'compiler', 'specs/arch.hie', 15],
      ['lexer_src', 8, 'compiler', 'specs/arch.hie', 5],
    ]);
    assert.deepEqual((await editor.request<SymbolInformation[]>('workspace/symbol', { query: 'stage.src' })).map(shape), [['src', 8, 'stage', 'specs/patterns.hie', 2]]);
    const all = await editor.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    assert.equal(all.length, 11);
  });
});
