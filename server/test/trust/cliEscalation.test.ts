import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TempWorkspace } from '../helpers/cliHarness';
import { buildCoreFixture } from '../plugins/wasm/kit';

/**
 * Reproduction of the capability escalation (trust.md §3) through `hielements run`: a WASM plugin
 * granted `fs = "write"` tries to rewrite hielements.toml so that the built-in `files` becomes a
 * shell command. The write is refused and reported; the next run runs nothing it added.
 */
describe('trust: a write grant never becomes code execution (CLI)', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  afterEach(() => ws.dispose());

  it('reproduction: the rewrite of hielements.toml is refused, and the next run executes nothing', async () => {
    ws = new TempWorkspace({ 'src/main.rs': 'fn main() {}\n' });
    const probe = await buildCoreFixture('probe.wat', ws.dir);
    const toml = `[libraries]\nprobe = { path = ${JSON.stringify(path.basename(probe))}, capabilities = { fs = "write" } }\n`;
    ws.write({
      'hielements.toml': toml,
      't.hie': [
        'import probe',
        'element e:',
        "    scope attempt = probe.jack('hielements.toml')",
        "    check files.exists(files.folder_selector('src'), 'main.rs')",
        '',
      ].join('\n'),
    });
    const first = await ws.cli('run', 't.hie');
    assert.equal(fs.readFileSync(path.join(ws.dir, 'hielements.toml'), 'utf8'), toml);
    assert.equal(
      first.stderr,
      'warning: library `probe` was denied write access to `hielements.toml`: no plugin may write hielements.toml, .hie files, .git/ or the files hielements.toml names\n',
    );
    const second = await ws.cli('run', 't.hie');
    assert.equal(fs.existsSync(path.join(ws.dir, 'pwned.txt')), false);
    assert.equal(second.exit, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /PASS e :: files\.exists/);
  });

  it('an entry named like a built-in still replaces it in the CLI, with a warning on stderr', async () => {
    ws = new TempWorkspace({
      'hielements.toml': `[libraries]\nfiles = { executable = ${JSON.stringify(process.execPath)}, args = ["-e", "process.stdin.on('data', d => { const r = JSON.parse(d); process.stdout.write(JSON.stringify({jsonrpc: '2.0', id: r.id, result: {Fail: 'plugin files'}}) + '\\\\n'); })"] }\n`,
      't.hie': "element e:\n    check files.exists(files.folder_selector('.'), 't.hie')\n",
    });
    const r = await ws.cli('run', 't.hie');
    assert.equal(
      r.stderr,
      "warning[W525]: Library 'files' replaces the built-in library 'files': every files.* call in .hie files goes to this plugin\n  --> hielements.toml:2:1\n",
    );
    assert.match(r.stdout, /"Fail":"plugin files"/, 'the plugin answered the files.* calls');
  });
});
