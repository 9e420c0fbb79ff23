import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Value } from '../../../src/eval/values';
import { loadWasm, type WasmLibrary } from '../../../src/plugins/wasm';
import { editsForFinding } from '../../../src/plugins/config';
import type { Capabilities, WasmLoadOptions } from '../../../src/plugins/types';
import { buildComponentFixture, buildCoreFixture, ctx, makeHostileWorkspace, Recorder, wasmConfig, type HostileWorkspace } from './kit';

/**
 * trust.md §3 against the hostile probe plugin (test-fixtures/wasm/core/probe.wat), as a core
 * module and as a component: `fs = "write"` never writes the host's configuration or spec, never
 * writes through a hard link, and a refusal outside the workspace never suggests a grant.
 */

const S = (value: string): Value => ({ type: 'string', value });
const I = (value: number): Value => ({ type: 'int', value });
const PROTECTED = 'no plugin may write hielements.toml, .hie files, .git/ or the files hielements.toml names';

const FORMATS = [
  { format: 'core' as const, refused: 76 },
  { format: 'component' as const, refused: 63 },
];

for (const { format, refused } of FORMATS) describe(`wasm ${format}: write confinement (trust.md §3)`, function () {
  let hw: HostileWorkspace;
  let probe: string;
  const opened: WasmLibrary[] = [];
  const CONFIG = '[libraries]\nprobe = { path = "probe.wasm", capabilities = { fs = "write" } }\n';

  async function open(caps: Partial<Capabilities>, extra: Partial<WasmLoadOptions> = {}) {
    const rec = new Recorder();
    const options = { ...rec.options(hw.ws), protectedFiles: [path.join(hw.ws, 'tools', 'plugin.js'), path.join(hw.ws, 'plugins', 'gone.wasm')], ...extra };
    const { library } = await loadWasm(wasmConfig('probe', probe, caps), options, { cacheDir: path.join(hw.base, 'jco-cache') });
    opened.push(library);
    const call = (fn: string, arg?: string) => library.call(fn, arg === undefined ? [] : [S(arg)], ctx(hw.ws));
    return { library, rec, call };
  }

  const read = (rel: string) => fs.readFileSync(path.join(hw.ws, rel), 'utf8');
  let writer: Awaited<ReturnType<typeof open>>;

  before(async function () {
    hw = makeHostileWorkspace();
    probe = format === 'core' ? await buildCoreFixture('probe.wat', hw.base) : await buildComponentFixture('probe.wat', hw.base);
    const files: Record<string, string> = {
      'hielements.toml': CONFIG,
      'nested/hielements.toml': CONFIG,
      'arch.hie': 'element app:\n',
      'specs/more.hie': 'element more:\n',
      '.git/config': '[core]\n',
      'sub/.git': 'gitdir: ../.git/modules/sub\n',
      'tools/plugin.js': '// run by an external plugin entry\n',
      'plain.txt': 'plain',
      'renamed.txt': 'to be renamed',
      'inside-a.txt': 'shared',
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(hw.ws, rel)), { recursive: true });
      fs.writeFileSync(path.join(hw.ws, rel), text);
    }
    fs.mkdirSync(path.join(hw.ws, '.git', 'hooks'));
    fs.symlinkSync('hielements.toml', path.join(hw.ws, 'to-config'));
    fs.symlinkSync('.git', path.join(hw.ws, 'gitdir'));
    fs.linkSync(path.join(hw.outside, 'secret.txt'), path.join(hw.ws, 'hl.txt'));
    fs.linkSync(path.join(hw.ws, 'inside-a.txt'), path.join(hw.ws, 'inside-b.txt'));
    writer = await open({ fs: 'write' });
  });

  after(async function () {
    await Promise.all(opened.map((l) => l.dispose()));
    fs.rmSync(hw.base, { recursive: true, force: true });
  });

  it('never writes hielements.toml, a .hie file or anything under .git, however spelled', async function () {
    writer.rec.denied = [];
    for (const target of ['hielements.toml', 'nested/hielements.toml', 'HIELEMENTS.TOML', 'hielements.toml.', 'sub/../hielements.toml', 'arch.hie', 'new.hie', 'specs/Other.HIE', '.git/config', '.git/hooks/pre-commit', '.GIT/hooks/post-merge', 'sub/.git', 'deep/.git/config']) {
      assert.deepEqual(await writer.call('make', target), I(refused), `make ${target}`);
    }
    assert.deepEqual(await writer.call('trun', 'hielements.toml'), I(refused));
    assert.deepEqual(await writer.call('trun', 'arch.hie'), I(refused));
    assert.equal(read('hielements.toml'), CONFIG);
    assert.equal(read('nested/hielements.toml'), CONFIG);
    assert.equal(read('arch.hie'), 'element app:\n');
    assert.equal(read('.git/config'), '[core]\n');
    assert.equal(read('sub/.git'), 'gitdir: ../.git/modules/sub\n');
    for (const gone of ['HIELEMENTS.TOML', 'new.hie', 'specs/Other.HIE', '.git/hooks/pre-commit', 'deep']) assert.equal(fs.existsSync(path.join(hw.ws, gone)), false, gone);
    assert.equal(writer.rec.denied[0].message, `library \`probe\` was denied write access to \`hielements.toml\`: ${PROTECTED}`);
    assert.equal(writer.rec.denied[0].needed, undefined, 'no grant would allow it');
    assert.deepEqual(editsForFinding(CONFIG, writer.rec.denied[0]), [], 'so there is no quick-fix');
  });

  it('never writes the files hielements.toml names (an external plugin\'s script, a plugin module, even before it exists)', async function () {
    assert.deepEqual(await writer.call('make', 'tools/plugin.js'), I(refused));
    assert.deepEqual(await writer.call('make', 'plugins/gone.wasm'), I(refused));
    assert.equal(read('tools/plugin.js'), '// run by an external plugin entry\n');
    assert.equal(fs.existsSync(path.join(hw.ws, 'plugins')), false);
  });

  it('never writes the user\'s Hielements configuration (trust answers) when the workspace contains it', async function () {
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = path.join(hw.ws, 'home-config'); // read by the host when it loads the plugin
    try {
      const home = await open({ fs: 'write' });
      assert.deepEqual(await home.call('dirm', 'home-config/hielements'), I(refused));
      fs.mkdirSync(path.join(hw.ws, 'home-config', 'hielements'), { recursive: true });
      assert.deepEqual(await home.call('make', 'home-config/hielements/trust.json'), I(refused));
      assert.deepEqual(await home.call('make', 'home-config/hielements/config.toml'), I(refused));
      assert.deepEqual(await home.call('name', 'home-config'), I(refused), 'moving the folder that holds it');
      assert.deepEqual(fs.readdirSync(path.join(hw.ws, 'home-config', 'hielements')), []);
      assert.deepEqual(await home.call('make', 'home-config/other.txt'), I(0));
    } finally {
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
    }
  });

  it('never reaches them through a symlink inside the workspace', async function () {
    assert.deepEqual(await writer.call('make', 'to-config'), I(refused));
    assert.deepEqual(await writer.call('make', 'gitdir/hooks/post-checkout'), I(refused));
    assert.equal(read('hielements.toml'), CONFIG);
    assert.equal(fs.existsSync(path.join(hw.ws, '.git', 'hooks', 'post-checkout')), false);
  });

  it('never removes, renames or creates them: unlink, rename from or to, mkdir, moving a folder that holds one', async function () {
    assert.deepEqual(await writer.call('unlk', 'hielements.toml'), I(refused));
    assert.deepEqual(await writer.call('unlk', 'arch.hie'), I(refused));
    assert.deepEqual(await writer.call('name', 'hielements.toml'), I(refused));
    assert.deepEqual(await writer.call('into', 'hielements.toml'), I(refused));
    assert.deepEqual(await writer.call('into', 'evil.hie'), I(refused));
    assert.deepEqual(await writer.call('dirm', 'x/.git'), I(refused));
    assert.deepEqual(await writer.call('name', 'specs'), I(refused), 'a folder holding a .hie file');
    assert.deepEqual(await writer.call('name', 'tools'), I(refused), 'a folder holding a file hielements.toml names');
    assert.equal(read('hielements.toml'), CONFIG);
    assert.equal(read('specs/more.hie'), 'element more:\n');
    assert.equal(read('renamed.txt'), 'to be renamed');
    assert.equal(fs.existsSync(path.join(hw.ws, 'evil.hie')), false);
  });

  it('reproduction: a plugin granted write cannot register a command by rewriting hielements.toml', async function () {
    assert.deepEqual(await writer.call('jack', 'hielements.toml'), I(refused));
    assert.deepEqual(await writer.call('jack', 'nested/hielements.toml'), I(refused));
    assert.equal(read('hielements.toml'), CONFIG);
    // the same bytes anywhere else are just a file
    assert.deepEqual(await writer.call('jack', 'notes.toml'), I(0));
    assert.match(read('notes.toml'), /^\[libraries\.files\]\nexecutable = "sh"/);
  });

  it('reproduction: never writes through a hard link to a file outside the workspace (nor truncates it)', async function () {
    writer.rec.denied = [];
    assert.deepEqual(await writer.call('make', 'hl.txt'), I(refused));
    assert.deepEqual(await writer.call('trun', 'hl.txt'), I(refused));
    assert.equal(fs.readFileSync(path.join(hw.outside, 'secret.txt'), 'utf8'), 'TOP-SECRET');
    assert.equal(writer.rec.denied[0].message, 'library `probe` was denied write access to `hl.txt`: the file has another hard link, which may lead outside the workspace');
    // any file with a second link is refused: its other name cannot be checked
    assert.deepEqual(await writer.call('make', 'inside-a.txt'), I(refused));
    assert.equal(read('inside-b.txt'), 'shared');
    // a file with one link is written as before
    assert.deepEqual(await writer.call('make', 'plain.txt'), I(0));
    assert.equal(read('plain.txt'), 'written by plugin');
  });

  it('refuses a path outside the workspace as outside, never with a hint to grant more', async function () {
    for (const caps of [{ fs: 'none' as const }, { fs: 'read' as const }]) {
      const plugin = await open(caps);
      assert.deepEqual(await plugin.call('read', '/etc/hostname'), I(refused));
      assert.deepEqual(await plugin.call('read', '../outside/secret.txt'), I(refused));
      assert.deepEqual(plugin.rec.denied.map((d) => [d.message, d.needed]), [
        ['library `probe` was denied read access to `/etc/hostname`: it is outside the workspace', undefined],
        ['library `probe` was denied read access to `../outside/secret.txt`: it is outside the workspace', undefined],
      ]);
      assert.deepEqual(editsForFinding(CONFIG, plugin.rec.denied[0]), []);
    }
  });

  it('in an untrusted workspace, a granted write is served read-only and the refusal says why', async function () {
    const withheld = await open({ fs: 'read' }, { writeWithheld: true });
    assert.deepEqual(await withheld.call('make', 'plain2.txt'), I(69)); // EROFS, as for fs = "read"
    assert.equal(fs.existsSync(path.join(hw.ws, 'plain2.txt')), false);
    assert.deepEqual(withheld.rec.denied.map((d) => [d.message, d.needed]), [
      ['library `probe` was denied write access to `plain2.txt`: the workspace is not trusted, so `fs = "write"` is served as read-only', undefined],
    ]);
  });
});
