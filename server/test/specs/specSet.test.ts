import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitIgnore } from '../../src/specs/gitIgnore';
import { SpecSet } from '../../src/specs/specSet';
import { specPatternsOf } from '../../src/plugins/config';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-specs-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('spec set (which .hie files are specs)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rel = (set: SpecSet, files: string[]): string[] => files.filter((f) => set.includes(path.join(dir, f)));

  const FILES = ['hielements.hie', 'specs/core.hie', 'specs/deep/cli.hie', 'examples/a.hie', 'build/gen.hie', 'drafts/x.hie', 'sub/keep.hie', 'sub/tmp.hie'];

  it('default: every .hie except what git ignores (root and nested .gitignore, negation, ignored folders, .git/info/exclude)', () => {
    dir = tree({ '.git/info/exclude': 'drafts/\n', '.gitignore': 'build/\n*.tmp.hie\nsub/tmp.hie\n', 'sub/.gitignore': '!tmp.hie\n' });
    const set = new SpecSet({ root: dir });
    assert.deepEqual(rel(set, FILES), ['hielements.hie', 'specs/core.hie', 'specs/deep/cli.hie', 'examples/a.hie', 'sub/keep.hie', 'sub/tmp.hie']);
    assert.deepEqual(set.verdict(path.join(dir, 'build/gen.hie')), { reason: 'gitignore', detail: 'git ignores it (.gitignore)' });
    assert.equal(set.prunes(path.join(dir, 'build')), true);
    assert.equal(set.prunes(path.join(dir, 'specs')), false);
  });

  it('rules above the opened folder do not apply: an opened folder is never ignored as a whole', () => {
    dir = tree({ '.git/HEAD': '', '.gitignore': 'generated/\n', 'generated/.gitignore': 'tmp.hie\n' });
    const opened = new GitIgnore(path.join(dir, 'generated'));
    assert.equal(opened.ignores(path.join(dir, 'generated', 'a.hie')), false);
    assert.equal(opened.ignores(path.join(dir, 'generated', 'tmp.hie')), true);
    assert.equal(new GitIgnore(dir).ignores(path.join(dir, 'generated', 'a.hie')), true);
  });

  it('nothing inside an ignored folder can be re-included, as in git', () => {
    dir = tree({ '.git/HEAD': '', '.gitignore': 'out/\n!out/keep.hie\n' });
    assert.equal(new GitIgnore(dir).ignores(path.join(dir, 'out', 'keep.hie')), true);
  });

  it('specs = [...] selects, exclude and the setting remove; folder names cover their content', () => {
    dir = tree({ '.git/HEAD': '' });
    const set = new SpecSet({
      root: dir,
      specs: ['hielements.hie', 'specs/**/*.hie', 'examples', 'sub/*.hie'],
      exclude: ['specs/deep'],
      settingsExclude: { base: dir, patterns: ['**/tmp.hie'] },
    });
    assert.deepEqual(rel(set, FILES), ['hielements.hie', 'specs/core.hie', 'examples/a.hie', 'sub/keep.hie']);
    assert.deepEqual(set.verdict(path.join(dir, 'drafts/x.hie')), { reason: 'specs', detail: 'it matches none of hielements.toml\'s specs ("hielements.hie", "specs/**/*.hie", "examples", "sub/*.hie")' });
    assert.deepEqual(set.verdict(path.join(dir, 'specs/deep/cli.hie')), { reason: 'exclude', detail: 'hielements.toml\'s exclude has "specs/deep"' });
    assert.deepEqual(set.verdict(path.join(dir, 'sub/tmp.hie')), { reason: 'setting', detail: 'the setting hielements.files.exclude has "**/tmp.hie"' });
    assert.equal(set.verdict(path.join(os.tmpdir(), 'elsewhere.hie'))?.reason, 'outside');
  });

  it('the setting is relative to the workspace folder, the keys to the project folder', () => {
    dir = tree({ '.git/HEAD': '' });
    const set = new SpecSet({ root: path.join(dir, 'sub'), exclude: ['tmp.hie'], settingsExclude: { base: dir, patterns: ['sub/keep.hie'] } });
    assert.deepEqual(rel(set, FILES), []);
    assert.deepEqual(rel(new SpecSet({ root: path.join(dir, 'sub') }), FILES), ['sub/keep.hie', 'sub/tmp.hie']);
  });

  it('reads the keys from a hielements.toml text leniently', () => {
    assert.deepEqual(specPatternsOf('specs = ["a/*.hie"]\nexclude = ["x"]\n'), { specs: ['a/*.hie'], exclude: ['x'] });
    assert.deepEqual(specPatternsOf('specs = 3\n'), { exclude: [] });
    assert.deepEqual(specPatternsOf('not toml ['), { exclude: [] });
  });
});
