import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFilesLibrary } from '../../src/libraries/builtin/files';
import { bigFolderWorkspace, check, contextFor, f, FAIL, makeWorkspace, n, PASS, rejection, removeWorkspace, s, select } from './helpers';

const files = createFilesLibrary();

describe('files library', () => {
  let ws: string;
  before(() => {
    ws = makeWorkspace({
      'src/main.py': "print('hello')",
      'src/cache.pyc': 'x',
      'pkg/sub/a.txt': 'a',
      'sizes/a.txt': 'ab',
      '.hidden/h.txt': 'h',
      'docs/adr/0001-a.md': '#',
      'docs/adr/0002-b.md': '#',
      'docs/adr/notes.txt': 'n',
    });
  });
  after(() => removeWorkspace(ws));

  describe('selectors', () => {
    it('file_selector selects an existing file and is empty otherwise', async () => {
      const ctx = contextFor(ws);
      const hit = await select(files, 'file_selector', [s('src/main.py')], ctx);
      assert.deepEqual(hit, { type: 'scope', kind: { File: 'src/main.py' }, paths: [`${ws}/src/main.py`], resolved: true });
      const miss = await select(files, 'file_selector', [s('nope.txt')], ctx);
      assert.deepEqual(miss.paths, []);
      assert.deepEqual((await select(files, 'file_selector', [s('src')], ctx)).paths, []);
    });

    it('folder_selector walks recursively, sorted, hidden files included', async () => {
      const ctx = contextFor(ws);
      const root = await select(files, 'folder_selector', [s('.')], ctx);
      assert.deepEqual(root.kind, { Folder: '.' });
      assert.deepEqual(root.paths, [
        `${ws}/./.hidden/h.txt`,
        `${ws}/./docs/adr/0001-a.md`,
        `${ws}/./docs/adr/0002-b.md`,
        `${ws}/./docs/adr/notes.txt`,
        `${ws}/./pkg/sub/a.txt`,
        `${ws}/./sizes/a.txt`,
        `${ws}/./src/cache.pyc`,
        `${ws}/./src/main.py`,
      ]);
      const src = await select(files, 'folder_selector', [s('src')], ctx);
      assert.deepEqual(src.paths, [`${ws}/src/cache.pyc`, `${ws}/src/main.py`]);
      assert.deepEqual((await select(files, 'folder_selector', [s('missing')], ctx)).paths, []);
    });

    it('builds paths by literal joining with the workspace string (`.` gives ./src/main.py)', async () => {
      const cwd = process.cwd();
      process.chdir(ws);
      try {
        const ctx = contextFor(ws, '.');
        assert.deepEqual((await select(files, 'folder_selector', [s('src')], ctx)).paths, ['./src/cache.pyc', './src/main.py']);
        assert.deepEqual((await select(files, 'file_selector', [s('src/main.py')], ctx)).paths, ['./src/main.py']);
        assert.deepEqual((await select(files, 'glob_selector', [s('**/*.py')], ctx)).paths, ['./src/main.py']);
      } finally {
        process.chdir(cwd);
      }
    });

    it('glob_selector follows the Rust glob dialect and keeps files only', async () => {
      const ctx = contextFor(ws);
      const g = async (p: string) => (await select(files, 'glob_selector', [s(p)], ctx)).paths.map((x) => path.relative(ws, x));
      assert.deepEqual(await g('**/*.py'), ['src/main.py']);
      assert.deepEqual(await g('docs/adr/*.md'), ['docs/adr/0001-a.md', 'docs/adr/0002-b.md']);
      assert.deepEqual(await g('*/*.txt'), ['.hidden/h.txt', 'sizes/a.txt'], '`*` matches a leading dot');
      assert.deepEqual(await g('docs/adr/000[!1]-?.md'), ['docs/adr/0002-b.md']);
      assert.deepEqual(await g('src'), [], 'directories are not selected');
      assert.deepEqual(await g('a**/x'), [], 'invalid pattern → empty scope');
      assert.deepEqual(await g('[unclosed'), []);
      const kind = (await select(files, 'glob_selector', [s('**/*.py')], ctx)).kind;
      assert.deepEqual(kind, { Glob: '**/*.py' });
    });

    it('argument errors and unknown selectors (R-10)', async () => {
      const ctx = contextFor(ws);
      assert.deepEqual(await rejection(files.call('file_selector', [], ctx)), { code: 'E100', message: 'file_selector requires a string path argument' });
      assert.deepEqual(await rejection(files.call('folder_selector', [n(1)], ctx)), { code: 'E101', message: 'folder_selector requires a string path argument' });
      assert.deepEqual(await rejection(files.call('glob_selector', [], ctx)), { code: 'E102', message: 'glob_selector requires a string pattern argument' });
      assert.deepEqual(await rejection(files.call('exists', [], ctx)), { code: 'E199', message: 'Unknown function: files.exists' });
      assert.deepEqual(await rejection(files.check('matches_pattern', [], ctx)), { code: 'E199', message: 'Unknown check function: files.matches_pattern' });
      assert.deepEqual(await rejection(files.check('folder_selector', [s('src')], ctx)), { code: 'E199', message: 'Unknown check function: files.folder_selector' });
    });

    it('extra arguments are ignored', async () => {
      const ctx = contextFor(ws);
      assert.deepEqual((await select(files, 'file_selector', [s('src/main.py'), n(3), s('x')], ctx)).paths, [`${ws}/src/main.py`]);
    });
  });

  describe('checks (conformance R-03..R-10)', () => {
    it('R-03 exists on a file scope ignores the filename', async () => {
      const ctx = contextFor(ws);
      const fsel = await select(files, 'file_selector', [s('src/main.py')], ctx);
      assert.deepEqual(await check(files, 'exists', [fsel, s('anything.txt')], ctx), PASS);
      const nope = await select(files, 'file_selector', [s('nope.txt')], ctx);
      assert.deepEqual(await check(files, 'exists', [nope, s('x')], ctx), FAIL("File 'nope.txt' does not exist"));
    });

    it('R-04 glob scopes: exists by final component, contains by suffix', async () => {
      const ctx = contextFor(ws);
      const g = await select(files, 'glob_selector', [s('**/*.py')], ctx);
      assert.deepEqual(await check(files, 'exists', [g, s('main.py')], ctx), PASS);
      assert.deepEqual(await check(files, 'exists', [g, s('x.py')], ctx), FAIL("No file named 'x.py' found in scope"));
      assert.deepEqual(await check(files, 'contains', [g, s('in.py')], ctx), PASS);
      assert.deepEqual(await check(files, 'contains', [g, s('zzz')], ctx), FAIL("Scope does not contain 'zzz'"));
    });

    it('R-05 contains on a folder', async () => {
      const ctx = contextFor(ws);
      const src = await select(files, 'folder_selector', [s('src')], ctx);
      assert.deepEqual(await check(files, 'contains', [src, s('main.py')], ctx), PASS);
      assert.deepEqual(await check(files, 'contains', [src, s('x')], ctx), FAIL("Folder 'src' does not contain 'x'"));
    });

    it('R-06 exists accepts directories and sub-paths', async () => {
      const ctx = contextFor(ws);
      const root = await select(files, 'folder_selector', [s('.')], ctx);
      assert.deepEqual(await check(files, 'exists', [root, s('pkg')], ctx), PASS);
      assert.deepEqual(await check(files, 'exists', [root, s('pkg/sub/a.txt')], ctx), PASS);
      const src = await select(files, 'folder_selector', [s('src')], ctx);
      assert.deepEqual(await check(files, 'exists', [src, s('missing.py')], ctx), FAIL("File 'missing.py' does not exist in folder 'src'"));
    });

    it('R-07 no_files_matching', async () => {
      const ctx = contextFor(ws);
      const src = await select(files, 'folder_selector', [s('src')], ctx);
      assert.deepEqual(await check(files, 'no_files_matching', [src, s('*.pyc')], ctx), FAIL(`Found 1 files matching pattern '*.pyc': ["${ws}/src/cache.pyc"]`, `${ws}/src/cache.pyc`));
      assert.deepEqual(await check(files, 'no_files_matching', [src, s('*.tmp')], ctx), PASS);
      assert.deepEqual(await check(files, 'no_files_matching', [src, s('a**')], ctx), { status: 'error', message: 'Invalid glob pattern: a**' });
      const root = await select(files, 'folder_selector', [s('.')], ctx);
      assert.deepEqual(await check(files, 'no_files_matching', [root, s('pkg')], ctx), FAIL(`Found 1 files matching pattern 'pkg': ["${ws}/./pkg"]`, `${ws}/pkg`), 'directories match');
      const main = await select(files, 'file_selector', [s('src/main.py')], ctx);
      assert.deepEqual(await check(files, 'no_files_matching', [main, s('*.pyc')], ctx), FAIL(`Found 1 files matching pattern '*.pyc': ["${ws}/src/cache.pyc"]`, `${ws}/src/cache.pyc`), 'a file scope searches its parent');
    });

    it('no_files_matching lists at most five matches', async () => {
      const many = makeWorkspace(Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`d/${i}.tmp`, ''])));
      try {
        const ctx = contextFor(many);
        const d = await select(files, 'folder_selector', [s('d')], ctx);
        const shown = [0, 1, 2, 3, 4].map((i) => `"${many}/d/${i}.tmp"`).join(', ');
        assert.deepEqual(
          await check(files, 'no_files_matching', [d, s('*.tmp')], ctx),
          FAIL(`Found 7 files matching pattern '*.tmp': [${shown}]`, ...Array.from({ length: 7 }, (_, i) => `${many}/d/${i}.tmp`)),
          'the message shows five, the locations are all of them',
        );
      } finally {
        removeWorkspace(many);
      }
    });

    it('R-08 max_size: integer, truncated float, negative never fails', async () => {
      const ctx = contextFor(ws);
      const sizes = await select(files, 'folder_selector', [s('sizes')], ctx);
      assert.deepEqual(await check(files, 'max_size', [sizes, n(2)], ctx), PASS);
      const tooBig = FAIL(`File '${ws}/sizes/a.txt' exceeds maximum size (2 > 1 bytes)`, `${ws}/sizes/a.txt`);
      assert.deepEqual(await check(files, 'max_size', [sizes, n(1)], ctx), tooBig);
      assert.deepEqual(await check(files, 'max_size', [sizes, f(1.9)], ctx), tooBig);
      assert.deepEqual(await check(files, 'max_size', [sizes, n(-1)], ctx), PASS);
      assert.deepEqual(await check(files, 'max_size', [{ type: 'scope', kind: { Folder: 'x' }, paths: [], resolved: true }, n(0)], ctx), PASS);
      assert.deepEqual(await rejection(files.check('max_size', [sizes, s('1')], ctx)), { code: 'E117', message: 'max_size requires a number as second argument' });
    });

    it('R-09 argument errors', async () => {
      const ctx = contextFor(ws);
      const src = await select(files, 'folder_selector', [s('src')], ctx);
      assert.deepEqual(await rejection(files.check('exists', [s('.'), s('Dockerfile')], ctx)), { code: 'E110', message: 'exists requires a scope as first argument' });
      assert.deepEqual(await rejection(files.check('exists', [src], ctx)), { code: 'E111', message: 'exists requires a filename as second argument' });
      assert.deepEqual(await rejection(files.check('contains', [n(1), s('x')], ctx)), { code: 'E112', message: 'contains requires a scope as first argument' });
      assert.deepEqual(await rejection(files.check('contains', [src, n(1)], ctx)), { code: 'E113', message: 'contains requires a filename as second argument' });
      assert.deepEqual(await rejection(files.check('no_files_matching', [], ctx)), { code: 'E114', message: 'no_files_matching requires a scope as first argument' });
      assert.deepEqual(await rejection(files.check('no_files_matching', [src], ctx)), { code: 'E115', message: 'no_files_matching requires a pattern as second argument' });
      assert.deepEqual(await rejection(files.check('max_size', [s('src'), n(1)], ctx)), { code: 'E116', message: 'max_size requires a scope as first argument' });
    });
  });

  describe('bad input', () => {
    it('refuses paths outside the workspace instead of reading them', async () => {
      const ctx = contextFor(ws);
      const outside = (p: string) => ({ code: 'E103', message: `path '${p}' is outside the workspace` });
      assert.deepEqual(await rejection(files.call('folder_selector', [s('../..')], ctx)), outside('../..'));
      assert.deepEqual(await rejection(files.call('file_selector', [s('/etc/passwd')], ctx)), outside('/etc/passwd'));
      assert.deepEqual(await rejection(files.call('glob_selector', [s('../*')], ctx)), outside('../*'));
      assert.deepEqual(await rejection(files.call('glob_selector', [s('/etc/*')], ctx)), outside('/etc/*'));
      assert.deepEqual(await rejection(files.call('glob_selector', [s('src/*/../../..')], ctx)), outside('src/*/../../..'));
      const src = await select(files, 'folder_selector', [s('src')], ctx);
      assert.deepEqual(await rejection(files.check('exists', [src, s('../../x')], ctx)), outside('src/../../x'));
      assert.deepEqual(await rejection(files.check('no_files_matching', [src, s('../../*')], ctx)), outside('../../*'));
      // absolute paths inside the workspace are fine
      assert.deepEqual((await select(files, 'file_selector', [s(`${ws}/src/main.py`)], ctx)).paths, [`${ws}/src/main.py`]);
    });

    it('survives symlink loops and does not collect links in walks', async () => {
      const loop = makeWorkspace({ 'd/real.txt': 'r' });
      try {
        fs.symlinkSync(path.join(loop, 'd'), path.join(loop, 'd', 'self'));
        fs.symlinkSync('a', path.join(loop, 'a')); // a link to itself
        fs.symlinkSync(path.join(loop, 'd', 'real.txt'), path.join(loop, 'd', 'link.txt'));
        const ctx = contextFor(loop);
        assert.deepEqual((await select(files, 'folder_selector', [s('.')], ctx)).paths, [`${loop}/./d/real.txt`]);
        assert.deepEqual((await select(files, 'glob_selector', [s('**/*.txt')], ctx)).paths, [`${loop}/d/link.txt`, `${loop}/d/real.txt`]);
        assert.deepEqual((await select(files, 'file_selector', [s('a')], ctx)).paths, []);
        assert.deepEqual((await select(files, 'file_selector', [s('d/link.txt')], ctx)).paths, [`${loop}/d/link.txt`], 'file_selector follows links');
        const root = await select(files, 'folder_selector', [s('.')], ctx);
        assert.deepEqual(await check(files, 'exists', [root, s('a')], ctx), FAIL("File 'a' does not exist in folder '.'"));
      } finally {
        removeWorkspace(loop);
      }
    });

    it('selects a folder of 100,000 files', async function () {
      this.timeout(60_000);
      const big = bigFolderWorkspace();
      const ctx = contextFor(big);
      const scope = await select(files, 'folder_selector', [s('big')], ctx);
      assert.equal(scope.paths.length, 100_000);
      assert.equal(scope.paths[0], `${big}/big/f000000.txt`);
      assert.deepEqual(await check(files, 'max_size', [scope, n(0)], ctx), PASS);
      const g = await select(files, 'glob_selector', [s('big/f09999?.txt')], ctx);
      assert.equal(g.paths.length, 10);
    });
  });
});
