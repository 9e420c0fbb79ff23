import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { componentItems } from '../../../src/plugins/wasm/componentBinary';
import { LIBRARY_EXPORT, WIT_PACKAGE } from '../../../src/plugins/wasm/importPolicy';
import { templatesRoot } from '../../../src/cli/plugin/templates';
import { repoRoot } from '../../plugins/wasm/kit';

/** The plugin docs say what the host does: snippets come from the templates, versions are checked. */
describe('plugin docs', function () {
  const read = (...p: string[]) => fs.readFileSync(path.join(repoRoot(), ...p), 'utf8');

  it('every code snippet in plugins/README.md and the template pages is its template region, unchanged', function () {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { check } = require(path.join(repoRoot(), 'plugins', 'snippets.js')) as { check(): Array<{ doc: string; ref: string; stale: boolean }> };
    const snippets = check();
    assert.ok(snippets.length >= 14, `${snippets.length} snippets`);
    assert.deepEqual(snippets.filter((s) => s.stale).map((s) => `${path.relative(repoRoot(), s.doc)} ${s.ref}`), [], 'run `node plugins/snippets.js --write`');
  });

  it('the WIT package the host accepts is stated once, and is the one in plugin.wit', function () {
    assert.match(read('server', 'plugin-templates', 'wit', 'plugin.wit'), new RegExp(`^package ${WIT_PACKAGE.replace(/[.]/g, '\\.')};$`, 'm'));
    assert.ok(LIBRARY_EXPORT.test(WIT_PACKAGE.replace('@', '/library@')));
    const readme = read('plugins', 'README.md');
    assert.deepEqual(readme.match(/hielements:plugin@[\d.]+/g), [WIT_PACKAGE]);
    for (const t of fs.readdirSync(templatesRoot())) {
      const page = path.join(templatesRoot(), t, 'README.md');
      if (fs.existsSync(page)) assert.doesNotMatch(fs.readFileSync(page, 'utf8'), /hielements:plugin@/, `${t}/README.md restates the version`);
    }
  });

  it('the WASI version the docs name for jco builds is what the JS example imports', function () {
    const { imports, exports } = componentItems(fs.readFileSync(path.join(repoRoot(), 'plugins', 'examples', 'js-deps', 'deps.wasm')));
    const versions = [...new Set(imports.map((i) => i.slice(i.indexOf('@') + 1)))];
    assert.deepEqual(versions, ['0.2.12']);
    assert.match(read('plugins', 'README.md'), /\(jco 1\.35\.0: `@0\.2\.12`\)/);
    assert.deepEqual(exports, [WIT_PACKAGE.replace('@', '/library@')]);
  });
});
