import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { essentials, TestEditor } from './lspHarness';

/** hielements.toml names a baseline: the failures it lists are information in the editor, as `run` does not fail on them. */
describe('lsp: a baseline named in hielements.toml', function () {
  this.timeout(30000);
  let root: string;
  let editor: TestEditor | undefined;
  const hie = () => path.join(root, 'arch.hie');

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-lsp-baseline-'));
    fs.writeFileSync(hie(), "import files\n\nelement app:\n    scope src = files.folder_selector('.')\n    check files.exists(src, 'old.md')\n    check files.exists(src, 'new.md')\n");
    fs.writeFileSync(path.join(root, 'hielements.toml'), 'baseline = "hielements-baseline.json"\n');
  });
  afterEach(async () => {
    await editor?.stop();
    editor = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('baselined failures are Information, others stay errors; editing the baseline file republishes', async () => {
    const baseline = path.join(root, 'hielements-baseline.json');
    fs.writeFileSync(baseline, JSON.stringify({ version: 1, failures: [{ file: 'arch.hie', element: 'app', check: "files.exists(src, 'old.md')" }] }));
    editor = await TestEditor.start(root, { checks: { run: 'onType', debounceMs: 20 } });
    const first = await editor.waitForDiagnostics(hie(), (d) => d.length === 2);
    assert.deepEqual(first.map(essentials), [
      { range: [4, 4, 4, 37], severity: 3, code: 'E800', message: "File 'old.md' does not exist in folder '.' (known failure, listed in the baseline hielements-baseline.json)" },
      { range: [5, 4, 5, 37], severity: 1, code: 'E800', message: "File 'new.md' does not exist in folder '.'" },
    ]);
    fs.writeFileSync(baseline, JSON.stringify({ version: 1, failures: [] }));
    editor.fileChanged(baseline, 2);
    const after = await editor.waitForDiagnostics(hie(), (d) => d.length === 2 && d.every((x) => x.severity === 1));
    assert.deepEqual(after.map((d) => d.message), ["File 'old.md' does not exist in folder '.'", "File 'new.md' does not exist in folder '.'"]);
  });

  it('a baseline file that cannot be read is a warning on the value in hielements.toml', async () => {
    editor = await TestEditor.start(root, { checks: { run: 'onType', debounceMs: 20 } });
    const toml = path.join(root, 'hielements.toml');
    editor.open(toml, fs.readFileSync(toml, 'utf8'), 'toml');
    const d = await editor.waitForDiagnostics(toml, (x) => x.length > 0);
    assert.deepEqual(d.map(essentials), [
      { range: [0, 11, 0, 37], severity: 2, code: 'W541', message: "baseline 'hielements-baseline.json' does not exist: no failure is treated as known" },
    ]);
  });
});
