import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURES, REFERENCE } from '../helpers/paths';
import { resultLines, summaryLine } from './runSupport';

async function cli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const exit = await main(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t), cwd });
  return { exit, stdout, stderr };
}

/** conformance.md §10 E-03..E-07: the upstream examples run from `reference/`. */
describe('conformance: running the upstream examples (E-03..E-07)', () => {
  it('E-03 missing braces nest the following element', async () => {
    const r = await cli(REFERENCE, 'run', 'examples/language_example.hie');
    assert.deepEqual(resultLines(r.stdout), [
      "FAIL api_service :: files.exists(src, '__init__.py')",
      "--> File '__init__.py' does not exist in folder 'src/api'",
      "FAIL api_service.full_stack_app.backend.api :: files.exists(src, 'lib.rs')",
      "--> File 'lib.rs' does not exist in folder 'backend/api'",
      "FAIL api_service.full_stack_app.backend.db :: files.exists(src, 'mod.rs')",
      "--> File 'mod.rs' does not exist in folder 'backend/db'",
    ]);
    assert.equal(summaryLine(r.stdout), 'Summary: 3 total, 0 passed, 3 failed, 0 errors');
    assert.equal(r.exit, 1);
  });

  it('E-04 simple.hie against an empty workspace', async () => {
    const r = await cli(REFERENCE, 'run', 'examples/simple.hie');
    assert.deepEqual(
      resultLines(r.stdout).filter((l) => !l.startsWith('-->') || l.includes('test_main')),
      [
        "FAIL example_service :: files.exists(src, 'main.py')",
        "FAIL example_service :: files.exists(src, '__init__.py')",
        "PASS example_service :: files.no_files_matching(src, '*.pyc')",
        "PASS example_service :: files.no_files_matching(src, '__pycache__')",
        "FAIL example_service.tests :: files.exists(test_src, 'test_main.py')",
        "--> File 'test_main.py' does not exist in folder 'tests'",
      ],
    );
    assert.equal(summaryLine(r.stdout), 'Summary: 5 total, 2 passed, 3 failed, 0 errors');
    assert.equal(r.exit, 1);
  });

  it('E-05 hierarchical.hie', async () => {
    const r = await cli(REFERENCE, 'run', 'examples/hierarchical.hie');
    assert.equal(summaryLine(r.stdout), 'Summary: 7 total, 0 passed, 1 failed, 6 errors');
    const lines = resultLines(r.stdout);
    const after = (line: string) => lines[lines.indexOf(line) + 1];
    assert.equal(after('ERROR my_app.backend :: docker.has_healthcheck(dockerfile)'), '--> Undefined identifier: dockerfile');
    assert.equal(after("ERROR my_app.backend :: rust.function_exists(src, 'main')"), '--> function_exists requires a function name');
    assert.equal(r.exit, 1);
  });

  it('E-06 pattern_usage.hie', async () => {
    const r = await cli(REFERENCE, 'run', 'examples/pattern_usage.hie');
    assert.equal(summaryLine(r.stdout), 'Summary: 20 total, 0 passed, 19 failed, 1 errors');
    assert.deepEqual(resultLines(r.stdout).filter((l) => l.startsWith('ERROR')), ["ERROR production_microservice.container :: files.exists('.', 'Dockerfile')"]);
    assert.equal(r.exit, 1);
  });

  it('E-07 microservices.hie', async () => {
    const r = await cli(REFERENCE, 'run', 'examples/microservices.hie');
    assert.equal(summaryLine(r.stdout), 'Summary: 8 total, 0 passed, 8 failed, 0 errors');
    assert.equal(r.exit, 1);
  });

  it('R-27 dry run of simple.hie', async () => {
    const r = await cli(REFERENCE, 'run', 'examples/simple.hie', '--dry-run');
    assert.equal(
      r.stdout,
      'Info Dry run - showing checks that would be executed:\n\nelement example_service:\n  scope src = ...\n  scope config = ...\n  → check ...\n  → check ...\n  → check ...\n  → check ...\n  element tests:\n    scope test_src = ...\n    → check ...\n',
    );
    assert.equal(r.exit, 0);
  });

  it('R-30 minimal.hie has no checks', async () => {
    const r = await cli(REFERENCE, 'run', 'examples/minimal.hie');
    assert.equal(summaryLine(r.stdout), 'Summary: 0 total, 0 passed, 0 failed, 0 errors');
    assert.equal(r.exit, 0);
  });
});

describe('hielements.hie against test-fixtures/reference-layout', () => {
  const spec = path.join(REFERENCE, 'hielements.hie');
  const layout = path.join(FIXTURES, 'reference-layout');

  it('passes all 121 checks', async () => {
    const r = await cli(layout, 'run', spec, '-w', '.');
    assert.equal(summaryLine(r.stdout), 'Summary: 121 total, 121 passed, 0 failed, 0 errors');
    assert.equal(resultLines(r.stdout).length, 121);
    assert.equal(r.exit, 0);
  });

  it('a mutated copy fails exactly the checks its changes break', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-layout-'));
    try {
      fs.cpSync(layout, dir, { recursive: true });
      fs.rmSync(path.join(dir, 'LICENSE'));
      const lexer = path.join(dir, 'crates/hielements-core/src/lexer.rs');
      fs.writeFileSync(lexer, fs.readFileSync(lexer, 'utf8').replace('pub struct Lexer;', 'pub struct Tokenizer;'));
      fs.rmSync(path.join(dir, 'crates/hielements-core/src/parser.rs'));
      const r = await cli(dir, 'run', spec, '--workspace', dir);
      assert.deepEqual(
        resultLines(r.stdout).filter((l) => !l.startsWith('PASS')),
        [
          "FAIL hielements :: files.exists(root, 'LICENSE')",
          "--> File 'LICENSE' does not exist in folder '.'",
          'ERROR hielements.core :: rust.depends_on(parser_mod, lexer_mod)',
          '--> Source scope has no paths',
          "FAIL hielements.core.lexer :: rust.struct_exists('Lexer')",
          "--> Struct 'Lexer' not found",
          "FAIL hielements.core.parser :: rust.struct_exists('Parser')",
          "--> Struct 'Parser' not found",
          "FAIL hielements.core.parser :: rust.function_exists('parse')",
          "--> Function 'parse' not found",
          'FAIL hielements.core.parser :: rust.has_tests(module)',
          '--> No tests found',
          'ERROR hielements.core.parser :: rust.depends_on(module, lexer_module)',
          '--> Source scope has no paths',
        ],
      );
      assert.equal(summaryLine(r.stdout), 'Summary: 121 total, 114 passed, 5 failed, 2 errors');
      assert.equal(r.exit, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
