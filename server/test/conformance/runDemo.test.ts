import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../helpers/paths';
import { childPids } from './pluginSupport';
import { resultLines, summaryLine } from './runSupport';

/** The demo workspace (test-fixtures/demo): passing and failing checks of every library. */
describe('demo workspace', () => {
  const DEMO = path.join(FIXTURES, 'demo');
  const cli = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const exit = await main(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t), cwd: DEMO });
    return { exit, stdout, stderr };
  };

  it('validates without diagnostics', async () => {
    assert.deepEqual(await cli('check', 'architecture.hie'), { exit: 0, stdout: 'Finished `architecture.hie` validated successfully\n', stderr: '' });
  });

  it('run: each library (files, rust, python, the todo process plugin, the size and cargo WASM plugins) passes and fails somewhere', async () => {
    const r = await cli('run', 'architecture.hie');
    assert.equal(summaryLine(r.stdout), 'Summary: 20 total, 14 passed, 6 failed, 0 errors');
    assert.equal(r.exit, 1);
    assert.equal(r.stderr, '');
    const lines = resultLines(r.stdout);
    for (const lib of ['files', 'rust', 'python', 'todo', 'size', 'cargo']) {
      assert.ok(lines.some((l) => l.startsWith('PASS') && l.includes(` :: ${lib}.`)), `${lib} passes somewhere`);
      assert.ok(lines.some((l) => l.startsWith('FAIL') && l.includes(` :: ${lib}.`)), `${lib} fails somewhere`);
    }
    assert.ok(lines.includes('--> 3 TODO markers (at most 1 allowed): src/api.rs:18, src/api.rs:19, src/store.rs:26'), lines.join('\n'));
    // the Rust example (a core module reading the sources with std::fs)
    assert.ok(lines.includes('--> src/api.rs:26 uses `unsafe`'), lines.join('\n'));
    assert.deepEqual(childPids(), []);
  });

  it('doc documents the plugin from its library.doc answer', async () => {
    const r = await cli('doc', '--library', 'todo', '--format', 'json');
    const [todo] = JSON.parse(r.stdout).libraries;
    assert.deepEqual([todo.name, todo.functions.map((f: any) => f.name), todo.checks.map((f: any) => f.name)], ['todo', ['marked_files'], ['max_markers']]);
  });
});
