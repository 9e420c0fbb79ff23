import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { essentials, TestEditor, uriOf, type CheckSummary } from './lspHarness';

/** A check that fails in any workspace. */
const FAILING = (name: string): string => `element ${name}:\n    check files.exists(files.folder_selector('.'), 'missing-${name}.txt')\n`;

describe('lsp: which files are specs (hielements.toml specs/exclude, hielements.files.exclude, .gitignore)', function () {
  this.timeout(30000);
  let root: string;
  let editor: TestEditor;
  const file = (rel: string): string => path.join(root, rel);
  const published = (rel: string): boolean => editor.diagnostics.has(uriOf(file(rel)));
  const codes = (rel: string): (string | number | undefined)[] => (editor.diagnosticsOf(file(rel)) ?? []).map((d) => d.code);
  const lastSummary = (): CheckSummary | undefined => editor.summaries.at(-1);

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-lsp-specs-'));
    const files: Record<string, string> = {
      'hielements.toml': 'specs = ["main.hie", "architecture"]\nexclude = ["architecture/drafts"]\n',
      '.gitignore': 'generated/\n',
      'main.hie': FAILING('main'),
      'architecture/a.hie': FAILING('a'),
      'architecture/b.hie': FAILING('b'),
      'architecture/drafts/d.hie': FAILING('d'),
      'examples/e.hie': FAILING('e'),
      'generated/g.hie': FAILING('g'),
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(file(rel)), { recursive: true });
      fs.writeFileSync(file(rel), text);
    }
  });
  afterEach(async () => {
    await editor.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('Problems and the status bar cover the specs only; the setting, hielements.toml and .gitignore changes move files in and out', async () => {
    editor = await TestEditor.start(root, { checks: { run: 'onSave' }, files: { exclude: ['architecture/b.hie'] } });
    await editor.waitFor('two failing specs', () => lastSummary()?.failed === 2);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(lastSummary(), { passed: 0, failed: 2, errors: 0, total: 2, outdated: 0 });
    assert.deepEqual(codes('main.hie'), ['E800']);
    assert.deepEqual(codes('architecture/a.hie'), ['E800']);
    for (const rel of ['architecture/b.hie', 'architecture/drafts/d.hie', 'examples/e.hie', 'generated/g.hie']) assert.equal(published(rel), false, rel);

    // the setting drops main.hie: its Problems are cleared
    void editor.connection.sendNotification('workspace/didChangeConfiguration', { settings: { hielements: { files: { exclude: ['main.hie', 'architecture/b.hie'] } } } });
    await editor.waitForDiagnostics(file('main.hie'), (d) => d.length === 0);
    await editor.waitFor('one failing spec', () => lastSummary()?.total === 1 && lastSummary());

    // hielements.toml without specs/exclude: every .hie except the ignored and excluded ones
    fs.writeFileSync(file('hielements.toml'), '');
    editor.fileChanged(file('hielements.toml'), 2);
    await editor.waitForDiagnostics(file('examples/e.hie'), (d) => d.some((x) => x.code === 'E800'));
    await editor.waitForDiagnostics(file('architecture/drafts/d.hie'), (d) => d.some((x) => x.code === 'E800'));
    await editor.waitFor('three failing specs', () => lastSummary()?.failed === 3 && lastSummary());
    assert.equal(published('generated/g.hie'), false);

    // .gitignore no longer ignores generated/
    fs.writeFileSync(file('.gitignore'), '');
    editor.fileChanged(file('.gitignore'), 2);
    await editor.waitForDiagnostics(file('generated/g.hie'), (d) => d.some((x) => x.code === 'E800'));
    await editor.waitFor('four failing specs', () => lastSummary()?.failed === 4 && lastSummary());
  });

  it('an open file outside the set gets syntax and static diagnostics, no check results, and Run Checks says why', async () => {
    editor = await TestEditor.start(root, { checks: { run: 'onType', debounceMs: 20 } });
    await editor.waitFor('three failing specs', () => lastSummary()?.failed === 3);
    const example = file('examples/e.hie');
    editor.open(example, `import nolib\n${FAILING('e')}element broken\n    check nolib.x()\n`);
    const ds = await editor.waitForDiagnostics(example, (d) => d.length > 0);
    assert.deepEqual(ds.map(essentials), [
      { range: [3, 14, 3, 15], severity: 1, code: 'E007', message: 'Expected Colon, found Newline' },
      { range: [0, 7, 0, 12], severity: 2, code: 'W001', message: "Unknown library 'nolib' (will be resolved at runtime)" },
    ]);
    const summary = await editor.request<CheckSummary>('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [uriOf(example)] });
    assert.deepEqual(summary, { passed: 0, failed: 0, errors: 0, total: 0, outdated: 0 });
    await editor.waitFor('a message', () => editor.messages.length > 0);
    assert.deepEqual(editor.messages, [
      'Hielements: e.hie is not one of the project\'s specs (it matches none of hielements.toml\'s specs ("main.hie", "architecture")); its checks do not run.',
    ]);
    const all = await editor.request<CheckSummary>('workspace/executeCommand', { command: 'hielements.runChecks', arguments: [] });
    assert.deepEqual(all, { passed: 0, failed: 3, errors: 0, total: 3, outdated: 0 });
    assert.deepEqual(codes('examples/e.hie'), ['E007', 'W001']);
    editor.close(example);
    await editor.waitForDiagnostics(example, (d) => d.length === 0);
  });
});
