import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { copyFixture, essentials, REC_JS, TestEditor, uriOf, type CheckSummary } from './lspHarness';

describe('lsp: workspace changes and settings', function () {
  this.timeout(20000);
  let root: string;
  let editor: TestEditor;
  let hie: string;

  beforeEach(() => {
    root = copyFixture('libraries');
    hie = path.join(root, 'uses-tool.hie');
  });
  afterEach(async () => {
    await editor.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('W001 knows the configured libraries: configuring `tool` in hielements.toml (a watched file) removes it, and checks then run', async () => {
    editor = await TestEditor.start(root, { checks: { run: 'onSave' } });
    const before = await editor.waitForDiagnostics(hie, (d) => d.some((x) => x.code === 'E203'));
    assert.deepEqual(before.map(essentials), [
      { range: [0, 7, 0, 11], severity: 2, code: 'W001', message: "Unknown library 'tool' (will be resolved at runtime)" },
      { range: [3, 10, 3, 14], severity: 1, code: 'E203', message: "Unknown library: tool ('tool' is imported, but it is neither built in nor configured in hielements.toml)" },
    ]);
    const toml = path.join(root, 'hielements.toml');
    fs.writeFileSync(toml, `[libraries.tool]\nexecutable = ${JSON.stringify(process.execPath)}\nargs = ${JSON.stringify([REC_JS, path.join(root, 'log.txt')])}\n`);
    editor.fileChanged(toml, 1);
    await editor.waitForDiagnostics(hie, (d) => d.length === 0);
    await editor.waitFor('a passing run', () => editor.summaries.find((s) => s.passed === 1));
    assert.deepEqual(editor.diagnosticsOf(toml), []);
  });

  it('with checks.run = "never" nothing is evaluated until hielements.runChecks, and settings changes are applied', async () => {
    fs.writeFileSync(path.join(root, 'uses-tool.hie'), "element app:\n    check files.exists(files.folder_selector('.'), 'nope.txt')\n");
    editor = await TestEditor.start(root, { checks: { run: 'never' } });
    editor.open(hie);
    await editor.waitForDiagnostics(hie, () => true);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(editor.summaries, []);
    assert.deepEqual(editor.diagnosticsOf(hie), []);
    const summary = await editor.request<CheckSummary>('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [] });
    assert.deepEqual(summary, { passed: 0, failed: 1, errors: 0, total: 1, outdated: 0 });
    assert.deepEqual((editor.diagnosticsOf(hie) ?? []).map((d) => d.code), ['E800']);

    // switch to onType through didChangeConfiguration: an edit now re-runs the checks
    void editor.connection.sendNotification('workspace/didChangeConfiguration', { settings: { hielements: { checks: { run: 'onType', debounceMs: 20 } } } });
    const count = editor.summaries.length;
    const v = editor.change(hie, { start: { line: 1, character: 52 }, end: { line: 1, character: 60 } }, 'uses-tool.hie');
    // the edit inside the check drops its result at once (summary: nothing left, outdated); the run brings it back
    await editor.waitFor('a run after the edit', () => editor.summaries.length > count && editor.summaries.at(-1)?.outdated === 0);
    assert.deepEqual(editor.summaries.at(-1), { passed: 1, failed: 0, errors: 0, total: 1, outdated: 0 });
    await editor.waitForDiagnostics(hie, (d, version) => version === v && d.length === 0);
  });

  it('workspace folders added later are scanned and checked; removed ones are forgotten', async () => {
    editor = await TestEditor.start(root, { checks: { run: 'onType', debounceMs: 20 } });
    await editor.waitForDiagnostics(hie, () => true);
    const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-folder-'));
    try {
      const broken = path.join(extra, 'added.hie');
      fs.writeFileSync(broken, "element a\n    scope x = files.folder_selector('x')\n");
      void editor.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: uriOf(extra), name: 'extra' }], removed: [] },
      });
      const added = await editor.waitForDiagnostics(broken, (d) => d.length > 0);
      assert.deepEqual(added.map(essentials), [{ range: [0, 9, 0, 10], severity: 1, code: 'E007', message: 'Expected Colon, found Newline' }]);
      void editor.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [], removed: [{ uri: uriOf(extra), name: 'extra' }] },
      });
      await editor.waitForDiagnostics(broken, (d) => d.length === 0);
    } finally {
      fs.rmSync(extra, { recursive: true, force: true });
    }
  });

  it('with checks.patterns the checks of implemented patterns run per implementing element, reported on the pattern check', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-patterns-'));
    try {
      fs.mkdirSync(path.join(ws, 'docs'));
      fs.writeFileSync(path.join(ws, 'docs', 'index.md'), '# docs');
      fs.mkdirSync(path.join(ws, 'src'));
      const spec = path.join(ws, 'arch.hie');
      fs.writeFileSync(
        spec,
        "pattern documented:\n    scope docs\n    check files.exists(docs, 'index.md')\n" +
          "element good implements documented:\n    scope d binds documented.docs = files.folder_selector('docs')\n" +
          "element bad implements documented:\n    scope d binds documented.docs = files.folder_selector('src')\n",
      );
      editor = await TestEditor.start(ws, { checks: { run: 'onType', debounceMs: 20, patterns: true } });
      const diagnostics = await editor.waitForDiagnostics(spec, (d) => d.some((x) => x.code === 'E800'));
      assert.deepEqual(diagnostics.map(essentials), [
        { range: [6, 36, 6, 64], severity: 2, code: 'W533', message: "Scope `bad.d` matched no files: `files.folder_selector('src')` selects nothing (checks on it see an empty scope)" },
        { range: [2, 4, 2, 40], severity: 1, code: 'E800', message: "bad#documented: File 'index.md' does not exist in folder 'src'" },
      ]);
      await editor.waitFor('the summary', () => editor.summaries.find((s) => s.total === 2));
      assert.deepEqual(editor.summaries.at(-1), { passed: 1, failed: 1, errors: 0, total: 2, outdated: 0 });
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
