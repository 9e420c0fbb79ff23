import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileName, fileStem, joinPath, Workspace } from '../../src/libraries/builtin/paths';
import { containsWord } from '../../src/libraries/builtin/wordMatch';
import { containsRun, endsWithRun, pathSegments } from '../../src/libraries/builtin/treeText';

describe('path helpers', () => {
  it('joinPath joins like Rust Path::join', () => {
    assert.equal(joinPath('.', 'src/a.py'), './src/a.py');
    assert.equal(joinPath('ws/', 'a'), 'ws/a');
    assert.equal(joinPath('', 'a'), 'a');
    assert.equal(joinPath('ws', '/abs/a'), '/abs/a');
    assert.equal(joinPath('.', '.'), './.');
  });

  it('fileName and fileStem follow Rust file_name/file_stem', () => {
    assert.equal(fileName('./src/main.py'), 'main.py');
    assert.equal(fileName('src/'), 'src');
    assert.equal(fileName('..'), undefined);
    assert.equal(fileName('/'), undefined);
    assert.equal(fileStem('a/mod.rs'), 'mod');
    assert.equal(fileStem('a/x.tar.gz'), 'x.tar');
    assert.equal(fileStem('a/.hidden'), '.hidden');
  });

  it('Workspace resolves, displays and contains', () => {
    const ws = new Workspace('.');
    assert.equal(ws.abs, process.cwd());
    assert.equal(ws.join('src/a.rs'), './src/a.rs');
    assert.equal(ws.display(path.join(process.cwd(), 'src', 'a.rs')), './src/a.rs');
    assert.ok(ws.contains(path.join(process.cwd(), 'x')));
    assert.ok(!ws.contains(path.dirname(process.cwd())));
    assert.ok(!ws.contains(process.cwd() + '-sibling'));
    assert.throws(() => ws.resolveInside('../x', '../x', 'E103'), { code: 'E103', message: "path '../x' is outside the workspace" });
  });
});

describe('text helpers', () => {
  it('containsWord does not match inside longer identifiers', () => {
    assert.ok(containsWord('struct Foo {', 'Foo'));
    assert.ok(containsWord('Foo', 'Foo'));
    assert.ok(containsWord('x: FooBar, y: Foo', 'Foo'));
    assert.ok(!containsWord('FooBar _Foo Foo1', 'Foo'));
    assert.ok(containsWord('r#Foo', 'Foo'));
    assert.ok(containsWord('a::b', 'a::b'));
    assert.ok(!containsWord('anything', ''));
  });

  it('pathSegments, containsRun, endsWithRun', () => {
    assert.deepEqual(pathSegments('crate :: a::<T>::b'), ['crate', 'a', 'b']);
    assert.deepEqual(pathSegments('r#type::x'), ['type', 'x']);
    assert.ok(containsRun(['std', 'fmt', 'Display'], ['fmt', 'Display']));
    assert.ok(!containsRun(['std', 'fmt'], ['std', 'io']));
    assert.ok(endsWithRun(['os', 'path', 'join'], ['path', 'join']));
    assert.ok(!endsWithRun(['join'], ['path', 'join']));
  });
});
