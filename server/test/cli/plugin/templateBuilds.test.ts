import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { templatesRoot } from '../../../src/cli/plugin/templates';
import { main } from '../../../src/cli/main';

/**
 * Every template, as an author would use it: `hielements plugin new`, `npm install` when it
 * has devDependencies, `npm run build`, `npm test` (which runs `hielements run` on the fixture
 * and compares with fixture/expected.json). A template whose toolchain is absent here is
 * skipped with the build script's own reason (a skipped test counts against the total).
 */

const HIELEMENTS = path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'hielements.js');
const templates = fs.readdirSync(templatesRoot()).filter((t) => fs.existsSync(path.join(templatesRoot(), t, 'template.json'))).sort();

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, HIELEMENTS }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}

describe('plugin templates: scaffold, build, npm test', function () {
  this.timeout(15 * 60_000);
  let base: string;
  before(() => (base = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-templates-'))));
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  for (const template of templates) {
    it(`${template}: builds, and its fixture gives the expected results`, async function () {
      const name = `probe_${template.replace(/-/g, '_')}`;
      let out = '';
      const created = await main(['plugin', 'new', name, '--template', template, '-d', template], { out: (t) => (out += t), err: (t) => (out += t), cwd: base });
      assert.equal(created, 0, out);
      const dir = path.join(base, template);
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { devDependencies?: object };
      if (pkg.devDependencies) {
        const install = sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], dir);
        assert.equal(install.status, 0, `npm install failed:\n${install.out}`);
      }
      const check = sh(process.execPath, ['scripts/build.mjs', '--check'], dir);
      if (check.status === 3) {
        console.log(`      skipped ${template}: ${check.out.trim()}`);
        this.skip();
      }
      assert.equal(check.status, 0, check.out);
      const build = sh('npm', ['run', 'build'], dir);
      assert.equal(build.status, 0, `npm run build failed:\n${build.out}`);
      const test = sh('npm', ['test'], dir);
      assert.equal(test.status, 0, `npm test failed:\n${test.out}`);
      assert.match(test.out, new RegExp(`^PASS  docs :: ${name}\\.max_lines\\(all, 10\\)$`, 'm'));
      assert.match(test.out, new RegExp(`^FAIL  docs :: ${name}\\.max_lines\\(unfinished, 3\\) -- docs/plan\\.txt has 4 lines \\(max 3\\)$`, 'm'));
      assert.match(test.out, /^ok: 2 results as expected$/m);

      // npm test fails when a result differs from the expected one
      const expectedFile = path.join(dir, 'fixture', 'expected.json');
      fs.writeFileSync(expectedFile, fs.readFileSync(expectedFile, 'utf8').replace('(max 3)', '(max 4)'));
      const differs = sh('npm', ['test'], dir);
      assert.equal(differs.status, 1, differs.out);
      assert.match(differs.out, /The results differ from fixture\/expected\.json\. Got:\nPASS  docs :: /);
    });
  }
});
