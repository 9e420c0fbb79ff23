import { strict as assert } from 'node:assert';
import { TempWorkspace } from '../helpers/cliHarness';
import { hie, MAIN_PY, resultLines, runIn, summaryLine } from './runSupport';

/** conformance.md §5 (R-01..R-31) and L-03: `hielements run` through the CLI. */
describe('conformance: run (R-01..R-31)', () => {
  const R01 = hie('import files', '', 'element test:', "    scope src = files.folder_selector('src')", "    check files.exists(src, 'main.py')");
  const one = (...checks: string[]): string => hie('import files', 'element test:', "    scope src = files.folder_selector('src')", ...checks.map((c) => `    check ${c}`));

  it('L-03 both quote styles, check text single-quoted', async () => {
    const r = await runIn(hie('element test:', '    scope src = files.folder_selector("src")', '    check files.exists(src, "main.py")'));
    assert.deepEqual(resultLines(r.stdout), ["PASS test :: files.exists(src, 'main.py')"]);
    assert.equal(summaryLine(r.stdout), 'Summary: 1 total, 1 passed, 0 failed, 0 errors');
    assert.equal(r.exit, 0);
  });

  it('R-01 passing check: exact stdout, exit 0', async () => {
    const r = await runIn(R01);
    assert.equal(r.stdout, "Starting Running checks in `t.hie`...\n\n  PASS test :: files.exists(src, 'main.py')\n\nSummary: 1 total, 1 passed, 0 failed, 0 errors\n");
    assert.equal(r.stderr, '');
    assert.equal(r.exit, 0);
  });

  const R02 = R01 + "    check files.exists(src, 'missing.py')\n";
  // deliberate: each FAIL/ERROR is located (`at file:line:col`, after its message) and each JSON result has its span
  it('R-02 failing check (human)', async () => {
    const r = await runIn(R02);
    assert.equal(
      r.stdout,
      "Starting Running checks in `t.hie`...\n\n  PASS test :: files.exists(src, 'main.py')\n  FAIL test :: files.exists(src, 'missing.py')\n        --> File 'missing.py' does not exist in folder 'src'\n        at t.hie:6:11\n\nSummary: 2 total, 1 passed, 1 failed, 0 errors\n",
    );
    assert.equal(r.exit, 1);
  });

  it('R-02 JSON output: alphabetical keys, byte-exact', async () => {
    const r = await runIn(R02, MAIN_PY, 'run', 't.hie', '--format', 'json');
    const expected = `{
  "results": [
    {
      "check": "files.exists(src, 'main.py')",
      "element": "test",
      "message": null,
      "span": {
        "end": {
          "column": 39,
          "line": 5,
          "offset": 111
        },
        "start": {
          "column": 11,
          "line": 5,
          "offset": 83
        }
      },
      "status": "pass"
    },
    {
      "check": "files.exists(src, 'missing.py')",
      "element": "test",
      "message": "File 'missing.py' does not exist in folder 'src'",
      "span": {
        "end": {
          "column": 42,
          "line": 6,
          "offset": 153
        },
        "start": {
          "column": 11,
          "line": 6,
          "offset": 122
        }
      },
      "status": "fail"
    }
  ],
  "status": "error",
  "summary": {
    "errors": 0,
    "failed": 1,
    "passed": 1,
    "total": 2
  },
  "version": "1.0"
}
`;
    assert.equal(r.stdout, expected);
    assert.equal(r.exit, 1);
  });

  it('R-03 file_selector + exists ignores the file name', async () => {
    const pass = await runIn(hie('element test:', "    scope f = files.file_selector('src/main.py')", "    check files.exists(f, 'anything.txt')"));
    assert.deepEqual(resultLines(pass.stdout), ["PASS test :: files.exists(f, 'anything.txt')"]);
    const fail = await runIn(hie('element test:', "    scope f = files.file_selector('nope.txt')", "    check files.exists(f, 'anything.txt')"));
    assert.deepEqual(resultLines(fail.stdout), ["FAIL test :: files.exists(f, 'anything.txt')", "--> File 'nope.txt' does not exist"]);
  });

  it('R-04 glob scopes', async () => {
    const r = await runIn(hie('element test:', "    scope g = files.glob_selector('**/*.py')", "    check files.exists(g, 'main.py')", "    check files.exists(g, 'x.py')", "    check files.contains(g, 'in.py')"));
    assert.deepEqual(resultLines(r.stdout), [
      "PASS test :: files.exists(g, 'main.py')",
      "FAIL test :: files.exists(g, 'x.py')",
      "--> No file named 'x.py' found in scope",
      "PASS test :: files.contains(g, 'in.py')",
    ]);
  });

  it('R-05 contains on a folder', async () => {
    const r = await runIn(one("files.contains(src, 'main.py')", "files.contains(src, 'x')"));
    assert.deepEqual(resultLines(r.stdout), ["PASS test :: files.contains(src, 'main.py')", "FAIL test :: files.contains(src, 'x')", "--> Folder 'src' does not contain 'x'"]);
  });

  it('R-06 exists accepts directories and sub-paths', async () => {
    const r = await runIn(hie('element test:', "    scope root = files.folder_selector('.')", "    check files.exists(root, 'pkg')", "    check files.exists(root, 'pkg/sub/a.txt')"), { ...MAIN_PY, 'pkg/sub/a.txt': 'a' });
    assert.deepEqual(resultLines(r.stdout), ["PASS test :: files.exists(root, 'pkg')", "PASS test :: files.exists(root, 'pkg/sub/a.txt')"]);
  });

  it('R-07 no_files_matching', async () => {
    const r = await runIn(one("files.no_files_matching(src, '*.pyc')", "files.no_files_matching(src, '*.tmp')"), { ...MAIN_PY, 'src/cache.pyc': 'x' });
    const lines = resultLines(r.stdout);
    assert.equal(lines[0], "FAIL test :: files.no_files_matching(src, '*.pyc')");
    assert.ok(lines[1].startsWith("--> Found 1 files matching pattern '*.pyc': ["), lines[1]);
    assert.ok(lines[1].endsWith('cache.pyc"]'), lines[1]);
    assert.equal(lines[2], "PASS test :: files.no_files_matching(src, '*.tmp')");
  });

  it('R-08 max_size: limits, float truncation; a minus sign is a validation error (deliberate, L-05)', async () => {
    const r = await runIn(one('files.max_size(src, 2)', 'files.max_size(src, 1)', 'files.max_size(src, 1.9)'), { 'src/a.txt': 'ab' });
    const lines = resultLines(r.stdout);
    assert.equal(lines[0], 'PASS test :: files.max_size(src, 2)');
    assert.equal(lines[1], 'FAIL test :: files.max_size(src, 1)');
    assert.match(lines[2], /^--> File '.*a\.txt' exceeds maximum size \(2 > 1 bytes\)$/);
    assert.equal(lines[3], 'FAIL test :: files.max_size(src, 1.9)');
    assert.equal(lines[4], lines[2]);
    const minus = await runIn(one('files.max_size(src, -1)'), { 'src/a.txt': 'ab' });
    assert.equal(minus.stderr, "error[E017]: Invalid character '-'\n  --> t.hie:4:31\n");
    assert.equal(minus.exit, 1);
  });

  it('R-09 argument errors are check errors', async () => {
    const r = await runIn(one("files.exists('.', 'Dockerfile')", 'files.exists(src)'));
    assert.deepEqual(resultLines(r.stdout), [
      "ERROR test :: files.exists('.', 'Dockerfile')",
      '--> exists requires a scope as first argument',
      'ERROR test :: files.exists(src)',
      '--> exists requires a filename as second argument',
    ]);
  });

  it('R-10 selectors are not checks and vice versa', async () => {
    const r = await runIn(one("files.matches_pattern(src, '*.py')", "files.folder_selector('src')"));
    assert.deepEqual(resultLines(r.stdout), [
      "ERROR test :: files.matches_pattern(src, '*.py')",
      '--> Unknown check function: files.matches_pattern',
      "ERROR test :: files.folder_selector('src')",
      '--> Unknown check function: files.folder_selector',
    ]);
  });

  it('R-11 non-call checks (errors for run; deliberate: check reports them too)', async () => {
    const text = one('src', 'true', 'a.b.c(src)');
    const ws = new TempWorkspace({ 't.hie': text, ...MAIN_PY });
    try {
      const check = await ws.cli('check', 't.hie');
      assert.equal(check.exit, 1);
      assert.equal(
        check.stdout,
        'error[E204] : Check must be a function call (a check calls a library function: `check library.function(arguments)`)\n  --> t.hie:4:11\n\n' +
          'error[E204] : Check must be a function call (a check calls a library function: `check library.function(arguments)`)\n  --> t.hie:5:11\n\n' +
          'error[E205] : Expected library.function (call a function of a library: `library.function(arguments)`)\n  --> t.hie:6:11\n\n',
      );
      const r = await ws.cli('run', 't.hie');
      assert.deepEqual(resultLines(r.stdout), [
        'ERROR test :: src',
        '--> Check must be a function call',
        'ERROR test :: true',
        '--> Check must be a function call',
        'ERROR test :: a.b.c(src)',
        '--> Expected library.function',
      ]);
    } finally {
      ws.dispose();
    }
  });

  it('R-12 undefined identifier', async () => {
    const r = await runIn(one("files.exists(nope, 'x')"));
    assert.deepEqual(resultLines(r.stdout), ["ERROR test :: files.exists(nope, 'x')", '--> Undefined identifier: nope']);
  });

  it('R-13 unknown library, after the arguments', async () => {
    const r = await runIn(one('docker.has_healthcheck(src)', 'docker.has_healthcheck(nope)'));
    assert.deepEqual(resultLines(r.stdout), [
      'ERROR test :: docker.has_healthcheck(src)',
      '--> Unknown library: docker',
      'ERROR test :: docker.has_healthcheck(nope)',
      '--> Undefined identifier: nope',
    ]);
  });

  it('R-14 failing scope selectors are silent', async () => {
    const r = await runIn(hie('element a:', "    scope d = docker.file_selector('Dockerfile')", "    check files.exists(d, 'x')"));
    assert.equal(r.stdout, "Starting Running checks in `t.hie`...\n\n  ERROR a :: files.exists(d, 'x')\n        --> Undefined identifier: d\n        at t.hie:3:24\n\nSummary: 1 total, 0 passed, 0 failed, 1 errors\n");
    assert.equal(r.stderr, '');
    assert.equal(r.exit, 1);
  });

  const nested = (ref: string): string =>
    hie('element p:', '    element child:', "        scope src = files.folder_selector('src')", 'element q:', `    check files.exists(${ref}, 'main.py')`);

  it('R-15 two-segment member access is an error', async () => {
    const r = await runIn(nested('child.src'));
    assert.deepEqual(resultLines(r.stdout), ["ERROR q :: files.exists(child.src, 'main.py')", '--> Member access child.src cannot be evaluated directly']);
  });

  it('R-16 three-segment member access resolves by path suffix', async () => {
    assert.deepEqual(resultLines((await runIn(nested('p.child.src'))).stdout), ["PASS q :: files.exists(p.child.src, 'main.py')"]);
    assert.deepEqual(resultLines((await runIn(nested('x.y.src'))).stdout), ["ERROR q :: files.exists(x.y.src, 'main.py')", '--> Undefined reference: x.y.src']);
  });

  it("R-17 parents cannot see children's scopes", async () => {
    const r = await runIn(hie('element p:', "    check files.exists(src, 'main.py')", '    element c:', "        scope src = files.folder_selector('src')"));
    assert.deepEqual(resultLines(r.stdout), ["ERROR p :: files.exists(src, 'main.py')", '--> Undefined identifier: src']);
  });

  it('R-18 later elements see earlier scopes by bare name', async () => {
    const r = await runIn(hie('element a:', "    scope src = files.folder_selector('src')", 'element b:', "    check files.exists(src, 'main.py')"));
    assert.deepEqual(resultLines(r.stdout), ["PASS b :: files.exists(src, 'main.py')"]);
  });

  it('R-19 aliases are not created (deliberate: check says so, with the library the alias stands for)', async () => {
    const text = hie('import files as f', 'element a:', "    scope src = files.folder_selector('src')", "    check f.exists(src, 'main.py')");
    const ws = new TempWorkspace({ 't.hie': text, ...MAIN_PY });
    try {
      const check = await ws.cli('check', 't.hie');
      assert.equal(check.stdout, "error[E203] : Unknown library: f (`import files as f` does not create an alias; did you mean 'files'?)\n  --> t.hie:4:11\n\n");
      assert.equal(check.exit, 1);
      const r = await ws.cli('run', 't.hie');
      assert.deepEqual(resultLines(r.stdout), ["ERROR a :: f.exists(src, 'main.py')", '--> Unknown library: f']);
    } finally {
      ws.dispose();
    }
  });

  it('R-20 patterns, refs, uses, bindings are not executed; an unknown pattern is a warning (deliberate)', async () => {
    const text = hie(
      'pattern p:',
      '    scope placeholder',
      "    check files.exists(nothing, 'x')",
      'element e implements p, undefined_pattern:',
      "    scope src = files.folder_selector('src')",
      '    ref r: Foo = nolib.f()',
      '    src uses nothing.here',
      '    p.placeholder = docker.f()',
      "    check files.exists(src, 'main.py')",
    );
    const ws = new TempWorkspace({ 't.hie': text, ...MAIN_PY });
    try {
      const check = await ws.cli('check', 't.hie');
      assert.equal(check.exit, 0);
      assert.equal(
        check.stdout,
        "warning[W102] : Unknown pattern 'undefined_pattern': no pattern or template of that name in this file\n  --> t.hie:4:25\n\nFinished `t.hie` validated with 1 warning\n",
      );
      const r = await ws.cli('run', 't.hie');
      assert.deepEqual(resultLines(r.stdout), ["PASS e :: files.exists(src, 'main.py')"]);
      assert.equal(r.exit, 0);
    } finally {
      ws.dispose();
    }
  });

  it('R-21 mixed outcome summary and exit code', async () => {
    const r = await runIn(one("files.exists(src, 'main.py')", "files.exists(src, 'no.py')", "files.exists(nope, 'x')"));
    assert.equal(summaryLine(r.stdout), 'Summary: 3 total, 1 passed, 1 failed, 1 errors');
    assert.equal(r.exit, 1);
  });

  it('R-22 --filter', async () => {
    const text = hie('element alpha:', "    scope src = files.folder_selector('src')", "    check files.exists(src, 'main.py')", 'element beta:', "    check files.exists(src, 'main.py')");
    const r = await runIn(text, MAIN_PY, 'run', 't.hie', '--filter', 'alp');
    assert.deepEqual(resultLines(r.stdout), ["PASS alpha :: files.exists(src, 'main.py')"]);
    assert.equal(summaryLine(r.stdout), 'Summary: 1 total, 1 passed, 0 failed, 0 errors, 1 skipped');
    assert.equal(r.exit, 0);
  });

  it('R-23 --limit: skipped checks in the element, abandoned elements not counted', async () => {
    const three = await runIn(one("files.exists(src, 'main.py')", "files.exists(src, 'a')", "files.exists(src, 'b')"), MAIN_PY, 'run', 't.hie', '--limit', '1');
    assert.equal(summaryLine(three.stdout), 'Summary: 1 total, 1 passed, 0 failed, 0 errors, 2 skipped');
    const text = hie('element a:', "    scope src = files.folder_selector('src')", "    check files.exists(src, 'main.py')", 'element b:', "    check files.exists(src, 'x')", "    check files.exists(src, 'y')");
    const two = await runIn(text, MAIN_PY, 'run', 't.hie', '--limit', '1');
    assert.deepEqual(resultLines(two.stdout), ["PASS a :: files.exists(src, 'main.py')"]);
    assert.equal(summaryLine(two.stdout), 'Summary: 1 total, 1 passed, 0 failed, 0 errors');
  });

  it('R-24 canonical check text', async () => {
    const r = await runIn(one('files.exists(files.folder_selector("src"), "main.py")', 'files.max_size(src, 1048576)', 'files.max_size(src, 2.5)', "rec.f([1, 'a', true], 0.125)"));
    assert.deepEqual(
      resultLines(r.stdout).filter((l) => !l.startsWith('-->')).map((l) => l.slice(l.indexOf(' :: ') + 4)),
      ["files.exists(files.folder_selector('src'), 'main.py')", 'files.max_size(src, 1048576)', 'files.max_size(src, 2.5)', "rec.f([1, 'a', true], 0.125)"],
    );
  });

  it('a number beyond 2^53 in a check is printed as Rust prints an f64 (issue 13)', async () => {
    const r = await runIn(one('files.max_size(src, 123456789012345690000000)'));
    assert.deepEqual(resultLines(r.stdout), ['PASS test :: files.max_size(src, 123456789012345690000000)']);
  });

  it("R-25 the default workspace is the spec's directory", async () => {
    const ws = new TempWorkspace({ 'ws/t.hie': R01, 'ws/src/main.py': "print('hello')" });
    try {
      assert.deepEqual(resultLines((await ws.cli('run', 'ws/t.hie')).stdout), ["PASS test :: files.exists(src, 'main.py')"]);
      const r = await ws.cli('run', 'ws/t.hie', '--workspace', '.');
      assert.deepEqual(resultLines(r.stdout), ["FAIL test :: files.exists(src, 'main.py')", "--> File 'main.py' does not exist in folder 'src'"]);
    } finally {
      ws.dispose();
    }
  });

  it('R-26 nested element paths and order', async () => {
    const r = await runIn(hie('element outer:', "    scope src = files.folder_selector('src')", "    check files.exists(src, 'main.py')", '    element inner:', "        check files.exists(src, 'main.py')"));
    assert.deepEqual(resultLines(r.stdout), ["PASS outer :: files.exists(src, 'main.py')", "PASS outer.inner :: files.exists(src, 'main.py')"]);
  });

  it('R-27 dry run with refs and uses', async () => {
    const text = hie('element a:', "    scope src = files.folder_selector('src')", '    ref r: Foo = nolib.f()', '    src uses a.b', "    check files.exists(src, 'x')", '    element b:', "        scope s = files.folder_selector('s')");
    const r = await runIn(text, MAIN_PY, 'run', 't.hie', '--dry-run', '--format', 'json');
    assert.equal(r.stdout, 'Info Dry run - showing checks that would be executed:\n\nelement a:\n  scope src = ...\n  ref r: Foo = ...\n  src uses a.b\n  → check ...\n  element b:\n    scope s = ...\n');
    assert.equal(r.exit, 0);
  });

  it('R-28 validation errors stop run (human and JSON)', async () => {
    const text = hie('element a', "    scope x = files.folder_selector('x')");
    const human = await runIn(text);
    assert.equal(human.stdout, '');
    assert.equal(human.stderr, 'error[E007]: Expected Colon, found Newline\n  --> t.hie:1:10\n');
    assert.equal(human.exit, 1);
    const json = await runIn(text, MAIN_PY, 'run', 't.hie', '--format', 'json');
    const report = JSON.parse(json.stdout);
    assert.equal(report.status, 'error');
    assert.equal(report.errors[0].code, 'E007');
    assert.equal(json.exit, 1);
  });

  it('R-29 warnings neither stop nor print', async () => {
    const r = await runIn('import docker\n' + R01);
    assert.equal(r.stdout, "Starting Running checks in `t.hie`...\n\n  PASS test :: files.exists(src, 'main.py')\n\nSummary: 1 total, 1 passed, 0 failed, 0 errors\n");
    assert.equal(r.stderr, '');
    assert.equal(r.exit, 0);
  });

  it('R-30 no checks', async () => {
    const r = await runIn(hie('import files', 'element empty:', "    scope src = files.folder_selector('src')"));
    assert.equal(r.stdout, 'Starting Running checks in `t.hie`...\n\n\nSummary: 0 total, 0 passed, 0 failed, 0 errors\n');
    assert.equal(r.exit, 0);
  });

  it('R-31 verbose progress on stderr', async () => {
    const r = await runIn(R01, MAIN_PY, 'run', 't.hie', '--verbose', '--filter', 'te', '--limit', '5');
    assert.equal(
      r.stderr,
      [
        '[verbose] Workspace directory: .',
        '[verbose] Filter: te',
        '[verbose] Limit: 5 checks',
        '[verbose] Evaluating scope: test.src',
        '[verbose]   -> resolved 1 paths',
        "[verbose] Running: test :: files.exists(src, 'main.py') ... PASS",
        '',
      ].join('\n'),
    );
    assert.equal(r.stdout, "Starting Running checks in `t.hie`...\n\n  PASS test :: files.exists(src, 'main.py')\n\nSummary: 1 total, 1 passed, 0 failed, 0 errors\n");
  });

  it('verbose: scope errors and unbounded scopes', async () => {
    const r = await runIn(hie('element a:', "    scope d = docker.file_selector('x')", "    check files.exists(d, 'x')"), MAIN_PY, 'run', 't.hie', '-v');
    assert.ok(r.stderr.includes('[verbose] Evaluating scope: a.d\n[verbose]   -> ERROR: Unknown library: docker\n'), r.stderr);
    assert.ok(r.stderr.includes("[verbose] Running: a :: files.exists(d, 'x') ... ERROR: Undefined identifier: d\n"), r.stderr);
  });
});
