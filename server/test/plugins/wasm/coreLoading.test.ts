import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadWasm, loadWasmLibrary, type WasmLibrary } from '../../../src/plugins/wasm';
import { capMemory, detectFormat } from '../../../src/plugins/wasm/wasmBinary';
import { useLazyWasmValidation } from '../../../src/plugins/wasm/engineFlags';
import { buildCoreFixture, ctx, Recorder, wasmConfig } from './kit';

describe('wasm core modules: loading, ABI and static findings', function () {
  let dir: string;
  let pure: string;
  let probe: string;
  const opened: WasmLibrary[] = [];

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-wasm-load-'));
    pure = await buildCoreFixture('pure.wat', dir);
    probe = await buildCoreFixture('probe.wat', dir);
  });
  after(async function () {
    await Promise.all(opened.map((l) => l.dispose()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function load(file: string, caps: Parameters<typeof wasmConfig>[2] = {}, name = 'pure') {
    const r = await loadWasm(wasmConfig(name, file, caps), new Recorder().options(dir));
    opened.push(r.library);
    return r;
  }

  it('calls (i64 return) and checks (multi-value return) a module without imports', async function () {
    const { library, findings } = await load(pure);
    assert.equal(library.name, 'pure');
    assert.equal(library.kind, 'wasm');
    assert.deepEqual(findings, []);
    assert.deepEqual(await library.call('answer', [], ctx(dir)), { type: 'int', value: 42 });
    assert.deepEqual(await library.call('echo', [{ type: 'string', value: 'hi you' }], ctx(dir)), { type: 'string', value: 'hi you' });
    assert.deepEqual(await library.check('pass', [], ctx(dir)), { status: 'pass' });
    assert.deepEqual(await library.check('else', [], ctx(dir)), { status: 'fail', message: 'nope' });
    const batch = await library.batch([
      { kind: 'call', fn: 'answer', args: [] },
      { kind: 'check', fn: 'pass', args: [] },
    ]);
    assert.deepEqual(batch, [{ type: 'int', value: 42 }, { status: 'pass' }]);
  });

  it('falls back to an empty doc without library_doc, and reads library_doc when present', async function () {
    const { library } = await load(pure);
    assert.deepEqual(await library.doc(), { name: 'pure', description: '', version: '', functions: [], checks: [] });
    const { library: p } = await load(probe, {}, 'probe');
    assert.deepEqual(await p.doc(), {
      name: 'probe',
      description: 'hostile test plugin',
      version: '0.0.1',
      functions: [{ name: 'read', description: '', parameters: [{ name: 'path', param_type: 'string', description: '' }], return_type: '', example: '' }],
      // named without a parameter list: the static checker will not count its arguments
      checks: [{ name: 'file', description: '', parameters: [], return_type: '', example: '', parametersKnown: false }],
    });
  });

  it('refuses an import outside the allow-list before instantiation, naming it', async function () {
    const bad = await buildCoreFixture('bad-import.wat', dir);
    await assert.rejects(loadWasmLibrary(wasmConfig('bad', bad), new Recorder().options(dir)), {
      message: `WASM library \`bad\` (${bad}): import \`env.system\` (function) is not allowed: a core module may import only \`wasi_snapshot_preview1\` functions and \`env.abort\``,
    });
  });

  it('refuses a module with a function body that does not validate, also once a component has turned on lazy validation', async function () {
    // (func (export "f") (result i32) f32.const 0): the body's type is wrong
    const file = path.join(dir, 'bad-body.wasm');
    fs.writeFileSync(file, Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 9, 1, 7, 0, 67, 0, 0, 0, 0, 11]));
    useLazyWasmValidation(); // process-wide, as after loading any component
    await assert.rejects(loadWasmLibrary(wasmConfig('badbody', file), new Recorder().options(dir)), {
      message: `WASM library \`badbody\` (${file}): invalid module: a function body is not valid WebAssembly`,
    });
  });

  it('refuses files that are not WebAssembly, and missing files', async function () {
    const junk = path.join(dir, 'junk.wasm');
    fs.writeFileSync(junk, 'not wasm at all');
    await assert.rejects(loadWasmLibrary(wasmConfig('junk', junk), new Recorder().options(dir)), { message: `WASM library \`junk\` (${junk}): not a WebAssembly file (bad magic number)` });
    await assert.rejects(loadWasmLibrary(wasmConfig('gone', path.join(dir, 'gone.wasm')), new Recorder().options(dir)), /WASM library `gone` .*cannot read the file: ENOENT/);
  });

  it('reports a missing fs capability when the module imports path_open', async function () {
    const { findings } = await load(probe, { fs: 'none' }, 'probe');
    assert.deepEqual(findings, [
      { library: 'probe', kind: 'missing', capability: 'fs', needed: 'read', message: 'library `probe` imports `path_open` but has no file access: grant `capabilities.fs = "read"`' },
    ]);
  });

  it('reports granted capabilities the module cannot use', async function () {
    const { findings } = await load(pure, { fs: 'read', env: ['CI'] });
    assert.deepEqual(findings, [
      { library: 'pure', kind: 'unused', capability: 'fs', needed: 'read', message: 'library `pure` cannot open files (it imports no filesystem functions): `capabilities.fs = "read"` is unused' },
      { library: 'pure', kind: 'unused', capability: 'env', needed: 'CI', message: 'library `pure` cannot read environment variables (it imports no environment functions): `CI` in `capabilities.env` is unused' },
    ]);
    const { findings: none } = await load(probe, { fs: 'read', env: ['CI'] }, 'probe');
    assert.deepEqual(none, []);
  });

  it('tells components from core modules by bytes 4–7', function () {
    assert.equal(detectFormat(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])), 'core');
    assert.equal(detectFormat(Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0])), 'component');
    assert.throws(() => detectFormat(Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])), { message: 'unsupported WebAssembly version/layer bytes 02 00 00 00' });
  });

  it('caps the memory maximum, and refuses an initial size above the cap', function () {
    // (module (memory 2)) and (module (memory 3 100))
    const noMax = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 2]);
    assert.deepEqual(Array.from(capMemory(noMax, 16).subarray(8)), [5, 4, 1, 1, 2, 16]);
    const bigMax = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 4, 1, 1, 3, 100]);
    assert.deepEqual(Array.from(capMemory(bigMax, 16).subarray(8)), [5, 4, 1, 1, 3, 16]);
    assert.throws(() => capMemory(bigMax, 2), { message: 'initial memory 0.1875 MiB exceeds limits.memory_mb 0.125' });
  });
});
