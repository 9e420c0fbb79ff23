import * as assert from 'node:assert/strict';
import { scope } from '../../../src/eval/values';
import { scopesFromPlugin, scopesToPlugin } from '../../../src/plugins/wasm/scopePaths';

describe('wasm plugins: scope paths cross the boundary relative to the workspace', function () {
  const base = { workspace: '.', root: '/home/u/proj' };

  it('strips the workspace string (and an absolute root) going in', function () {
    const v = { type: 'list' as const, items: [scope({ Folder: 'src' }, ['./src/a.rs', '/home/u/proj/src/b.rs', '/etc/passwd'])] };
    assert.deepEqual(scopesToPlugin(v, base), { type: 'list', items: [scope({ Folder: 'src' }, ['src/a.rs', 'src/b.rs', '/etc/passwd'])] });
    assert.deepEqual(scopesToPlugin(scope({ File: 'x' }, ['/abs/ws/x']), { workspace: '/abs/ws', root: '/abs/ws' }), scope({ File: 'x' }, ['x']));
  });

  it('joins the workspace string to relative paths coming back', function () {
    assert.deepEqual(scopesFromPlugin(scope({ Glob: '*.rs' }, ['src/a.rs', '/abs.rs', '../up.rs']), { workspace: 'examples', root: '/r/examples' }), scope({ Glob: '*.rs' }, ['examples/src/a.rs', '/abs.rs', '../up.rs']));
    assert.deepEqual(scopesFromPlugin({ type: 'int', value: 3 }, base), { type: 'int', value: 3 });
  });
});
