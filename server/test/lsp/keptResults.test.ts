import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { copyFixture, essentials, TestEditor, uriOf } from './lspHarness';

/**
 * Results that stay put (issue "editor experience"): the last check diagnostics of a file
 * survive edits, moved with the text; an edit inside a check drops that check's result only;
 * a syntax error elsewhere (also on save) keeps them; lenses and the status bar say the
 * totals are from before the edits. Checks run on save here, so no run interferes. (`nowhere`
 * is found by the static checker too: while that finding shows, it stands for the result.)
 */
const FAILED = { severity: 1, code: 'E800', message: "File 'missing.py' does not exist in folder 'src'" };
const ERRORED = { severity: 1, code: 'E200', message: 'Undefined identifier: nowhere' };

describe('lsp: check results stay put while editing', function () {
  this.timeout(30000);
  let root: string;
  let file: string;
  let editor: TestEditor;

  beforeEach(async () => {
    root = copyFixture('checks');
    file = path.join(root, 'checks.hie');
    editor = await TestEditor.start(root, { checks: { run: 'onSave', debounceMs: 0 } });
    await editor.waitFor('first run', () => editor.summaries.at(-1)?.total === 4);
    editor.open(file);
    await editor.waitForDiagnostics(file, (d, v) => v === 1 && d.length === 2);
  });
  afterEach(async () => {
    await editor.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** The title of the lens on `element app` (line 1). */
  const lensOfApp = async (): Promise<string> => {
    const lenses = await editor.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(file) } });
    return lenses.find((l) => l.range.start.line === 1)!.command!.title;
  };

  it('an edit elsewhere keeps the check diagnostics, moved with the text; lens and summary say they are from before the edit', async () => {
    const version = editor.change(file, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, '    # a new line above the checks\n');
    const ds = await editor.waitForDiagnostics(file, (_d, v) => v === version);
    assert.deepEqual(ds.map(essentials), [
      { range: [6, 23, 6, 30], ...ERRORED },
      { range: [5, 4, 5, 41], ...FAILED },
    ]);
    assert.equal(await lensOfApp(), '✓ 1 passed  ✗ 1 failed  ⚠ 1 error  (last run, before edits)');
    await editor.waitFor('outdated summary', () => editor.summaries.at(-1)?.outdated === 1);
    assert.deepEqual(editor.summaries.at(-1), { passed: 2, failed: 1, errors: 1, total: 4, outdated: 1 });

    // the next run replaces them
    editor.save(file);
    await editor.waitFor('current summary', () => editor.summaries.at(-1)?.outdated === 0);
    assert.deepEqual((editor.diagnosticsOf(file) ?? []).map(essentials), [
      { range: [6, 23, 6, 30], ...ERRORED },
      { range: [5, 4, 5, 41], ...FAILED },
    ]);
    assert.equal(await lensOfApp(), '✓ 1 passed  ✗ 1 failed  ⚠ 1 error');
  });

  it('an edit inside a check drops that check’s diagnostic only', async () => {
    // `'missing.py'` → `'missinG.py'` on line 4
    const version = editor.change(file, { start: { line: 4, character: 35 }, end: { line: 4, character: 36 } }, 'G');
    const ds = await editor.waitForDiagnostics(file, (_d, v) => v === version);
    assert.deepEqual(ds.map(essentials), [{ range: [5, 23, 5, 30], ...ERRORED }]);
    assert.equal(await lensOfApp(), '✓ 1 passed  ⚠ 1 error  (last run, before edits)');
    await editor.waitFor('summary without the dropped result', () => editor.summaries.at(-1)?.total === 3);
    assert.deepEqual(editor.summaries.at(-1), { passed: 2, failed: 0, errors: 1, total: 3, outdated: 1 });
  });

  it('a syntax error elsewhere in the file keeps them, also on save', async () => {
    // `element app:` → `element app` (delete the colon)
    const version = editor.change(file, { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } }, '');
    const broken = await editor.waitForDiagnostics(file, (_d, v) => v === version);
    assert.deepEqual(broken.map(essentials), [
      { range: [1, 11, 1, 12], severity: 1, code: 'E007', message: 'Expected Colon, found Newline' },
      { range: [4, 4, 4, 41], ...FAILED },
      { range: [5, 23, 5, 30], ...ERRORED },
    ]);
    const runs = editor.logs.length;
    editor.save(file);
    await editor.waitFor('the refused run', () => editor.logs.slice(runs).some((l) => l.includes('not run: the file has errors')));
    await editor.waitForDiagnostics(file, (d) => d.length === 3);
    assert.deepEqual((editor.diagnosticsOf(file) ?? []).map(essentials), broken.map(essentials));
    assert.deepEqual(editor.summaries.at(-1), { passed: 2, failed: 1, errors: 1, total: 4, outdated: 1 });

    // fixed and saved: a run replaces them
    editor.change(file, { start: { line: 1, character: 11 }, end: { line: 1, character: 11 } }, ':');
    editor.save(file);
    await editor.waitFor('current summary', () => editor.summaries.at(-1)?.outdated === 0);
    assert.deepEqual((editor.diagnosticsOf(file) ?? []).map(essentials), [
      { range: [5, 23, 5, 30], ...ERRORED },
      { range: [4, 4, 4, 41], ...FAILED },
    ]);
  });
});
