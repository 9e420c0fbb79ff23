import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { essentials, TestEditor, uriOf } from './lspHarness';

const SPEC = [
  'element app:',
  "    scope src = files.folder_selector('src')",
  "    scope main = files.file_selector('src/a.rs')",
  "    scope none = files.glob_selector('nothing/**/*.rs')",
  "    check files.exists(src, 'a.rs')",
  '',
].join('\n');

describe('lsp: inlay hints with the files each scope matched, and a warning on an empty selector', function () {
  this.timeout(30000);
  let root: string;
  let editor: TestEditor;
  let hie: string;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-lsp-hints-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src', 'a.rs'), 'fn a() {}\n');
    fs.writeFileSync(path.join(root, 'src', 'b.rs'), 'fn b() {}\n');
    hie = path.join(root, 'arch.hie');
    fs.writeFileSync(hie, SPEC);
    editor = await TestEditor.start(root, { checks: { run: 'onType', debounceMs: 20 } });
    editor.open(hie);
  });
  after(async () => {
    await editor.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const hints = (line = 10): Promise<InlayHint[]> =>
    editor.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: uriOf(hie) }, range: { start: { line: 0, character: 0 }, end: { line, character: 0 } } });

  it('a warning (never an error) on the selector that matched nothing, published with the run', async () => {
    const ds = await editor.waitForDiagnostics(hie, (d) => d.length > 0);
    assert.deepEqual(ds.map(essentials), [
      {
        range: [3, 17, 3, 55],
        severity: 2,
        code: 'W533',
        message: "Scope `app.none` matched no files: `files.glob_selector('nothing/**/*.rs')` selects nothing (checks on it see an empty scope)",
      },
    ]);
  });

  it('`N files` after each scope declaration, only in the requested range', async () => {
    const all = await hints();
    assert.deepEqual(all.map((h) => [h.position.line, h.position.character, h.label, h.paddingLeft]), [
      [1, 44, '2 files', true],
      [2, 48, '1 file', true],
      [3, 55, '0 files', true],
    ]);
    assert.deepEqual(all.map((h) => h.tooltip), ['src/a.rs\nsrc/b.rs', 'src/a.rs', 'matched no files in the last run']);
    assert.deepEqual((await hints(3)).map((h) => h.label), ['2 files', '1 file']);
  });

  it('after an edit, hints wait for the run of the new text, and follow it', async () => {
    void editor.connection.sendNotification('workspace/didChangeConfiguration', { settings: { hielements: { checks: { run: 'onSave' } } } });
    const runs = editor.summaries.length;
    editor.change(hie, { start: { line: 3, character: 38 }, end: { line: 3, character: 45 } }, 'src');
    assert.deepEqual(await hints(), [], 'no hints from the run of the older text');
    editor.save(hie);
    await editor.waitFor('the run of the new text', () => editor.summaries.length > runs && editor.summaries.at(-1)?.outdated === 0);
    assert.deepEqual((await hints()).map((h) => [h.position.line, h.label]), [
      [1, '2 files'],
      [2, '1 file'],
      [3, '2 files'],
    ]);
  });
});
