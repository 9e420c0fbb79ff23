import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listTemplates, templatesRoot } from '../../../src/cli/plugin/templates';
import { TempWorkspace } from '../../helpers/cliHarness';

/** `hielements plugin new`: what it writes, and what it refuses. */
describe('cli: plugin new', function () {
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace()));
  afterEach(() => ws.dispose());

  const files = (dir: string): string[] => {
    const out: string[] = [];
    const walk = (d: string, rel: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name), `${rel}${e.name}/`);
        else out.push(rel + e.name);
      }
    };
    walk(dir, '');
    return out.sort();
  };

  it('lists the six templates, each with a summary', async function () {
    const templates = await listTemplates();
    assert.deepEqual(templates.map((t) => t.name), ['assemblyscript', 'c', 'external-node', 'external-python', 'js', 'rust']);
    const help = await ws.cli('plugin', 'new', '--help');
    assert.equal(help.exit, 0);
    for (const t of templates) assert.match(help.stdout, new RegExp(`^  ${t.name} +${t.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });

  it('rust: a standalone project with the name filled in everywhere', async function () {
    const r = await ws.cli('plugin', 'new', 'lines', '--template', 'rust');
    assert.equal(r.stderr, '');
    assert.equal(r.exit, 0);
    assert.match(r.stdout, /^Success Created plugin `lines` from template rust in lines\/ \(15 files\)$/m);
    assert.match(r.stdout, /^ {2}npm run build {4}cargo build --target wasm32-wasip1 \(or wasm32-wasi\) \(lines\.wasm\)$/m);
    const dir = path.join(ws.dir, 'lines');
    assert.deepEqual(files(dir), [
      '.gitignore', 'Cargo.toml', 'README.md',
      'fixture/checks.hie', 'fixture/docs/guide.md', 'fixture/docs/notes.txt', 'fixture/docs/plan.txt', 'fixture/expected.json', 'fixture/hielements.toml',
      'package.json', 'scripts/build.mjs', 'src/abi.rs', 'src/json.rs', 'src/lib.rs', 'test/run-fixture.mjs',
    ].sort());
    for (const f of files(dir)) assert.doesNotMatch(fs.readFileSync(path.join(dir, f), 'utf8'), /__NAME__|__PACKAGE__/, f);
    assert.match(fs.readFileSync(path.join(dir, 'Cargo.toml'), 'utf8'), /^name = "lines"$/m);
    assert.match(fs.readFileSync(path.join(dir, 'fixture', 'hielements.toml'), 'utf8'), /^\[libraries\.lines\]\npath = "\.\.\/lines\.wasm"$/m);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name, 'lines');
  });

  it('js: brings its own copy of the WIT package', async function () {
    const r = await ws.cli('plugin', 'new', 'my_deps', '--template', 'js', '-d', 'plugins/deps');
    assert.equal(r.exit, 0);
    const dir = path.join(ws.dir, 'plugins', 'deps');
    assert.equal(fs.readFileSync(path.join(dir, 'wit', 'plugin.wit'), 'utf8'), fs.readFileSync(path.join(templatesRoot(), 'wit', 'plugin.wit'), 'utf8'));
    assert.ok(fs.existsSync(path.join(dir, 'wit', 'deps', 'filesystem', 'package.wit')));
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name, 'my-deps');
    assert.match(r.stdout, /^ {2}npm install$/m);
  });

  it('refuses a bad name, an unknown or missing template, and a non-empty directory', async function () {
    const bad = await ws.cli('plugin', 'new', 'My-Plugin', '--template', 'rust');
    assert.deepEqual([bad.exit, bad.stderr], [2, "error: plugin name 'My-Plugin' must start with a lowercase letter and contain only lowercase letters, digits and _ (it is the library name in .hie files)\n"]);
    const unknown = await ws.cli('plugin', 'new', 'x', '--template', 'cobol');
    assert.deepEqual([unknown.exit, unknown.stderr], [2, "error: unknown template 'cobol' (known: assemblyscript, c, external-node, external-python, js, rust)\n"]);
    const none = await ws.cli('plugin', 'new', 'x');
    assert.deepEqual([none.exit, none.stderr], [2, 'error: choose a template with --template: assemblyscript, c, external-node, external-python, js, rust\n']);
    ws.write({ 'taken/keep.txt': 'mine' });
    const taken = await ws.cli('plugin', 'new', 'x', '--template', 'c', '-d', 'taken');
    assert.deepEqual([taken.exit, taken.stderr], [2, "error: 'taken' already exists and is not empty\n"]);
    assert.deepEqual(fs.readdirSync(path.join(ws.dir, 'taken')), ['keep.txt']);
    const sub = await ws.cli('plugin', 'frobnicate');
    assert.equal(sub.exit, 2);
    assert.match(sub.stderr, /^error: unrecognized subcommand 'frobnicate'/);
  });
});
