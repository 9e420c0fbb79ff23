import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, essentials, LSP_FIXTURES, TestEditor, type CheckSummary } from './lspHarness';

// the undefined identifier is found statically (on every keystroke), the failure by running the check
const CHECK_DIAGNOSTICS = [
  { range: [5, 23, 5, 30], severity: 1, code: 'E200', message: 'Undefined identifier: nowhere' },
  { range: [4, 4, 4, 41], severity: 1, code: 'E800', message: "File 'missing.py' does not exist in folder 'src'" },
];

describe('lsp: diagnostics over stdio', function () {
  this.timeout(20000);
  let root: string;
  let editor: TestEditor;
  let file: string;

  before(async () => {
    root = copyFixture('checks');
    file = path.join(root, 'checks.hie');
    editor = await TestEditor.start(root);
  });
  after(async () => {
    await editor.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes check results of workspace files after initialize: a failing check on the check, an error on the argument at fault', async () => {
    const ds = await editor.waitForDiagnostics(file, (d) => d.length === 2);
    assert.deepEqual(ds.map(essentials), CHECK_DIAGNOSTICS);
    const summary = await editor.waitFor('summary', () => editor.summaries.at(-1));
    assert.deepEqual(summary, { passed: 2, failed: 1, errors: 1, total: 4, outdated: 0 });
  });

  it('reports $/progress while loading the workspace', async () => {
    await editor.waitFor('progress end', () => editor.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'));
    const kinds = editor.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.ok(kinds.includes('report'));
  });

  it('publishes a syntax error on every change, checks are not run while it lasts (their last results stay), and run again when it is fixed', async () => {
    editor.open(file);
    // `element app:` → `element app` (delete the colon)
    const version = editor.change(file, { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } }, '');
    const broken = await editor.waitForDiagnostics(file, (_d, v) => v === version);
    // the static finding is not shown while the file is broken: the run's result for that check is, kept
    assert.deepEqual(broken.map(essentials), [
      { range: [1, 11, 1, 12], severity: 1, code: 'E007', message: 'Expected Colon, found Newline' },
      CHECK_DIAGNOSTICS[1],
      CHECK_DIAGNOSTICS[0],
    ]);
    const fixed = editor.change(file, { start: { line: 1, character: 11 }, end: { line: 1, character: 11 } }, ':');
    await editor.waitFor('a run of the fixed text', () => editor.summaries.at(-1)?.outdated === 0);
    const again = await editor.waitForDiagnostics(file, (d, v) => v === fixed && d.length === 2);
    assert.deepEqual(again.map(essentials), CHECK_DIAGNOSTICS);
  });

  it('re-evaluates when a watched workspace file changes', async () => {
    const same = (a: CheckSummary | undefined, b: CheckSummary): boolean => JSON.stringify(a) === JSON.stringify(b);
    fs.writeFileSync(path.join(root, 'src', 'missing.py'), '# now it exists\n');
    editor.fileChanged(path.join(root, 'src', 'missing.py'), 1);
    const ds = await editor.waitForDiagnostics(file, (d) => d.length === 1);
    assert.deepEqual(ds.map(essentials), [CHECK_DIAGNOSTICS[0]]);
    await editor.waitFor('summary', () => same(editor.summaries.at(-1), { passed: 3, failed: 0, errors: 1, total: 4, outdated: 0 }));
    fs.rmSync(path.join(root, 'src', 'missing.py'));
    editor.fileChanged(path.join(root, 'src', 'missing.py'), 3);
    await editor.waitForDiagnostics(file, (d) => d.length === 2);
    await editor.waitFor('summary', () => same(editor.summaries.at(-1), { passed: 2, failed: 1, errors: 1, total: 4, outdated: 0 }));
  });

  it('re-evaluates only the affected elements when a file a scope covers changes', async () => {
    const main = path.join(root, 'src', 'main.py');
    const count = editor.summaries.length;
    fs.writeFileSync(main, 'def main():\n    return 1\n');
    editor.fileChanged(main, 2);
    await editor.waitFor('summary', () => editor.summaries.length > count);
    assert.deepEqual((editor.diagnosticsOf(file) ?? []).map(essentials), CHECK_DIAGNOSTICS);
  });

  it('runs the checks on hielements.runChecks and answers with the summary', async () => {
    const summary = await editor.request<CheckSummary>('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [] });
    assert.deepEqual(summary, { passed: 2, failed: 1, errors: 1, total: 4, outdated: 0 });
  });

  it('a burst of 500 edits ends with the diagnostics of a fresh open', async () => {
    const original = fs.readFileSync(file, 'utf8');
    let version = 0;
    // type a comment line character by character, and delete it again
    const line = '    # a comment typed one character at a time, then removed again by backspace....';
    const typed = line.slice(0, 250);
    editor.change(file, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, '\n');
    for (let i = 0; i < typed.length; i++) editor.change(file, { start: { line: 3, character: i }, end: { line: 3, character: i } }, typed[i]);
    for (let i = typed.length; i > 0; i--) editor.change(file, { start: { line: 3, character: i - 1 }, end: { line: 3, character: i } }, '');
    version = editor.change(file, { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, '');
    const afterBurst = await editor.waitForDiagnostics(file, (d, v) => v === version && d.length === 2);

    const fresh = await TestEditor.start(root);
    try {
      fresh.open(file, original);
      const freshDs = await fresh.waitForDiagnostics(file, (d) => d.length === 2);
      assert.deepEqual(afterBurst.map(essentials), freshDs.map(essentials));
      assert.deepEqual(afterBurst.map(essentials), CHECK_DIAGNOSTICS);
    } finally {
      await fresh.stop();
    }
  });
});

describe('lsp: hielements.toml diagnostics', function () {
  this.timeout(20000);
  let editor: TestEditor;
  const root = path.join(LSP_FIXTURES, 'config');
  const toml = path.join(root, 'hielements.toml');

  before(async () => (editor = await TestEditor.start(root)));
  after(() => editor.stop());

  it('publishes config errors and warnings on their exact TOML ranges', async () => {
    const ds = await editor.waitForDiagnostics(toml, (d) => d.length > 0);
    assert.deepEqual(ds.map(essentials), [
      { range: [2, 7, 2, 15], severity: 1, code: 'E520', message: 'Unknown library type \'remote\': expected "external" or "wasm"' },
      { range: [6, 0, 6, 6], severity: 2, code: 'W520', message: "Unknown key 'colour' in library 'tool' (ignored)" },
    ]);
  });

  it('validates the editor text of hielements.toml opened under any language id', async () => {
    const text = fs.readFileSync(toml, 'utf8');
    editor.open(toml, text, 'toml');
    const version = editor.change(toml, { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, '');
    const ds = await editor.waitForDiagnostics(toml, (_d, v) => v === version);
    assert.deepEqual(ds.map(essentials), [
      { range: [2, 7, 2, 15], severity: 1, code: 'E520', message: 'Unknown library type \'remote\': expected "external" or "wasm"' },
    ]);
  });
});
