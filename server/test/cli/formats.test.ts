import { strict as assert } from 'node:assert';
import { TempWorkspace } from '../helpers/cliHarness';
import { readJUnit, validateSarif } from '../helpers/validators';

/** A workspace with a passing, a failing (with a violation location) and an erroring check, in nested elements. */
const SPEC = `import files
import python

element app:
    scope src = files.folder_selector('src')
    check files.exists(src, 'main.py')
    check files.exists(src, 'a,b:c%d.py')

    element domain:
        scope pkg = files.folder_selector('src/domain')
        check python.no_import(pkg, 'requests')
        check files.exists(nowhere, 'x.py')
`;

const FILES = { 'arch.hie': SPEC, 'src/main.py': 'print(1)\n', 'src/domain/model.py': 'import os\nimport requests\n' };

describe('cli: CI output formats', function () {
  this.timeout(60000);
  const ws = new TempWorkspace(FILES);
  after(() => ws.dispose());

  describe('--format sarif', () => {
    it('run: validated by the SARIF Multitool with zero errors; a rule per function used, a result per failing or erroring check', async () => {
      const r = await ws.cli('run', 'arch.hie', '--format', 'sarif');
      assert.equal(r.exit, 1);
      const validation = validateSarif(r.stdout);
      assert.deepEqual(validation.errors, []);
      const sarif = JSON.parse(r.stdout);
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs.length, 1);
      const run = sarif.runs[0];
      assert.equal(run.tool.driver.name, 'hielements');
      assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), ['files.exists', 'python.no_import']);
      assert.match(run.tool.driver.rules[0].fullDescription.text, /^Check that/);
      assert.deepEqual(
        run.results.map((x: any) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine, x.properties.element]),
        [
          ['files.exists', 'error', 'arch.hie', 7, 'app'],
          ['python.no_import', 'error', 'arch.hie', 11, 'app.domain'],
          ['files.exists', 'error', 'arch.hie', 12, 'app.domain'],
        ],
      );
      const noImport = run.results[1];
      assert.deepEqual(noImport.locations[0].physicalLocation.region, { startLine: 11, startColumn: 9, endLine: 11, endColumn: 48 });
      assert.deepEqual(noImport.relatedLocations.map((l: any) => l.physicalLocation.artifactLocation), [{ uri: 'src/domain/model.py', uriBaseId: 'SRCROOT' }]);
      assert.equal(noImport.message.text, "Scope imports 'requests' but should not. Found in [src/domain/model.py](1).");
      // an error is reported on the argument at fault
      assert.deepEqual(run.results[2].locations[0].physicalLocation.region, { startLine: 12, startColumn: 28, endLine: 12, endColumn: 35 });
      assert.equal(run.originalUriBaseIds.SRCROOT.uri, `file://${ws.dir}/`);
    });

    it('check: syntax errors as results at their position, validated with zero errors', async () => {
      ws.write({ 'bad.hie': 'import files\nelement a\n    scope x = files.folder_selector(\'x\')\n' });
      const r = await ws.cli('check', 'bad.hie', '--format', 'sarif');
      assert.equal(r.exit, 1);
      assert.deepEqual(validateSarif(r.stdout).errors, []);
      const run = JSON.parse(r.stdout).runs[0];
      assert.deepEqual(run.results.map((x: any) => [x.ruleId, x.level, x.message.text, x.locations[0].physicalLocation.region.startLine]), [
        ['E007', 'error', 'Expected Colon, found Newline.', 2],
      ]);
    });
  });

  describe('--format junit', () => {
    it('run: read by junitparser as testsuites per element and testcases per check, with failure/error messages and locations', async () => {
      const r = await ws.cli('run', 'arch.hie', '--format', 'junit');
      assert.equal(r.exit, 1);
      const report = readJUnit(r.stdout);
      assert.deepEqual([report.tests, report.failures, report.errors, report.skipped], [4, 2, 1, 0]);
      assert.deepEqual(report.suites.map((s) => [s.name, s.tests, s.failures, s.errors]), [
        ['app', 2, 1, 0],
        ['app.domain', 2, 1, 1],
      ]);
      const [app, domain] = report.suites;
      assert.deepEqual(app.cases[0], { name: "files.exists(src, 'main.py')", classname: 'app', file: 'arch.hie', line: '6', results: [] });
      assert.deepEqual(app.cases[1].results, [
        { kind: 'Failure', message: "File 'a,b:c%d.py' does not exist in folder 'src'", type: 'fail', text: "arch.hie:7:5: File 'a,b:c%d.py' does not exist in folder 'src'" },
      ]);
      assert.deepEqual(domain.cases[0].results[0].text, "arch.hie:11:9: Scope imports 'requests' but should not\nviolation: src/domain/model.py");
      assert.equal(domain.cases[1].results[0].kind, 'Error');
      assert.equal(domain.cases[1].results[0].text, 'arch.hie:12:28: Undefined identifier: nowhere');
    });

    it('check: validation errors are errors of a testsuite named after the file', async () => {
      const r = await ws.cli('check', 'bad.hie', '--format', 'junit');
      const report = readJUnit(r.stdout);
      assert.deepEqual(report.suites.map((s) => [s.name, s.tests, s.errors]), [['bad.hie (validation)', 1, 1]]);
      assert.equal(report.suites[0].cases[0].results[0].message, 'Expected Colon, found Newline');
    });
  });

  describe('--format github', () => {
    it('run: one workflow command per problem, at the check and at the violation; properties escaped', async () => {
      const r = await ws.cli('run', 'arch.hie', '--format', 'github');
      assert.equal(r.exit, 1);
      assert.equal(
        r.stdout,
        [
          "::error file=arch.hie,line=7,col=5,endColumn=42,title=hielements files.exists::app :: files.exists(src, 'a,b:c%25d.py'): File 'a,b:c%25d.py' does not exist in folder 'src'",
          "::error file=arch.hie,line=11,col=9,endColumn=48,title=hielements python.no_import::app.domain :: python.no_import(pkg, 'requests'): Scope imports 'requests' but should not",
          "::error file=src/domain/model.py,title=hielements python.no_import::violates app.domain :: python.no_import(pkg, 'requests') (arch.hie:11): Scope imports 'requests' but should not",
          "::error file=arch.hie,line=12,col=28,endColumn=35,title=hielements files.exists::app.domain :: files.exists(nowhere, 'x.py'): check could not run: Undefined identifier: nowhere",
          'Summary: 4 total, 1 passed, 2 failed, 1 errors',
          '',
        ].join('\n'),
      );
    });

    it('check: errors and warnings keep their severity', async () => {
      ws.write({ 'warn.hie': 'import docker\nelement a:\n    scope x = files.folder_selector(\'x\')\n' });
      const r = await ws.cli('check', 'warn.hie', '--format', 'github');
      assert.equal(r.exit, 0);
      assert.equal(r.stdout, "::warning file=warn.hie,line=1,col=8,endColumn=14,title=hielements W001::Unknown library 'docker' (will be resolved at runtime)\n");
    });
  });
});
