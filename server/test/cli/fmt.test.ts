import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { TempWorkspace } from '../helpers/cliHarness';

const FORMATTED = "element a:\n    scope s = files.folder_selector('src')\n    check files.exists(s, 'x')\n";
const MESSY = "element a:\n  scope s=files.folder_selector( 'src' )\n  check files.exists(s,'x')\n";
const BROKEN = "element a:\n    scope s = files.folder_selector('src'\n";

describe('cli: fmt', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace({ 'ok.hie': FORMATTED, 'specs/messy.hie': MESSY, 'specs/deeper/also.hie': MESSY, 'specs/notes.txt': MESSY });
  });
  afterEach(() => ws.dispose());

  it('--check lists the files that would change, writes nothing, exits 1; 0 when all are formatted', async () => {
    const result = await ws.cli('fmt', '--check', 'ok.hie', 'specs');
    assert.deepEqual(result, {
      exit: 1,
      stdout: `would reformat ${path.join('specs', 'deeper', 'also.hie')}\nwould reformat ${path.join('specs', 'messy.hie')}\n2 files would be reformatted, 1 file already formatted\n`,
      stderr: '',
    });
    assert.equal(fs.readFileSync(path.join(ws.dir, 'specs/messy.hie'), 'utf8'), MESSY);
    assert.deepEqual(await ws.cli('fmt', '--check', 'ok.hie'), { exit: 0, stdout: '0 files would be reformatted, 1 file already formatted\n', stderr: '' });
  });

  it('without --check rewrites the files in place; a second run changes nothing', async () => {
    const first = await ws.cli('fmt', 'specs/messy.hie', 'ok.hie');
    assert.deepEqual(first, { exit: 0, stdout: 'reformatted specs/messy.hie\n1 file reformatted, 1 file left unchanged\n', stderr: '' });
    assert.equal(fs.readFileSync(path.join(ws.dir, 'specs/messy.hie'), 'utf8'), FORMATTED);
    assert.equal((await ws.cli('fmt', '--check', 'specs/messy.hie')).exit, 0);
  });

  it('a file with errors or a missing file exits 2 and names the place; the others are still formatted', async () => {
    ws.write({ 'broken.hie': BROKEN });
    const result = await ws.cli('fmt', 'broken.hie', 'missing.hie', 'specs/messy.hie');
    assert.deepEqual(result, {
      exit: 2,
      stdout: 'reformatted specs/messy.hie\n1 file reformatted, 0 files left unchanged, 2 files failed\n',
      stderr: 'error: cannot format broken.hie:2:42: E007 Expected RParen, found Newline\nerror: cannot read missing.hie: No such file or directory (os error 2)\n',
    });
    assert.equal(fs.readFileSync(path.join(ws.dir, 'broken.hie'), 'utf8'), BROKEN);
  });

  it('usage errors exit 2: no file, an unknown option', async () => {
    const none = await ws.cli('fmt');
    assert.deepEqual(none, { exit: 2, stdout: '', stderr: 'error: the required argument <FILES>... was not provided (usage: hielements fmt <FILES>... [OPTIONS])\n' });
    assert.deepEqual(await ws.cli('fmt', '--write', 'ok.hie'), {
      exit: 2,
      stdout: '',
      stderr: "error: unknown option '--write' for 'hielements fmt'; valid options: --check, -h/--help\n",
    });
  });

  it('the installed binary exits with the same statuses (a CI step)', () => {
    const bin = path.join(REPO_ROOT, 'server', 'bin', 'hielements.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: ws.dir, encoding: 'utf8' });
    assert.equal(run('fmt', '--check', 'specs').status, 1);
    assert.equal(run('fmt', '--check', 'ok.hie').status, 0);
    assert.equal(run('fmt').status, 2);
    assert.equal(run('fmt', 'specs').status, 0);
    assert.equal(run('fmt', '--check', 'specs').status, 0);
  });
});
