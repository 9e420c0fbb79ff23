import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TempWorkspace } from '../helpers/cliHarness';
import { resultLines, summaryLine } from './runSupport';

/** conformance.md §9 C-06..C-14 (init, doc) and the new subcommands' argument handling. */
describe('conformance: init, doc and run arguments (C-06..C-14)', () => {
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace()));
  afterEach(() => ws.dispose());
  const read = (rel: string): string => fs.readFileSync(path.join(ws.dir, rel), 'utf8');

  it('C-06 init creates a valid project whose check passes once README.md exists', async () => {
    const init = await ws.cli('init', 'demo');
    assert.ok(init.stdout.startsWith("Success Initialized Hielements project 'demo'\n\nCreated files:\n  ./demo.hie - "), init.stdout);
    assert.ok(init.stdout.includes('  ./hielements.toml - ') && init.stdout.includes('  ./USAGE_GUIDE.md - '), init.stdout);
    assert.ok(init.stdout.includes('\nNext steps:\n  1. '), init.stdout);
    assert.ok(init.stdout.includes('`hielements check ./demo.hie`') && init.stdout.includes('`hielements run ./demo.hie`'), init.stdout);
    assert.equal(init.exit, 0);
    for (const f of ['demo.hie', 'hielements.toml', 'USAGE_GUIDE.md']) assert.ok(fs.existsSync(path.join(ws.dir, f)), f);
    const spec = read('demo.hie');
    assert.match(spec, /^# .*demo/);
    assert.ok(spec.includes('import files') && spec.includes('element demo {') && spec.includes("scope root = files.folder_selector('.')"), spec);
    assert.deepEqual(await ws.cli('check', 'demo.hie'), { exit: 0, stdout: 'Finished `demo.hie` validated successfully\n', stderr: '' });
    const fail = await ws.cli('run', 'demo.hie');
    assert.deepEqual(resultLines(fail.stdout), ["FAIL demo :: files.exists(root, 'README.md')", "--> File 'README.md' does not exist in folder '.'"]);
    assert.equal(fail.exit, 1);
    ws.write({ 'README.md': '# demo\n' });
    const pass = await ws.cli('run', 'demo.hie');
    assert.equal(summaryLine(pass.stdout), 'Summary: 1 total, 1 passed, 0 failed, 0 errors');
    assert.equal(pass.exit, 0);
    assert.equal((await ws.cli('doc', '--format', 'json')).exit, 0); // the generated hielements.toml loads (no libraries)
  });

  it('C-07 init refuses to overwrite the spec', async () => {
    await ws.cli('init', 'demo');
    const before = read('demo.hie');
    const again = await ws.cli('init', 'demo');
    assert.deepEqual(again, { exit: 2, stdout: '', stderr: "error: File './demo.hie' already exists\n" });
    assert.equal(read('demo.hie'), before);
  });

  it('C-08 an existing hielements.toml is kept', async () => {
    ws.write({ 'hielements.toml': '# mine\n' });
    const r = await ws.cli('init', 'other');
    assert.ok(r.stdout.includes("Info './hielements.toml' already exists, skipping\n"), r.stdout);
    assert.ok(!r.stdout.includes('./hielements.toml - '), r.stdout);
    assert.equal(read('hielements.toml'), '# mine\n');
    assert.equal(r.exit, 0);
  });

  it('C-09 project names: letters, digits and underscores only (Unicode letters count)', async () => {
    assert.deepEqual(await ws.cli('init', 'bad-name'), { exit: 2, stdout: '', stderr: 'error: Project name must contain only alphanumeric characters and underscores\n' });
    assert.equal((await ws.cli('init', 'café_2')).exit, 0);
    assert.ok(fs.existsSync(path.join(ws.dir, 'café_2.hie')));
  });

  it('C-10 init -d creates the directories', async () => {
    const r = await ws.cli('init', 'demo', '-d', 'sub/dir');
    assert.equal(r.exit, 0);
    assert.ok(r.stdout.includes('  sub/dir/demo.hie - '), r.stdout);
    assert.ok(fs.existsSync(path.join(ws.dir, 'sub/dir/demo.hie')));
    assert.ok(fs.existsSync(path.join(ws.dir, 'sub/dir/hielements.toml')));
  });

  it('C-11 doc: Markdown catalogue of the built-ins', async () => {
    const r = await ws.cli('doc');
    assert.ok(r.stdout.startsWith('# Hielements Library Documentation\n'), r.stdout.slice(0, 80));
    assert.ok(r.stdout.includes('- [files](#files)\n- [python](#python)\n- [rust](#rust)\n'));
    assert.ok(r.stdout.includes('#### `files.file_selector(path: string) -> Scope`\n'));
    assert.ok(r.stdout.includes('#### `rust.implements(type_name: string, trait_name: string) -> CheckResult`\n'));
    assert.ok(r.stdout.endsWith('---\n\n\n'), JSON.stringify(r.stdout.slice(-10)));
    assert.equal(r.exit, 0);
  });

  it('C-12 doc --format json', async () => {
    const r = await ws.cli('doc', '--format', 'json');
    const catalog = JSON.parse(r.stdout);
    assert.equal(catalog.version, '1.0');
    assert.deepEqual(
      catalog.libraries.map((l: any) => [l.name, l.functions.length, l.checks.length, l.version]),
      [
        ['files', 3, 4, '1.0.0'],
        ['python', 3, 7, '1.0.0'],
        ['rust', 7, 14, '1.0.0'],
      ],
    );
    const first = catalog.libraries[0].functions[0];
    assert.equal(first.name, 'file_selector');
    assert.deepEqual(first.parameters.map((p: any) => [p.name, p.param_type]), [['path', 'string']]);
    assert.equal(first.return_type, 'Scope');
    assert.equal(typeof first.example, 'string');
  });

  it('C-13 doc --library keeps the named libraries, sorted', async () => {
    const r = await ws.cli('doc', '--library', 'rust, files', '--format', 'json');
    assert.deepEqual(JSON.parse(r.stdout).libraries.map((l: any) => l.name), ['files', 'rust']);
  });

  it('C-14 doc -o: relative paths only, no ..', async () => {
    assert.deepEqual(await ws.cli('doc', '-o', '/out.md'), { exit: 2, stdout: '', stderr: 'error: Absolute paths are not allowed for output files. Use a relative path.\n' });
    assert.deepEqual(await ws.cli('doc', '-o', '../x.md'), { exit: 2, stdout: '', stderr: 'error: Output path cannot contain parent directory references (..).\n' });
    const ok = await ws.cli('doc', '-o', 'out.md');
    assert.deepEqual(ok, { exit: 0, stdout: "Success Documentation written to 'out.md'\n", stderr: '' });
    const stdout = (await ws.cli('doc')).stdout;
    assert.equal(read('out.md') + '\n', stdout);
    const missingDir = await ws.cli('doc', '-o', 'no/such/dir.md');
    assert.equal(missingDir.exit, 2);
    assert.ok(missingDir.stderr.startsWith("error: Failed to write to 'no/such/dir.md': No such file or directory"), missingDir.stderr);
  });

  it('run: usage errors exit 2 (non-numeric --limit, missing file, extra arguments)', async () => {
    ws.write({ 't.hie': 'element a:\n    scope s = files.folder_selector(\'s\')\n' });
    assert.equal((await ws.cli('run', 't.hie', '--limit', 'abc')).exit, 2);
    assert.equal((await ws.cli('run')).exit, 2);
    assert.equal((await ws.cli('run', 't.hie', 'extra')).exit, 2);
    assert.equal((await ws.cli('doc', 'extra')).exit, 2);
    assert.equal((await ws.cli('init')).exit, 2);
    const missing = await ws.cli('run', 'missing.hie');
    assert.equal(missing.exit, 2);
    assert.ok(missing.stderr.startsWith("error: Failed to read file 'missing.hie': "), missing.stderr);
  });

  it('check/parse: libraries configured in ./hielements.toml are known (no W001)', async () => {
    ws.write({ 't.hie': 'import files\nimport mylib\nimport other\nelement a:\n    check mylib.f()\n', 'hielements.toml': '[libraries]\nmylib = { executable = "node" }\n' });
    const r = await ws.cli('check', 't.hie', '--format', 'json');
    assert.deepEqual(JSON.parse(r.stdout).warnings.map((w: any) => w.message), ["Unknown library 'other' (will be resolved at runtime)"]);
  });
});
