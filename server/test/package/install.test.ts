import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lspSession, mkTemp, offlineNpm, packRepository, REPO_ROOT, run } from './installedPackage';

/**
 * `npm pack` → a tarball with both commands bundled, their wasm files and only runtime
 * dependencies; installed with no network (`npm install -g` into a temporary prefix, and
 * `npm i -D` into a project), both commands work from a folder unrelated to this repository.
 */
describe('package: the packed tarball installed offline', function () {
  this.timeout(600000);
  const tmp = mkTemp('hie-package-');
  const cache = path.join(tmp, 'empty-npm-cache');
  const prefix = path.join(tmp, 'prefix');
  const bin = (name: string) => path.join(prefix, 'bin', name);
  let tarball = '';
  let elsewhere = '';

  before(() => {
    tarball = packRepository(tmp);
    const installed = offlineNpm(['install', '-g', '--prefix', prefix, tarball], tmp, cache);
    assert.equal(installed.status, 0, `npm install -g failed:\n${installed.stdout}\n${installed.stderr}`);
    elsewhere = mkTemp('hie-elsewhere-');
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (elsewhere) fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('holds the two bundled commands, their wasm files, LICENSE and README, and no sources or dependencies to fetch', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const own = files.filter((f) => !f.startsWith('package/dist/node_modules/') && !f.startsWith('package/dist/plugin-templates/')).sort();
    assert.deepEqual(own, [
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli.cache',
      'package/dist/cli.js',
      'package/dist/grammar/tree-sitter-hielements.wasm',
      'package/dist/hielements-language-server.js',
      'package/dist/hielements.js',
      'package/dist/transpileJob.js',
      'package/dist/tree-sitter-python.wasm',
      'package/dist/tree-sitter-rust.wasm',
      'package/dist/web-tree-sitter.wasm',
      'package/dist/worker.js',
      'package/package.json',
    ]);
    assert.ok(files.includes('package/dist/node_modules/@bytecodealliance/jco-transpile/package.json'), 'jco-transpile ships with the bundle');
    assert.ok(files.includes('package/dist/plugin-templates/_common/fixture/checks.hie'), '`plugin new` templates ship with the bundle');
    assert.ok(files.includes('package/dist/plugin-templates/wit/plugin.wit'), 'the WIT package ships with the templates');
    assert.ok(!files.some((f) => f.includes('/binaryen/')), 'binaryen is not needed');
    const manifest = JSON.parse(execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    assert.equal(manifest.name, 'hielements');
    assert.equal(manifest.license, 'MIT');
    assert.deepEqual(manifest.bin, { hielements: 'dist/hielements.js', 'hielements-language-server': 'dist/hielements-language-server.js' });
    assert.equal(manifest.dependencies, undefined);
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(manifest.scripts?.[script], undefined, `no ${script} script runs on install`);
  });

  it('hielements: init, check, run (with a WASM core plugin and a JS component plugin) and SARIF, from an unrelated folder', () => {
    const r = (...args: string[]) => run(bin('hielements'), args, elsewhere, { TMPDIR: elsewhere });
    assert.deepEqual(r('--version'), { status: 0, stdout: 'hielements 0.1.0\n', stderr: '' });
    assert.equal(r('init', 'demo').status, 0);
    assert.deepEqual(r('check', 'demo.hie'), { status: 0, stdout: 'Finished `demo.hie` validated successfully\n', stderr: '' });
    assert.equal(r('run', 'demo.hie').status, 1, 'README.md is missing');
    fs.writeFileSync(path.join(elsewhere, 'README.md'), '# demo\n');
    fs.writeFileSync(path.join(elsewhere, 'package.json'), '{"dependencies": {"left-pad": "1.0.0"}}\n');
    fs.copyFileSync(path.join(REPO_ROOT, 'plugins', 'examples', 'as-size', 'size.wasm'), path.join(elsewhere, 'size.wasm'));
    fs.copyFileSync(path.join(REPO_ROOT, 'plugins', 'examples', 'js-deps', 'deps.wasm'), path.join(elsewhere, 'deps.wasm'));
    fs.writeFileSync(
      path.join(elsewhere, 'hielements.toml'),
      '[libraries]\nsize = { path = "size.wasm", capabilities = { fs = "read" } }\ndeps = { path = "deps.wasm", capabilities = { fs = "read" } }\n',
    );
    fs.appendFileSync(path.join(elsewhere, 'demo.hie'), "\nelement plugins {\n    scope readme = files.file_selector('README.md')\n    check size.max_lines(readme, 10)\n    check deps.requires('left-pad')\n    check deps.forbids('lodash')\n}\n");
    fs.writeFileSync(path.join(elsewhere, 'demo.hie'), `import size\nimport deps\n${fs.readFileSync(path.join(elsewhere, 'demo.hie'), 'utf8')}`);
    const ran = r('run', 'demo.hie');
    assert.equal(ran.status, 0, ran.stdout + ran.stderr);
    assert.match(ran.stdout, /^Summary: 4 total, 4 passed, 0 failed, 0 errors$/m);
    const sarif = r('run', 'demo.hie', '--format', 'sarif');
    assert.equal(JSON.parse(sarif.stdout).runs[0].tool.driver.name, 'hielements');
    const scaffolded = r('plugin', 'new', 'lines', '--template', 'external-python', '-d', 'lines-plugin');
    assert.equal(scaffolded.status, 0, scaffolded.stdout + scaffolded.stderr);
    assert.ok(fs.existsSync(path.join(elsewhere, 'lines-plugin', 'package.json')), 'plugin new writes a project from the packaged templates');
    assert.deepEqual(r('run', 'demo.hie', '--format', 'xml'), {
      status: 2,
      stdout: '',
      stderr: "error: invalid value 'xml' for '--format'; valid values: human, json, sarif, junit, github\n",
    });
  });

  it('hielements starts the CLI with the code cache made for it when it was packed (same Node here)', () => {
    const loader = path.join(prefix, 'lib', 'node_modules', 'hielements', 'dist', 'hielements.js');
    const probe = `const s = require(${JSON.stringify(loader)}).compileCli(); console.log(s === null ? 'no script' : s.cachedDataRejected ? 'rejected' : 'accepted')`;
    assert.deepEqual(run(process.execPath, ['-e', probe], elsewhere), { status: 0, stdout: 'accepted\n', stderr: '' });
  });

  it('hielements-language-server answers initialize over stdio and publishes the syntax error of an opened file', async () => {
    const file = path.join(elsewhere, 'broken.hie');
    const session = await lspSession(bin('hielements-language-server'), elsewhere, file, "element a\n    scope x = files.folder_selector('x')\n");
    assert.ok(session.capabilities.hoverProvider, 'hover is offered');
    assert.deepEqual(
      session.diagnostics.map((d) => [d.code, d.message, d.range.start.line, d.range.start.character]),
      [['E007', 'Expected Colon, found Newline', 0, 9]],
    );
  });

  it('npm i -D in a project: both commands through node_modules/.bin and npx, offline', async () => {
    const project = mkTemp('hie-project-');
    try {
      fs.writeFileSync(path.join(project, 'package.json'), '{"name": "adopter", "version": "1.0.0", "private": true}\n');
      const installed = offlineNpm(['install', '-D', tarball], project, cache);
      assert.equal(installed.status, 0, installed.stdout + installed.stderr);
      assert.equal(JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')).devDependencies.hielements.startsWith('file:'), true);
      fs.writeFileSync(path.join(project, 'arch.hie'), "import files\nelement app:\n    scope root = files.folder_selector('.')\n    check files.exists(root, 'package.json')\n");
      const viaNpx = run('npx', ['--offline', 'hielements', 'run', 'arch.hie'], project);
      assert.equal(viaNpx.status, 0, viaNpx.stdout + viaNpx.stderr);
      assert.match(viaNpx.stdout, /PASS app :: files.exists\(root, 'package.json'\)/);
      const session = await lspSession(path.join(project, 'node_modules', '.bin', 'hielements-language-server'), project, path.join(project, 'arch.hie'), 'element a:\n');
      assert.ok(session.capabilities.completionProvider);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
