import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { debianCrate, stdlibPackage, type Corpus } from '../../bench/realCode/corpora';
import { runSpec, smokeRun, type SpecRun } from '../../bench/realCode/smoke';

/**
 * The cheap variant of the real-code smoke run of `npm run bench -- engine`: two small crates
 * from Debian (`apt-get download`, about 60 kB, cached under bench/.data/real-code) and one
 * package of the Python standard library, each with its generated spec, run by the CLI.
 */
describe('real code: generated specs on Debian crates and the Python standard library', function () {
  this.timeout(120_000);
  let specDir: string;
  before(() => {
    specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-real-code-'));
  });
  after(() => fs.rmSync(specDir, { recursive: true, force: true }));

  const corpora: [string, () => Corpus][] = [
    ['bitflags', () => debianCrate('bitflags')],
    ['pin-project-lite', () => debianCrate('pin-project-lite')],
    ['python json', () => stdlibPackage('json')],
  ];
  for (const [name, corpus] of corpora) {
    it(`${name}: every check runs, none is an ERROR`, () => {
      const r = smokeRun(corpus(), specDir);
      assert.deepEqual(r.problems, []);
      assert.ok(r.sourceFiles > 0);
      assert.ok(r.summary.total >= 80, `${r.summary.total} checks`);
      assert.equal(r.summary.passed + r.summary.failed, r.summary.total);
      assert.ok(r.summary.passed > 0 && r.summary.failed > 0, 'names found in code pass, near misses fail');
    });
  }

  const statuses = (r: SpecRun): Record<string, string> => Object.fromEntries(r.results.map((x) => [x.check, x.status]));

  it('bitflags: structs declared by bitflags! count; functions of macro_rules! templates do not', () => {
    const spec = [
      'import rust',
      'element bitflags {',
      "    scope crate = rust.crate_selector('bitflags')",
      "    check rust.struct_exists('AnotherSetOfFlags')",
      "    check rust.struct_exists('EmptyFlags')",
      "    check rust.function_exists('bits')",
      '    check rust.has_tests(crate)',
      '}',
    ].join('\n');
    const r = runSpec(debianCrate('bitflags'), spec, path.join(specDir, 'bitflags-macros.hie'));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(statuses(r), {
      "rust.struct_exists('AnotherSetOfFlags')": 'pass',
      "rust.struct_exists('EmptyFlags')": 'pass',
      "rust.function_exists('bits')": 'fail',
      'rust.has_tests(crate)': 'pass',
    });
  });

  it('pin-project-lite: items inside pin_project! count; a commented-out invocation does not', () => {
    const spec = [
      'import rust',
      'element pin_project_lite {',
      "    check rust.struct_exists('Struct1')",
      "    check rust.implements('Struct1', 'PinnedDrop')",
      "    check rust.struct_exists('S4')",
      '}',
    ].join('\n');
    const r = runSpec(debianCrate('pin-project-lite'), spec, path.join(specDir, 'pin-project-lite-macros.hie'));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(statuses(r), {
      "rust.struct_exists('Struct1')": 'pass',
      "rust.implements('Struct1', 'PinnedDrop')": 'pass',
      "rust.struct_exists('S4')": 'fail',
    });
  });
});
