import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExternalLibrary } from '../../../src/plugins/external/externalLibrary';
import { int, str } from '../../../src/eval/values';
import { REFERENCE } from '../../helpers/paths';
import { ctx, tempDir } from './fixtureSupport';

/** The reference's sample plugin, unchanged (test-fixtures/reference is a copy of the upstream examples). */
const SAMPLE = path.join(REFERENCE, 'examples', 'plugins', 'sample_plugin.py');

/** X-07 at the library level: the reference's sample plugin, unchanged, through python3. */
describe('X-07: sample_plugin.py end to end', function () {
  let ws: string;
  let lib: ExternalLibrary;

  before(function () {
    const source = SAMPLE;
    ws = tempDir();
    fs.mkdirSync(path.join(ws, 'plugins'));
    fs.writeFileSync(path.join(ws, 'plugins', 'a.txt'), 'a');
    lib = new ExternalLibrary({ name: 'sample', program: 'python3', args: [source], timeoutMs: 5000 });
  });
  after(() => lib.dispose());

  it('selects, counts, passes and fails like the reference run', async () => {
    const src = await lib.call('simple_selector', [str('plugins')], ctx(ws));
    assert.deepEqual(src, { type: 'scope', kind: { Folder: 'plugins' }, paths: [path.join(ws, 'plugins', 'a.txt')], resolved: true });
    assert.deepEqual(await lib.check('always_pass', [], ctx(ws)), { status: 'pass' });
    assert.deepEqual(await lib.check('file_count_check', [src, int(10)], ctx(ws)), { status: 'pass' });
    for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(ws, 'plugins', `f${i}.txt`), '');
    const eleven = await lib.call('simple_selector', [str('plugins')], ctx(ws));
    assert.deepEqual(await lib.check('file_count_check', [eleven, int(10)], ctx(ws)), { status: 'fail', message: 'Too many files: 11 > 10' });
    assert.deepEqual(await lib.check('always_fail', [str('x')], ctx(ws)), { status: 'fail', message: 'x' });
    assert.deepEqual(await lib.check('nope', [], ctx(ws)), { status: 'error', message: 'Unknown check: nope', code: 'E-32000' });
    assert.deepEqual(await lib.check('file_count_check', [str('x')], ctx(ws)), { status: 'error', message: 'First argument must be a scope' });
  });

  it('documents itself through library.metadata (it does not answer library.doc)', async () => {
    const doc = await lib.doc();
    assert.equal(doc.name, 'sample');
    assert.equal(doc.version, '1.0.0');
    assert.equal(doc.description, 'External library: python3');
    assert.deepEqual(doc.functions.map((f) => f.name), ['simple_selector']);
    assert.deepEqual(doc.checks.map((f) => f.name), ['file_count_check', 'always_pass', 'always_fail']);
  });
});
