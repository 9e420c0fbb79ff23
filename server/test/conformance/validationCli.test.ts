import { strict as assert } from 'node:assert';
import { brief, checkText, TempWorkspace } from '../helpers/cliHarness';

/** conformance.md §4 (V-01..V-04) and §9 (C-01..C-05). */
const V03_INPUT = "element a\n    scope x = files.folder_selector('x')\n";

describe('conformance: validation (V-)', () => {
  it('V-01 built-ins never warn', async () => {
    const result = await checkText("import files\nimport python\nimport rust\nelement a:\n    scope x = files.folder_selector('x')\n");
    assert.deepEqual(result.diagnostics, []);
  });

  it('V-02 W001 JSON shape, byte for byte', async () => {
    const ws = new TempWorkspace({ 't.hie': "import docker\n\nelement a:\n    scope x = files.folder_selector('x')\n" });
    try {
      const result = await ws.cli('check', 't.hie', '--format', 'json');
      assert.equal(result.exit, 0);
      assert.equal(
        result.stdout,
        `{
  "version": "1.0",
  "status": "ok",
  "errors": [],
  "warnings": [
    {
      "severity": "warning",
      "code": "W001",
      "message": "Unknown library 'docker' (will be resolved at runtime)",
      "file": "t.hie",
      "span": {
        "start": {
          "line": 1,
          "column": 8,
          "offset": 7
        },
        "end": {
          "line": 1,
          "column": 14,
          "offset": 13
        }
      }
    }
  ],
  "summary": {
    "total_errors": 0,
    "total_warnings": 1
  }
}
`,
      );
    } finally {
      ws.dispose();
    }
  });

  it('V-03 error JSON shape', async () => {
    const ws = new TempWorkspace({ 't.hie': V03_INPUT });
    try {
      const result = await ws.cli('check', 't.hie', '--format', 'json');
      assert.equal(result.exit, 1);
      const report = JSON.parse(result.stdout);
      assert.equal(report.status, 'error');
      assert.deepEqual(report.errors[0], {
        severity: 'error',
        code: 'E007',
        message: 'Expected Colon, found Newline',
        file: 't.hie',
        span: { start: { line: 1, column: 10, offset: 9 }, end: { line: 1, column: 11, offset: 10 } },
      });
      assert.equal(report.summary.total_errors, 1);
    } finally {
      ws.dispose();
    }
  });

  it('V-04 error human shape', async () => {
    const ws = new TempWorkspace({ 't.hie': V03_INPUT });
    try {
      const result = await ws.cli('check', 't.hie');
      assert.equal(result.stdout, 'error[E007] : Expected Colon, found Newline\n  --> t.hie:1:10\n\n');
      assert.equal(result.stderr, 'error: could not validate `t.hie` due to 1 previous error\n');
      assert.equal(result.exit, 1);
    } finally {
      ws.dispose();
    }
  });

  it('positions are bytes in the CLI (non-ASCII before the error)', async () => {
    const result = await checkText("element a:\n    scope x = files.folder_selector('é') ;\n");
    assert.deepEqual(result.diagnostics.map(brief), ["E017 2:43 Invalid character ';'"]);
  });
});

describe('conformance: CLI basics (C-01..C-05)', () => {
  const ws = new TempWorkspace({ 'p.hie': "element test:\n    scope src = files.folder_selector('src')\n    check files.exists(src, 'main.py')\n", 'bad.hie': V03_INPUT });
  after(() => ws.dispose());

  it('C-01 --version', async () => {
    assert.deepEqual(await ws.cli('--version'), { exit: 0, stdout: 'hielements 0.1.0\n', stderr: '' });
  });

  it('C-02 unreadable file: exit 2', async () => {
    for (const command of ['check', 'parse']) {
      const result = await ws.cli(command, 'missing.hie');
      assert.equal(result.exit, 2);
      assert.equal(result.stderr, "error: Failed to read file 'missing.hie': No such file or directory (os error 2)\n");
    }
  });

  it('C-03 usage errors: exit 2', async () => {
    assert.equal((await ws.cli()).exit, 2);
    assert.equal((await ws.cli('check', 'p.hie', '--workspace', 'x')).exit, 2);
    assert.equal((await ws.cli('frobnicate')).exit, 2);
  });

  it('C-04 parse prints the AST', async () => {
    const result = await ws.cli('parse', 'p.hie');
    assert.equal(result.exit, 0);
    const ast = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(ast), ['imports', 'languages', 'templates', 'elements', 'span']);
    const call = ast.elements[0].scopes[0].expression.FunctionCall;
    assert.equal(call.function.MemberAccess.object.Identifier.name, 'files');
    assert.equal(call.function.MemberAccess.member.name, 'folder_selector');
    assert.equal(call.arguments[0].String.value, 'src');
  });

  it('C-05 parse of a broken file prints only the messages', async () => {
    const result = await ws.cli('parse', 'bad.hie');
    assert.deepEqual(result, { exit: 1, stdout: '', stderr: 'error: Expected Colon, found Newline\n' });
  });

  it('numbers keep a fractional part in the AST JSON', async () => {
    ws.write({ 'n.hie': 'element a:\n    check files.max_size(x, 8080)\n' });
    const result = await ws.cli('parse', 'n.hie');
    assert.match(result.stdout, /"value": 8080\.0,/);
  });
});
