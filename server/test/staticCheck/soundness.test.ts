import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate } from '../../src/eval/engine';
import type { CheckResult } from '../../src/eval/types';
import { createBuiltinLibraries } from '../../src/libraries/builtin';
import { LibraryRegistry } from '../../src/libraries/library';
import { hasErrors } from '../../src/model/analyze';
import { analyze } from '../../src/model/analyze';
import type { CheckDecl } from '../../src/model/types';
import { librariesOfRegistry } from '../../src/staticCheck/catalogues';
import { staticCheck } from '../../src/staticCheck/checker';
import { HieParser } from '../../src/syntax/hieParser';
import { FileIndex } from '../../src/workspace/fileIndex';
import { FIXTURES, REFERENCE } from '../helpers/paths';
import { render } from './support';

/**
 * Nothing the run accepts is rejected: for every input, each static error is on a check the
 * run (the real engine, without the checker's predictions) reports as ERROR, and the failure
 * the checker hands to `run` is that ERROR's code and message exactly. No error is ever about
 * anything but a check.
 */
function hieFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : hieFiles(full);
    return e.name.endsWith('.hie') ? [full] : [];
  });
}

const SNIPPETS: string[] = [
  "import files\nimport golang\nelement demo:\n    scope root = files.folder_selector('.')\n    check files.exist(root, 'a.hie')\n    check files.exists(rot, 'a.hie')\n    check files.exists(root)\n    check files.max_size(root, 'big')\n    check golang.thing(root)\n    check files.exists(root, 'a.hie', 'extra')\n    check golang.thing(rot)\n",
  "import files as f\nelement a:\n    scope src = files.folder_selector('src')\n    check f.exists(src, 'main.py')\n",
  "element a:\n    scope s = files.exists(files.folder_selector('.'), 'x')\n    check files.exists(s, 'y')\n    check files.folder_selector('src')\n    check files.exists(files.folder_selectr('src'), 'x')\n",
  "element p:\n    check files.exists(src, 'main.py')\n    element c:\n        scope src = files.folder_selector('src')\n",
  "element p:\n    element child:\n        scope src = files.folder_selector('src')\nelement q:\n    check files.exists(child.src, 'main.py')\n    check files.exists(x.y.src, 'main.py')\n    check files.exists(p.child.src, 'main.py')\n    check files.exists(files.folder_selector('x').y, 'a')\n",
  "element a:\n    scope root = files.folder_selector('.')\n    ref r: T = files.folder_selector('.')\n    check root\n    check true\n    check a.b.c(root)\n    check files.exists\n    check files.exists(r, 'x')\n    check files.max_size(root, 1.9)\n    check files.max_size(root, [1])\n    check rust.struct_exists(42)\n    check rust.function_exists(root, 'main')\n    check python.imports(root)\n    check python.imports('root', 'os')\n",
  "element a:\n    scope d = docker.file_selector('Dockerfile')\n    check files.exists(d, 'x')\n    check docker.has_healthcheck(d)\nelement a:\n    scope d = files.folder_selector('.')\nelement b:\n    check files.exists(d, 'x')\n",
  "pattern p:\n    scope docs\n    check files.exists(docs, 'index.md')\nelement e implements p:\n    scope d binds p.docs = files.folder_selector('docs')\n    check files.exists(docs, 'x')\nelement f:\n    check files.exists(docs, 'x')\n",
  "element a:\n    scope x = files.folder_selector('/etc')\n    scope y = files.folder_selector('../up')\n    check files.exists(x, 'passwd')\n    check files.exists(y, 'z')\n",
];

describe('static checker soundness: its errors are the run\'s errors', function () {
  this.timeout(120_000);
  let parser: HieParser;
  let workspace: string;
  before(async () => {
    parser = await HieParser.create();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-sound-'));
    fs.mkdirSync(path.join(workspace, 'src'));
    fs.writeFileSync(path.join(workspace, 'src', 'main.py'), "print('hello')\n");
  });
  after(() => fs.rmSync(workspace, { recursive: true, force: true }));

  /** Runs both on `text`; returns how many checks the checker said would fail. */
  async function sound(text: string, ws: string, label: string, patternChecks = false): Promise<number> {
    const tree = parser.parse(text);
    const analysis = analyze(tree, text, { knownLibraries: new Set(['files', 'python', 'rust']) });
    tree.delete();
    if (hasErrors(analysis.diagnostics)) return 0; // the run does not start
    const registry = new LibraryRegistry();
    for (const lib of createBuiltinLibraries()) registry.register(lib);
    const found = staticCheck(analysis.program, librariesOfRegistry(registry), { patternChecks });
    const run = await evaluate(analysis.program, { workspace: ws, index: new FileIndex(ws), registry, patternChecks });
    const byCheck = new Map<CheckDecl, CheckResult>();
    for (const r of run.results) if (!r.elementPath.includes('#')) byCheck.set(r.check, r);
    for (const [check, first] of found.checkErrors) {
      const result = byCheck.get(check);
      assert.ok(result, `${label}: no result for the check of ${render(first)}`);
      assert.deepEqual({ status: result.outcome.status, message: (result.outcome as { message?: string }).message }, { status: 'error', message: first.message }, `${label}: ${result.text}`);
      if (result.outcome.status === 'error' && result.outcome.code !== undefined) assert.equal(result.outcome.code, first.code, `${label}: ${result.text}`);
    }
    for (const f of found.findings.filter((x) => x.severity === 'error')) {
      const result = [...byCheck.values()].find((r) => f.span.startIndex >= r.check.span.startIndex && f.span.endIndex <= r.check.span.endIndex);
      assert.ok(result, `${label}: an error outside any evaluated check: ${render(f)}`);
      assert.equal(result.outcome.status, 'error', `${label}: ${render(f)} but the run says ${result.outcome.status}`);
    }
    return found.checkErrors.size;
  }

  it('every upstream example file, with and without pattern checks', async () => {
    let failing = 0;
    for (const file of hieFiles(REFERENCE)) {
      const text = fs.readFileSync(file, 'utf8');
      failing += await sound(text, path.dirname(file), path.relative(REFERENCE, file));
      await sound(text, path.dirname(file), `${path.relative(REFERENCE, file)} (pattern checks)`, true);
    }
    // the ERROR results of E-05, E-06 and the upstream misuses listed in examples.test.ts
    assert.equal(failing, 26);
  });

  it('every .hie file of the test fixtures (plugins unknown: built-ins only)', async () => {
    for (const file of hieFiles(FIXTURES).filter((f) => !f.startsWith(REFERENCE))) {
      await sound(fs.readFileSync(file, 'utf8'), path.dirname(file), path.relative(FIXTURES, file));
    }
  });

  it('snippets of each kind of mistake, against a workspace with src/main.py', async () => {
    let failing = 0;
    for (const [i, text] of SNIPPETS.entries()) {
      failing += await sound(text, workspace, `snippet ${i}`);
      await sound(text, workspace, `snippet ${i} (pattern checks)`, true);
    }
    assert.ok(failing >= 25, `only ${failing} predicted failures`);
  });

  it('a generated 5,000-line spec has no finding at all, and runs as predicted', async () => {
    const out = path.join(workspace, 'gen-5000.hie');
    execFileSync(process.execPath, [path.join(FIXTURES, 'bench', 'gen-hie.js'), out, '--lines', '5000'], { stdio: 'ignore' });
    const text = fs.readFileSync(out, 'utf8');
    const tree = parser.parse(text);
    const analysis = analyze(tree, text, { knownLibraries: new Set(['files', 'python', 'rust']) });
    tree.delete();
    assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error'), []);
    const registry = new LibraryRegistry();
    for (const lib of createBuiltinLibraries()) registry.register(lib);
    assert.deepEqual(staticCheck(analysis.program, librariesOfRegistry(registry)).findings.map(render), []);
    assert.equal(await sound(text, workspace, 'gen-5000'), 0);
  });
});
