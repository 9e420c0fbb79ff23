import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from '../helpers/paths';
import { essentials, TestEditor, uriOf, type CheckSummary } from './lspHarness';

const SIZE_WASM = path.join(REPO_ROOT, 'plugins', 'examples', 'as-size', 'size.wasm');

const SPEC = `import files

element demo:
    scope root = files.folder_selector('.')
    check files.exist(root, 'a.hie')
    check files.exists(rot, 'a.hie')
    check size.max_line(root, 100)
`;

/**
 * The static checker in the editor: findings on every keystroke (no check runs), "did you mean"
 * quick-fixes that replace the name, and checks whose failure it predicted reported once.
 */
describe('lsp: static findings and did-you-mean quick-fixes', function () {
  this.timeout(30000);
  let dir: string;
  let spec: string;
  let editor: TestEditor;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-lsp-static-'));
    spec = path.join(dir, 'spec.hie');
    fs.writeFileSync(spec, SPEC);
    fs.writeFileSync(path.join(dir, 'a.hie'), 'element a:\n    # nothing\n');
    // the documented WASM example plugin: its catalogue comes from its `library_doc` export
    fs.writeFileSync(path.join(dir, 'hielements.toml'), `[libraries.size]\npath = ${JSON.stringify(SIZE_WASM)}\ncapabilities = { fs = "read" }\n`);
  });
  afterEach(async () => {
    await editor.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Asks for the quick-fixes at a diagnostic and applies the only one; returns its title and the new version. */
  async function applyFix(d: Diagnostic): Promise<{ title: string; version: number }> {
    const actions = await editor.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uriOf(spec) }, range: d.range, context: { diagnostics: [d] } });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const [action] = actions;
    assert.deepEqual(action.diagnostics?.map((x) => x.code), [d.code]);
    const [edit] = action.edit!.changes![uriOf(spec)];
    return { title: action.title, version: editor.change(spec, edit.range, edit.newText) };
  }

  it('shows the mistakes as you type, each with a quick-fix; applied, the document checks clean, and the run passes', async () => {
    editor = await TestEditor.start(dir, { checks: { run: 'never' } });
    editor.open(spec);
    const ds = await editor.waitForDiagnostics(spec, (d) => d.length === 3);
    assert.deepEqual(ds.map(essentials), [
      { range: [4, 16, 4, 21], severity: 1, code: 'E199', message: "Unknown check function: files.exist (did you mean 'files.exists'?)" },
      { range: [5, 23, 5, 26], severity: 1, code: 'E200', message: "Undefined identifier: rot (did you mean 'root'?)" },
      { range: [6, 15, 6, 23], severity: 2, code: 'W111', message: "Library 'size' documents no check named 'max_line' (did you mean 'size.max_lines'?)" },
    ]);
    assert.deepEqual(editor.summaries, [], 'no check ran');

    const titles: string[] = [];
    let version = 1;
    for (const code of ['E199', 'E200', 'W111']) {
      const d = editor.diagnosticsOf(spec)!.find((x) => x.code === code)!;
      const fix = await applyFix(d);
      titles.push(fix.title);
      version = fix.version;
      await editor.waitForDiagnostics(spec, (_d, v) => v === version);
    }
    assert.deepEqual(titles, ["Change 'exist' to 'exists'", "Change 'rot' to 'root'", "Change 'max_line' to 'max_lines'"]);
    assert.deepEqual(editor.diagnosticsOf(spec), []);

    const summary = await editor.request<CheckSummary>('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [uriOf(spec)] });
    assert.deepEqual(summary, { passed: 3, failed: 0, errors: 0, total: 3, outdated: 0 });
    assert.deepEqual(editor.diagnosticsOf(spec), []);
  });

  it('a keystroke that makes a mistake shows it at once, without running anything', async () => {
    editor = await TestEditor.start(dir, { checks: { run: 'never' } });
    editor.open(spec, 'element demo:\n    scope root = files.folder_selector(\'.\')\n    check files.exists(root, \'a.hie\')\n');
    await editor.waitForDiagnostics(spec, (d, v) => v === 1 && d.length === 0);
    const version = editor.change(spec, { start: { line: 2, character: 22 }, end: { line: 2, character: 22 } }, 's');
    // (a first publication may come before the project's libraries are loaded: nothing is then known about `files`)
    const ds = await editor.waitForDiagnostics(spec, (d, v) => v === version && d.length > 0);
    assert.deepEqual(ds.map(essentials), [{ range: [2, 16, 2, 23], severity: 1, code: 'E199', message: "Unknown check function: files.existss (did you mean 'files.exists'?)" }]);
    assert.deepEqual(editor.summaries, []);
  });

  it('a run reports a predicted failure once (as the static error), and still runs the other checks', async () => {
    editor = await TestEditor.start(dir, { checks: { run: 'onSave' } });
    editor.open(spec, "element demo:\n    scope root = files.folder_selector('.')\n    check files.exist(root, 'a.hie')\n    check files.exists(root, 'nope')\n");
    const summary = await editor.request<CheckSummary>('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [uriOf(spec)] });
    assert.deepEqual(summary, { passed: 0, failed: 1, errors: 1, total: 2, outdated: 0 });
    assert.deepEqual((editor.diagnosticsOf(spec) ?? []).map(essentials), [
      { range: [2, 16, 2, 21], severity: 1, code: 'E199', message: "Unknown check function: files.exist (did you mean 'files.exists'?)" },
      { range: [3, 4, 3, 36], severity: 1, code: 'E800', message: "File 'nope' does not exist in folder '.'" },
    ]);
  });
});
