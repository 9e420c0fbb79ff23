import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWasm, type WasmLibrary } from '../../../src/plugins/wasm';
import { ctx, makeHostileWorkspace, Recorder, repoRoot, wasmConfig, type HostileWorkspace } from './kit';

/**
 * The JavaScript example (plugins/examples/js-deps, built with `jco componentize`, committed):
 * a real StarlingMonkey component reading manifests through our wasi:filesystem.
 */
describe('wasm components: the JS example plugin `deps`', function () {
  this.timeout(60_000);
  const wasm = path.join(repoRoot(), 'plugins', 'examples', 'js-deps', 'deps.wasm');
  let hw: HostileWorkspace;
  const opened: WasmLibrary[] = [];
  const S = (value: string) => [{ type: 'string' as const, value }];

  before(function () {
    hw = makeHostileWorkspace();
    fs.writeFileSync(path.join(hw.ws, 'Cargo.toml'), '[package]\nname = "demo"\n\n[dependencies]\nserde = "1"\ntokio = { version = "1" }\n\n[dev-dependencies.proptest]\nversion = "1"\n');
  });
  after(async function () {
    await Promise.all(opened.map((l) => l.dispose()));
    fs.rmSync(hw.base, { recursive: true, force: true });
  });

  async function open(fsCap: 'read' | 'none') {
    const rec = new Recorder();
    const r = await loadWasm(wasmConfig('deps', wasm, { fs: fsCap }), rec.options(hw.ws));
    opened.push(r.library);
    return { ...r, rec };
  }

  it('with fs = "read": forbids/requires read package.json and Cargo.toml', async function () {
    const { library, findings, rec } = await open('read');
    assert.deepEqual(findings, []);
    const c = ctx(hw.ws, "check deps.forbids('lodash')");
    assert.deepEqual(await library.check('forbids', S('lodash'), c), { status: 'fail', message: '`lodash` is a dependency in package.json' });
    assert.deepEqual(await library.check('forbids', S('left-pad'), c), { status: 'pass' });
    assert.deepEqual(await library.check('requires', S('proptest'), c), { status: 'pass' });
    assert.deepEqual(await library.call('list', [], c), { type: 'list', items: ['lodash', 'serde', 'tokio', 'proptest'].map((value) => ({ type: 'string', value })) });
    await assert.rejects(library.call('nope', [], c), { code: 'E605', message: 'Unknown function: nope' });
    assert.deepEqual((await library.doc()).checks.map((x) => x.name), ['forbids', 'requires']);
    assert.deepEqual(rec.denied, []);
  });

  it('with fs = "none": the static finding asks for read, and each refused open is reported on the check', async function () {
    const { library, findings, rec } = await open('none');
    assert.deepEqual(findings.map((f) => [f.kind, f.capability, f.needed]), [['missing', 'fs', 'read']]);
    const c = ctx(hw.ws, "check deps.forbids('lodash')");
    assert.deepEqual(await library.check('forbids', S('lodash'), c), { status: 'pass' });
    assert.deepEqual([...new Set(rec.denied.map((d) => d.message))], [
      'library `deps` was denied read access to `package.json`: grant `capabilities.fs = "read"`',
      'library `deps` was denied read access to `Cargo.toml`: grant `capabilities.fs = "read"`',
    ]);
    assert.deepEqual(rec.denied[0].origin, { file: 'arch.hie', elementPath: 'app', text: "check deps.forbids('lodash')" });
  });
});
