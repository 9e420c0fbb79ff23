import { strict as assert } from 'node:assert';
import { TempWorkspace } from '../helpers/cliHarness';

/** The examples, one check each (lines 6–11 of t.hie). */
const SPEC = `import files
import golang

element demo:
    scope root = files.folder_selector('.')
    check files.exist(root, 'a.hie')
    check files.exists(rot, 'a.hie')
    check files.exists(root)
    check files.max_size(root, 'big')
    check golang.thing(root)
    check files.exists(root, 'a.hie', 'extra')
`;

interface Reported {
  severity: string;
  code: string;
  message: string;
  span: { start: { line: number; column: number }; end: { line: number; column: number } };
}
const brief = (d: Reported): string => `${d.code} ${d.span.start.line}:${d.span.start.column}-${d.span.end.line}:${d.span.end.column} ${d.message}`;

/** `hielements check` and `run` over the static checker (staticCheck/): exact reports. */
describe('cli: check reports what run would reject; run locates every failure', () => {
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace({ 't.hie': SPEC, 'a.hie': 'element a:\n    # nothing\n' })));
  afterEach(() => ws.dispose());

  it('check --format json: each kind of error with its range and suggestion, the ignored argument as a warning', async () => {
    const r = await ws.cli('check', 't.hie', '--format', 'json');
    assert.equal(r.exit, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.status, 'error');
    assert.deepEqual(report.errors.map(brief), [
      "E199 6:17-6:22 Unknown check function: files.exist (did you mean 'files.exists'?)",
      "E200 7:24-7:27 Undefined identifier: rot (did you mean 'root'?)",
      'E111 8:17-8:23 exists requires a filename as second argument (expected files.exists(scope: Scope, filename: string))',
      'E117 9:32-9:37 max_size requires a number as second argument (a string is given; expected files.max_size(scope: Scope, max_bytes: integer))',
      "E203 10:11-10:17 Unknown library: golang ('golang' is imported, but it is neither built in nor configured in hielements.toml)",
    ]);
    assert.deepEqual(report.warnings.map(brief), [
      "W001 2:8-2:14 Unknown library 'golang' (will be resolved at runtime)",
      'W110 11:39-11:46 files.exists takes 2 arguments; the extra argument is ignored (expected files.exists(scope: Scope, filename: string))',
    ]);
    assert.deepEqual(report.summary, { total_errors: 5, total_warnings: 2 });
  });

  it('check (human): the reference layout, the suggestion in the message', async () => {
    ws.write({ 't.hie': "element demo:\n    scope root = files.folder_selector('.')\n    check files.exist(root, 'a.hie')\n" });
    const r = await ws.cli('check', 't.hie');
    assert.equal(r.stdout, "error[E199] : Unknown check function: files.exist (did you mean 'files.exists'?)\n  --> t.hie:3:17\n\n");
    assert.equal(r.stderr, 'error: could not validate `t.hie` due to 1 previous error\n');
    assert.equal(r.exit, 1);
  });

  it("run: each predicted failure is that check's ERROR with the run's own message and its place; the other checks run", async () => {
    const r = await ws.cli('run', 't.hie');
    assert.equal(
      r.stdout,
      'Starting Running checks in `t.hie`...\n\n' +
        "  ERROR demo :: files.exist(root, 'a.hie')\n        --> Unknown check function: files.exist\n        at t.hie:6:17\n" +
        "  ERROR demo :: files.exists(rot, 'a.hie')\n        --> Undefined identifier: rot\n        at t.hie:7:24\n" +
        '  ERROR demo :: files.exists(root)\n        --> exists requires a filename as second argument\n        at t.hie:8:17\n' +
        "  ERROR demo :: files.max_size(root, 'big')\n        --> max_size requires a number as second argument\n        at t.hie:9:32\n" +
        '  ERROR demo :: golang.thing(root)\n        --> Unknown library: golang\n        at t.hie:10:11\n' +
        "  PASS demo :: files.exists(root, 'a.hie', 'extra')\n\n" +
        'Summary: 6 total, 1 passed, 0 failed, 5 errors\n',
    );
    assert.equal(r.exit, 1);
  });

  it('run --format json: the reference shape plus the span each result points at', async () => {
    ws.write({ 't.hie': "element demo:\n    scope root = files.folder_selector('.')\n    check files.exist(root, 'a.hie')\n    check files.exists(root, 'b.hie')\n" });
    const r = await ws.cli('run', 't.hie', '--format', 'json');
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report.results[0]), ['check', 'element', 'message', 'span', 'status']);
    assert.deepEqual(report.results[0], {
      check: "files.exist(root, 'a.hie')",
      element: 'demo',
      message: 'Unknown check function: files.exist',
      span: { end: { column: 22, line: 3, offset: 79 }, start: { column: 17, line: 3, offset: 74 } },
      status: 'error',
    });
    assert.deepEqual(report.results[1].span, { end: { column: 38, line: 4, offset: 132 }, start: { column: 11, line: 4, offset: 105 } });
    assert.equal(report.results[1].status, 'fail');
  });

  it("check sees the libraries configured where run will look (the spec's directory) and where the reference looks (the current one)", async () => {
    ws.write({
      'sub/t.hie': "import golang\nelement demo:\n    scope root = files.folder_selector('.')\n    check golang.thing(root)\n    check files.exist(root, 'x')\n",
      'sub/hielements.toml': '[libraries]\ngolang = { executable = "golang-plugin" }\n',
    });
    // golang is configured next to the spec: opaque, not unknown (W001 is the reference's, from the current directory)
    const fromParent = await ws.cli('check', 'sub/t.hie', '--format', 'json');
    assert.deepEqual(JSON.parse(fromParent.stdout).errors.map(brief), ["E199 5:17-5:22 Unknown check function: files.exist (did you mean 'files.exists'?)"]);
    // a plugin configured as `files` replaces the built-in: its functions are unknown to `check`, never wrong
    ws.write({ 'hielements.toml': '[libraries]\nfiles = { executable = "files-plugin" }\n' });
    const replaced = await ws.cli('check', 'sub/t.hie', '--format', 'json');
    assert.deepEqual(JSON.parse(replaced.stdout).errors, []);
    assert.equal(replaced.exit, 0);
  });
});
