import { strict as assert } from 'node:assert';
import { TempWorkspace } from '../helpers/cliHarness';

/** `run --pattern-checks`: implemented patterns' checks run with the element's bindings (language.md §8.1, docs intent). */
const SPEC = `pattern documented:
    scope docs
    scope api
    element readme:
        scope file = files.file_selector('README.md')
        check files.exists(file, 'README.md')
    check files.exists(docs, 'index.md')

element good implements documented:
    scope d binds documented.docs = files.folder_selector('docs')
    documented.api = files.folder_selector('src')
element bad implements documented:
    scope d binds documented.docs = files.folder_selector('src')
`;

const FILES = { 't.hie': SPEC, 'docs/index.md': '# docs', 'src/main.py': '', 'README.md': '# readme' };

const lines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());

describe('eval: pattern checks (--pattern-checks)', () => {
  it("runs each implementer's pattern checks with its own bound values, under <element>#<pattern path>", async () => {
    const ws = new TempWorkspace(FILES);
    try {
      const r = await ws.cli('run', 't.hie', '--pattern-checks');
      assert.deepEqual(lines(r.stdout), [
        "PASS good#documented :: files.exists(docs, 'index.md')",
        "PASS good#documented.readme :: files.exists(file, 'README.md')",
        "FAIL bad#documented :: files.exists(docs, 'index.md')",
        "--> File 'index.md' does not exist in folder 'src'",
        // a pattern check is located in the pattern
        'at t.hie:7:11',
        "PASS bad#documented.readme :: files.exists(file, 'README.md')",
      ]);
      assert.equal(r.exit, 1);
    } finally {
      ws.dispose();
    }
  });

  it('a check using a placeholder nobody bound is an Error that says which binding is missing (E206)', async () => {
    const ws = new TempWorkspace({ ...FILES, 't.hie': SPEC.replace("    check files.exists(docs, 'index.md')", "    check files.exists(api, 'main.py')") });
    try {
      const r = await ws.cli('run', 't.hie', '--pattern-checks', '--format', 'json');
      const results = JSON.parse(r.stdout).results.map((x: { element: string; status: string; message: string | null }) => [x.element, x.status, x.message]);
      assert.deepEqual(results, [
        ['good#documented', 'pass', null],
        ['good#documented.readme', 'pass', null],
        ['bad#documented', 'error', 'Unbound placeholder documented.api: bind it with `binds documented.api`'],
        ['bad#documented.readme', 'pass', null],
      ]);
    } finally {
      ws.dispose();
    }
  });

  it('without the option the run is the reference run (pattern checks never execute)', async () => {
    const ws = new TempWorkspace(FILES);
    try {
      const r = await ws.cli('run', 't.hie');
      assert.equal(r.stdout.trim().split('\n').pop(), 'Summary: 0 total, 0 passed, 0 failed, 0 errors');
      assert.equal(r.exit, 0);
    } finally {
      ws.dispose();
    }
  });
});
