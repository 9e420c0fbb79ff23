import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TempWorkspace } from '../helpers/cliHarness';
import { validateSarif } from '../helpers/validators';

/** Two failing checks (one inside a nested element), one passing. */
const SPEC = `import files

element app:
    scope src = files.folder_selector('src')
    check files.exists(src, 'main.py')
    check files.exists(src, 'missing.py')

    element docs:
        scope pages = files.folder_selector('docs')
        check files.exists(pages, 'index.md')
`;

const BASELINE = `{
  "version": 1,
  "failures": [
    {"file":"arch.hie","element":"app","check":"files.exists(src, 'missing.py')"},
    {"file":"arch.hie","element":"app.docs","check":"files.exists(pages, 'index.md')"}
  ]
}
`;

describe('baselines: run --write-baseline / --baseline', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace({ 'arch.hie': SPEC, 'src/main.py': '', 'docs/readme.md': '' });
  });
  afterEach(() => ws.dispose());

  it('--write-baseline records the failures with stable keys (file, element path, check text), sorted, and exits 0', async () => {
    const r = await ws.cli('run', 'arch.hie', '--write-baseline', 'hielements-baseline.json');
    assert.equal(r.exit, 0);
    assert.equal(r.stderr, "Baseline written to 'hielements-baseline.json': 2 failures of `arch.hie` recorded\n");
    assert.match(r.stdout, /^ {2}FAIL app :: files.exists\(src, 'missing.py'\)$/m);
    assert.equal(readFileSync(path.join(ws.dir, 'hielements-baseline.json'), 'utf8'), BASELINE);
  });

  it('--baseline: known failures do not fail the run (KNOWN), a new failure does (FAIL), exit 1', async () => {
    ws.write({ 'b.json': BASELINE });
    const known = await ws.cli('run', 'arch.hie', '--baseline', 'b.json');
    assert.equal(known.exit, 0, known.stdout + known.stderr);
    assert.equal(
      known.stdout,
      [
        'Starting Running checks in `arch.hie`...',
        '',
        "  PASS app :: files.exists(src, 'main.py')",
        "  KNOWN app :: files.exists(src, 'missing.py')",
        "        --> File 'missing.py' does not exist in folder 'src'",
        '        at arch.hie:6:11',
        "  KNOWN app.docs :: files.exists(pages, 'index.md')",
        "        --> File 'index.md' does not exist in folder 'docs'",
        '        at arch.hie:10:15',
        '',
        'Summary: 3 total, 1 passed, 2 failed, 0 errors',
        'Baseline `b.json`: 2 known failures, 0 new, 0 stale entries',
        '',
      ].join('\n'),
    );
    ws.write({ 'arch.hie': SPEC + "    check files.exists(src, 'new.py')\n" });
    const fresh = await ws.cli('run', 'arch.hie', '--baseline', 'b.json');
    assert.equal(fresh.exit, 1);
    assert.match(fresh.stdout, /^ {2}FAIL app :: files.exists\(src, 'new.py'\)$/m);
    assert.match(fresh.stdout, /^Baseline `b.json`: 2 known failures, 1 new, 0 stale entries$/m);
  });

  it('keys survive moved lines; a fixed failure is reported as a stale entry and the run passes', async () => {
    ws.write({ 'b.json': BASELINE, 'arch.hie': `# a comment that moves every line\n\n${SPEC}`, 'docs/index.md': '' });
    const r = await ws.cli('run', 'arch.hie', '--baseline', 'b.json');
    assert.equal(r.exit, 0);
    assert.match(r.stdout, /^ {2}KNOWN app :: files.exists\(src, 'missing.py'\)$/m);
    assert.match(r.stdout, /^Baseline `b.json`: 1 known failure, 0 new, 1 stale entry$/m);
    assert.match(r.stdout, /^ {2}STALE app.docs :: files.exists\(pages, 'index.md'\)\n {8}--> no longer fails: remove it with --write-baseline b.json$/m);
  });

  it('errors are never baselined; --format json marks baselined results and lists stale entries', async () => {
    ws.write({ 'b.json': BASELINE, 'arch.hie': SPEC + "    check files.exists(nowhere, 'x')\n", 'docs/index.md': '' });
    const r = await ws.cli('run', 'arch.hie', '--baseline', 'b.json', '--format', 'json');
    assert.equal(r.exit, 1);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['baseline', 'results', 'status', 'summary', 'version']);
    assert.deepEqual(json.baseline, { file: 'b.json', known: 1, new: 0, stale: [{ check: "files.exists(pages, 'index.md')", element: 'app.docs', file: 'arch.hie' }] });
    assert.deepEqual(json.results.map((x: { baselined: boolean; status: string }) => [x.status, x.baselined]), [['pass', false], ['fail', true], ['error', false], ['pass', false]]);
    assert.equal(json.status, 'error');
  });

  it('a .hie file in another folder is keyed relative to the baseline; --write-baseline keeps other files\' entries and checks --filter left out', async () => {
    ws.write({ 'sub/other.hie': "element other:\n    check files.exists(files.folder_selector('.'), 'x')\n", 'b.json': BASELINE });
    let r = await ws.cli('run', 'sub/other.hie', '-w', '.', '--write-baseline', 'b.json');
    assert.equal(r.exit, 0);
    const entries = () => JSON.parse(readFileSync(path.join(ws.dir, 'b.json'), 'utf8')).failures.map((f: { file: string; element: string }) => `${f.file} ${f.element}`);
    assert.deepEqual(entries(), ['arch.hie app', 'arch.hie app.docs', 'sub/other.hie other']);
    ws.write({ 'docs/index.md': '' });
    r = await ws.cli('run', 'arch.hie', '--filter', 'docs', '--write-baseline', 'b.json');
    assert.equal(r.exit, 0);
    assert.deepEqual(entries(), ['arch.hie app', 'sub/other.hie other'], 'the fixed docs entry is gone, the unrun app entry stays');
  });

  it('unusable baselines stop the run before any check: exit 2, one line', async () => {
    assert.deepEqual(await ws.cli('run', 'arch.hie', '--baseline', 'nope.json'), { exit: 2, stdout: '', stderr: "error: baseline 'nope.json' does not exist\n" });
    ws.write({ 'bad.json': '{"version": 1, "failures": [{"file": 1}]}' });
    const bad = await ws.cli('run', 'arch.hie', '--baseline', 'bad.json');
    assert.equal(bad.exit, 2);
    assert.equal(bad.stderr, 'error: baseline \'bad.json\': failures[0] must have string fields "file", "element" and "check"\n');
    ws.write({ 'text.json': 'not json' });
    const overwrite = await ws.cli('run', 'arch.hie', '--write-baseline', 'text.json');
    assert.equal(overwrite.exit, 2);
    assert.match(overwrite.stderr, /^error: baseline 'text.json' is not valid JSON: .*; not overwritten\n$/);
    assert.equal(readFileSync(path.join(ws.dir, 'text.json'), 'utf8'), 'not json');
  });

  it('hielements.toml `baseline` is used by run without --baseline; SARIF marks known failures suppressed and stays valid', async () => {
    ws.write({ 'b.json': BASELINE, 'hielements.toml': 'baseline = "b.json"\n\n[libraries]\n' });
    const r = await ws.cli('run', 'arch.hie');
    assert.equal(r.exit, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Baseline `b.json`: 2 known failures, 0 new, 0 stale entries$/m);
    const sarif = await ws.cli('run', 'arch.hie', '--format', 'sarif');
    assert.equal(sarif.exit, 0);
    assert.deepEqual(validateSarif(sarif.stdout).errors, []);
    const results = JSON.parse(sarif.stdout).runs[0].results;
    assert.deepEqual(results.map((x: { baselineState: string; suppressions?: { kind: string }[] }) => [x.baselineState, x.suppressions?.[0].kind]), [
      ['unchanged', 'external'],
      ['unchanged', 'external'],
    ]);
    const github = await ws.cli('run', 'arch.hie', '--format', 'github');
    assert.match(github.stdout, /^::notice file=arch.hie,line=6,col=5,endColumn=42,title=hielements files.exists::app :: files.exists\(src, 'missing.py'\): known failure \(baseline b.json\): /m);
  });

  it('hielements.toml `baseline` that cannot be read is a warning and the run goes on without it', async () => {
    writeFileSync(path.join(ws.dir, 'hielements.toml'), 'baseline = "gone.json"\n');
    const r = await ws.cli('run', 'arch.hie');
    assert.equal(r.exit, 1);
    assert.equal(r.stderr, "warning[W541]: baseline 'gone.json' does not exist: no failure is treated as known\n  --> hielements.toml:1:12\n");
  });
});
