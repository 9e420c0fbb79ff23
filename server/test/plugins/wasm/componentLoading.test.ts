import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadWasm, type WasmLibrary } from '../../../src/plugins/wasm';
import { buildComponentFixture, buildComponentText, Recorder, wasmConfig } from './kit';

describe('wasm components: loading, import allow-list and static findings', function () {
  let dir: string;
  let cacheDir: string;
  let probe: string;
  const opened: WasmLibrary[] = [];

  before(async function () {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hie-wasm-comp-')));
    cacheDir = path.join(dir, 'cache');
    probe = await buildComponentFixture('probe.wat', dir);
  });
  after(async function () {
    await Promise.all(opened.map((l) => l.dispose()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const load = async (file: string, caps: Parameters<typeof wasmConfig>[2] = {}, name = 'probe') => {
    const r = await loadWasm(wasmConfig(name, file, caps), new Recorder().options(dir), { cacheDir });
    opened.push(r.library);
    return r;
  };

  it('runs a component of world `plugin` that imports nothing', async function () {
    const echo = await buildComponentFixture('echo.wat', dir, false);
    const { library, findings } = await load(echo, {}, 'echo');
    assert.deepEqual(findings, []);
    const c = { workspace: dir, index: {} as never };
    assert.deepEqual(await library.call('echo', [{ type: 'string', value: 'hello' }], c), { type: 'string', value: 'hello' });
    assert.deepEqual(await library.check('pass', [], c), { status: 'pass' });
    assert.deepEqual(await library.check('else', [], c), { status: 'fail', message: 'nope' });
    await assert.rejects(library.call('xfai', [], c), { code: 'E605', message: 'plugin failed on purpose' });
    assert.deepEqual(await library.doc(), { name: 'echo', description: 'echoes', version: '', functions: [], checks: [] });
    const { findings: unused } = await load(echo, { fs: 'read', env: ['HOME'] }, 'echo');
    assert.deepEqual(unused.map((f) => [f.kind, f.capability, f.needed]), [['unused', 'fs', 'read'], ['unused', 'env', 'HOME']]);
  });

  it('refuses socket imports at load, before instantiation', async function () {
    const file = await buildComponentText('sockets.wat', dir);
    await assert.rejects(load(file, {}, 'net'), {
      message: `WASM library \`net\` (${file}): import \`wasi:sockets/tcp-create-socket@0.2.3\` is not allowed: a component may import only WASI 0.2 cli, clocks, filesystem, io and random interfaces (never sockets or http)`,
    });
  });

  it('refuses http imports at load', async function () {
    const file = await buildComponentText('http.wat', dir);
    await assert.rejects(load(file, {}, 'web'), /import `wasi:http\/outgoing-handler@0\.2\.3` is not allowed/);
  });

  it('refuses a component that does not export the library interface', async function () {
    const file = await buildComponentText('empty.wat', dir);
    await assert.rejects(load(file, {}, 'empty'), { message: `WASM library \`empty\` (${file}): the component does not export \`hielements:plugin/library@0.1.0\`` });
  });

  it('caches the transpiled component by sha256, in instantiation mode (never the stock shim)', async function () {
    await load(probe);
    const entries = fs.readdirSync(cacheDir).filter((e) => /^[0-9a-f]{64}$/.test(e));
    const entry = entries.find((e) => fs.existsSync(path.join(cacheDir, e, 'plugin.js')) && fs.readFileSync(path.join(cacheDir, e, 'meta.json'), 'utf8').includes('filesystem'));
    assert.ok(entry, 'cache entry for the probe');
    const js = fs.readFileSync(path.join(cacheDir, entry, 'plugin.js'), 'utf8');
    assert.match(js, /export function instantiate\(getCoreModule, imports/);
    assert.doesNotMatch(js, /preview2-shim/);
    const before = fs.statSync(path.join(cacheDir, entry, 'meta.json')).mtimeMs;
    await load(probe);
    assert.equal(fs.statSync(path.join(cacheDir, entry, 'meta.json')).mtimeMs, before);
  });

  it('keeps the glue as a script with a V8 code cache, made after the first calls and used by the next worker', async function () {
    const echo = await buildComponentFixture('echo.wat', dir, false);
    const c = { workspace: dir, index: {} as never };
    const own = path.join(dir, 'glue-cache');
    const loadOwn = async () => {
      const r = await loadWasm(wasmConfig('echo', echo), new Recorder().options(dir), { cacheDir: own });
      opened.push(r.library);
      return r;
    };
    const first = await loadOwn();
    const [entry] = fs.readdirSync(own).filter((e) => /^[0-9a-f]{64}$/.test(e));
    assert.equal(JSON.parse(fs.readFileSync(path.join(own, entry, 'meta.json'), 'utf8')).script, true);
    const codeCache = path.join(own, entry, 'glue.cache');
    assert.equal(fs.existsSync(codeCache), false);
    assert.deepEqual(await first.library.call('echo', [{ type: 'string', value: 'one' }], c), { type: 'string', value: 'one' });
    await first.library.dispose(); // a fresh worker next time
    assert.ok(fs.statSync(codeCache).size > 0);
    assert.equal(fs.statSync(codeCache).mode & 0o077, 0);
    const made = fs.statSync(codeCache).mtimeMs;
    const second = await loadOwn();
    assert.deepEqual(await second.library.call('echo', [{ type: 'string', value: 'two' }], c), { type: 'string', value: 'two' });
    assert.equal(fs.statSync(codeCache).mtimeMs, made, 'accepted, so not written again');
  });

  it('refuses a transpile cache folder that others can write (its JS would run)', async function () {
    const shared = path.join(dir, 'shared-cache');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o777);
    await assert.rejects(loadWasm(wasmConfig('probe', probe), new Recorder().options(dir), { cacheDir: shared }), {
      message: `WASM library \`probe\` (${probe}): cannot transpile the component: unsafe component cache folder ${shared}: it must be a directory owned by this user and writable only by it`,
    });
  });

  it('reports a missing fs capability when the component imports wasi:filesystem', async function () {
    const { findings } = await load(probe, { fs: 'none' });
    assert.equal(findings.length, 1);
    assert.deepEqual({ ...findings[0], message: undefined }, { library: 'probe', kind: 'missing', capability: 'fs', needed: 'read', message: undefined });
    assert.match(findings[0].message, /^library `probe` imports `wasi:filesystem\/[a-z]+@0\.2\.\d+` but has no file access: grant `capabilities\.fs = "read"`$/);
  });

  it('reads its own name and doc through the WIT exports', async function () {
    const { library, findings } = await load(probe, { fs: 'read', env: ['CI'] });
    assert.deepEqual(findings, []);
    assert.equal(await library.pluginName(), 'probe');
    const doc = await library.doc();
    assert.equal(doc.description, 'hostile test plugin');
    assert.deepEqual(doc.checks.map((c) => c.name), ['file']);
  });
});
