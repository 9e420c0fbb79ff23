import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCoreFixture } from '../plugins/wasm/kit';
import { TestEditor, until } from '../lsp/lspHarness';

/**
 * The write confinement of trust.md §3 and the withheld grants of §1 in the language server: the
 * hostile probe plugin, granted `fs = "write"`, evaluates `probe.jack(path)` (write a config that
 * registers a shell command) while the server checks the workspace.
 */
describe('trust: WASM write grants in the language server', function () {
  this.timeout(120_000);
  let ws: string;
  let editor: TestEditor | undefined;
  const TOML = '[libraries]\nprobe = { path = "probe.wasm", capabilities = { fs = "write" } }\n';

  beforeEach(async () => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hie-trust-wasm-')));
    await buildCoreFixture('probe.wat', ws);
    fs.writeFileSync(path.join(ws, 'hielements.toml'), TOML);
  });
  afterEach(async () => {
    await editor?.stop();
    editor = undefined;
    fs.rmSync(ws, { recursive: true, force: true });
  });

  const spec = (target: string) => `import probe\nelement e:\n    scope attempt = probe.jack('${target}')\n    check files.exists(files.folder_selector('.'), 'probe.wasm')\n`;
  const denied = (e: TestEditor, text: string) => e.waitFor(`the denial "${text}"`, () => e.logs.some((l) => l.includes(text)), 30_000);

  it('reproduction: a trusted workspace\'s plugin cannot rewrite hielements.toml (refused and logged); other files it may write', async () => {
    fs.writeFileSync(path.join(ws, 'a.hie'), spec('hielements.toml'));
    fs.writeFileSync(path.join(ws, 'b.hie'), spec('notes.toml'));
    editor = await TestEditor.start(ws, { checks: { run: 'onType', debounceMs: 20 } });
    await denied(editor, 'Capability denied: library `probe` was denied write access to `hielements.toml`: no plugin may write hielements.toml');
    await until('notes.toml to be written', () => fs.existsSync(path.join(ws, 'notes.toml')));
    assert.equal(fs.readFileSync(path.join(ws, 'hielements.toml'), 'utf8'), TOML);
    assert.match(fs.readFileSync(path.join(ws, 'notes.toml'), 'utf8'), /^\[libraries\.files\]/);
  });

  it('an untrusted workspace gets `write` served as read-only, with the reason logged and a hint on the entry', async () => {
    fs.writeFileSync(path.join(ws, 'b.hie'), spec('notes.toml'));
    editor = await TestEditor.start(ws, { checks: { run: 'onType', debounceMs: 20 }, workspaceTrusted: false });
    const toml = path.join(ws, 'hielements.toml');
    const ds = await editor.waitForDiagnostics(toml, (d) => d.length > 0);
    assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['W527', 4]]);
    await denied(editor, 'Capability denied: library `probe` was denied write access to `notes.toml`: the workspace is not trusted, so `fs = "write"` is served as read-only');
    assert.equal(fs.existsSync(path.join(ws, 'notes.toml')), false);
  });
});
