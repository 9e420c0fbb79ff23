import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { Value } from '../../../src/eval/values';
import { loadWasm, type WasmLibrary } from '../../../src/plugins/wasm';
import { ctx, makeHostileWorkspace, Recorder, repoRoot, wasmConfig, type HostileWorkspace } from './kit';

/** The committed example plugins of plugins/examples (built by plugins/build.js) work as documented. */
describe('example plugins', function () {
  let hw: HostileWorkspace;
  const opened: WasmLibrary[] = [];
  const example = (...p: string[]) => path.join(repoRoot(), 'plugins', 'examples', ...p);
  const scope = (paths: string[]): Value => ({ type: 'scope', kind: { Folder: 'sub' }, paths: paths.map((p) => `${hw.ws}/${p}`), resolved: true });

  before(function () {
    hw = makeHostileWorkspace();
    fs.writeFileSync(path.join(hw.ws, 'sub', 'a.rs'), '// TODO: one\nfn a() {}\n// TODO two\n');
  });
  after(async function () {
    await Promise.all(opened.map((l) => l.dispose()));
    fs.rmSync(hw.base, { recursive: true, force: true });
  });

  async function open(name: string, file: string) {
    const rec = new Recorder();
    const r = await loadWasm(wasmConfig(name, file, { fs: 'read' }), rec.options(hw.ws));
    opened.push(r.library);
    assert.deepEqual(r.findings, []);
    return { library: r.library, rec, c: { ...ctx(hw.ws), workspace: hw.ws } };
  }

  it('AssemblyScript core module `size`: lines() and max_lines()', async function () {
    const { library, rec, c } = await open('size', example('as-size', 'size.wasm'));
    assert.deepEqual(await library.call('lines', [{ type: 'string', value: 'sub/a.rs' }], c), { type: 'int', value: 3 });
    assert.deepEqual(await library.check('max_lines', [scope(['sub/inner.txt', 'sub/a.rs']), { type: 'int', value: 2 }], c), { status: 'fail', message: "File 'sub/a.rs' has 3 lines (max 2)" });
    assert.deepEqual(await library.check('max_lines', [scope(['sub/a.rs']), { type: 'int', value: 3 }], c), { status: 'pass' });
    await assert.rejects(library.call('lines', [{ type: 'string', value: '../outside/secret.txt' }], c), { code: 'E605', message: 'cannot read ../outside/secret.txt' });
    assert.deepEqual(rec.denied.map((d) => d.message), ['library `size` was denied read access to `../outside/secret.txt`: it is outside the workspace']);
    assert.equal(await library.pluginName(), 'size');
  });

  it('C core module `todos`: count() and none_in() through wasi-libc stdio', async function () {
    const { library, c } = await open('todos', example('c-todos', 'todos.wasm'));
    assert.deepEqual(await library.call('count', [scope(['sub/inner.txt', 'sub/a.rs'])], c), { type: 'int', value: 2 });
    assert.deepEqual(await library.check('none_in', [scope(['sub/inner.txt', 'sub/a.rs'])], c), { status: 'fail', message: 'sub/a.rs has 2 TODO lines' });
    assert.deepEqual(await library.check('none_in', [scope(['sub/inner.txt'])], c), { status: 'pass' });
    assert.deepEqual((await library.doc()).checks.map((x) => x.example), ['check todos.none_in(src)']);
  });

  it('external plugin `naming` answers JSON-RPC requests one line each', async function () {
    const child = spawn(process.execPath, [example('external-naming', 'naming.js')], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines = readline.createInterface({ input: child.stdout });
    const replies: unknown[] = [];
    lines.on('line', (l) => replies.push(JSON.parse(l)));
    const send = (id: number, method: string, params: unknown) => child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method, params, id }) + '\n');
    const scopeJson = { Scope: { kind: { Folder: 'src' }, paths: ['./src/main.rs', './src/BadName.rs'], resolved: true } };
    send(1, 'library.check', { args: [scopeJson, { String: '^[a-z_]+\\.rs$' }], function: 'files_match', workspace: '.' });
    send(2, 'library.call', { args: [scopeJson], function: 'basenames', workspace: '.' });
    send(3, 'library.call', { args: [], function: 'nope', workspace: '.' });
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
    assert.deepEqual(replies, [
      { jsonrpc: '2.0', result: { Fail: 'BadName.rs does not match ^[a-z_]+\\.rs$' }, id: 1 },
      { jsonrpc: '2.0', result: { List: [{ String: 'main.rs' }, { String: 'BadName.rs' }] }, id: 2 },
      { jsonrpc: '2.0', error: { code: -32000, message: 'Unknown function: nope' }, id: 3 },
    ]);
  });
});
