import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { essentials, LSP_FIXTURES, REC_JS, TestEditor, uriOf, type CheckSummary } from './lspHarness';

/** Applies LSP edits (single-line-aware via offsets) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => starts[p.line] + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

describe('lsp: WASM capability diagnostics and quick-fixes', function () {
  this.timeout(30000);
  const root = path.join(LSP_FIXTURES, 'capability');
  const toml = path.join(root, 'hielements.toml');
  const hie = path.join(root, 'checks.hie');
  const tomlText = fs.readFileSync(toml, 'utf8');
  const granted = `${tomlText}capabilities = { fs = "read" }\n`;
  let editor: TestEditor;

  before(async () => (editor = await TestEditor.start(root)));
  after(() => editor.stop());

  it('warns on the entry of a plugin that needs a capability it is not granted', async () => {
    const ds = await editor.waitForDiagnostics(toml, (d) => d.length > 0);
    assert.deepEqual(ds.map(essentials), [
      { range: [1, 11, 1, 15], severity: 2, code: 'W530', message: 'library `size` imports `path_open` but has no file access: grant `capabilities.fs = "read"`' },
    ]);
  });

  it('offers the quick-fix in hielements.toml: the edit grants fs = "read" and keeps the rest of the file', async () => {
    editor.open(toml, tomlText, 'toml');
    const diagnostics = editor.diagnosticsOf(toml) ?? [];
    const actions = await editor.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(toml) },
      range: { start: { line: 1, character: 12 }, end: { line: 1, character: 12 } },
      context: { diagnostics },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Grant capabilities.fs = "read" to size']);
    const edits = actions[0].edit!.changes![uriOf(toml)];
    assert.equal(applyEdits(tomlText, edits), granted);
    editor.close(toml);
  });

  it('reports a run-time denial as one diagnostic on the check that caused it (denied, under which capability, the check\'s error), with the same quick-fix editing hielements.toml', async () => {
    const ds = await editor.waitForDiagnostics(hie, (d) => d.some((x) => x.code === 'E802'));
    assert.deepEqual(ds.map(essentials), [
      {
        range: [2, 10, 2, 34],
        severity: 1,
        code: 'E802',
        message: 'Access denied: library `size` may not read `src/main.rs` under capabilities.fs = "none": grant `capabilities.fs = "read"` in hielements.toml. The check errored (E605): cannot read src/main.rs',
      },
    ]);
    const actions = await editor.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(hie) },
      range: { start: { line: 2, character: 10 }, end: { line: 2, character: 10 } },
      context: { diagnostics: ds },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Grant capabilities.fs = "read" to size']);
    assert.equal(applyEdits(tomlText, actions[0].edit!.changes![uriOf(toml)]), granted);
  });
});

describe('lsp: a plugin that hangs or crashes mid-run', function () {
  this.timeout(30000);
  let dir: string;
  let editor: TestEditor;
  let hie: string;
  const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');

  /** A workspace whose `rec` plugin follows `script` (test-fixtures/plugins/rec.js). */
  async function start(script: unknown): Promise<void> {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-lsp-plugin-'));
    fs.writeFileSync(path.join(dir, 'script.json'), JSON.stringify(script));
    fs.writeFileSync(
      path.join(dir, 'hielements.toml'),
      `[libraries.rec]\nexecutable = ${JSON.stringify(process.execPath)}\nargs = ${JSON.stringify([REC_JS, path.join(dir, 'log.txt'), path.join(dir, 'script.json')])}\n`,
    );
    hie = path.join(dir, 'checks.hie');
    fs.writeFileSync(hie, "element app:\n    check rec.anything('x')\n    check files.exists(files.folder_selector('.'), 'checks.hie')\n");
    // short enough for the hang test, long enough for a (re)started plugin to boot on a loaded machine
    editor = await TestEditor.start(dir, { checks: { run: 'onSave' }, plugins: { timeoutMs: 1500 } });
  }
  afterEach(async () => {
    await editor.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a hanging plugin call times out into an error on its check, hovers are answered meanwhile, and the next run restarts it', async () => {
    await start({ steps: [{ hang: true }], otherwise: '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}' });
    editor.open(hie);
    const running = editor.request<CheckSummary>('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [uriOf(hie)] });
    let finished = false;
    void running.then(() => (finished = true));
    const hover = await editor.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(hie) }, position: { line: 2, character: 16 } });
    assert.equal(finished, false, 'the hover was answered only after the run');
    assert.ok(hoverText(hover).includes('files.exists(scope: Scope, filename: string) -> CheckResult'));
    assert.deepEqual(await running, { passed: 1, failed: 0, errors: 1, total: 2, outdated: 0 }, editor.logs.join('\n'));
    assert.deepEqual((editor.diagnosticsOf(hie) ?? []).map(essentials), [
      { range: [1, 10, 1, 27], severity: 1, code: 'E530', message: "Library 'rec' did not answer anything within 1500 ms" },
    ]);
    assert.deepEqual(await editor.request('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [uriOf(hie)] }), { passed: 2, failed: 0, errors: 0, total: 2, outdated: 0 });
    await editor.waitForDiagnostics(hie, (d) => d.length === 0);
  });

  it('a plugin that crashes mid-answer gives an error on its check; the server keeps serving and the plugin restarts', async () => {
    await start({ steps: [{ crash: '{"jsonrpc":"2.0","res' }], otherwise: '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}' });
    editor.open(hie);
    const first = await editor.request<CheckSummary>('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [uriOf(hie)] });
    assert.deepEqual(first, { passed: 1, failed: 0, errors: 1, total: 2, outdated: 0 });
    const [d] = (editor.diagnosticsOf(hie) ?? []).map(essentials);
    assert.deepEqual([d.range, d.severity, d.code], [[1, 10, 1, 27], 1, 'E506']);
    assert.match(d.message, /^Failed to parse response: /);
    assert.deepEqual(await editor.request('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [uriOf(hie)] }), { passed: 2, failed: 0, errors: 0, total: 2, outdated: 0 });
  });
});
