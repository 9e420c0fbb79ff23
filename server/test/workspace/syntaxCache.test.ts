import * as assert from 'node:assert/strict';
import { SyntaxCache } from '../../src/workspace/syntaxCache';

describe('SyntaxCache', () => {
  it('parses Rust and Python and reuses a tree while the text is the same', async () => {
    const cache = new SyntaxCache(2);
    const text = 'pub struct A;';
    const first = await cache.withTree('rust', '/w/a.rs', text, (t) => t.rootNode.toString());
    assert.equal(first, '(source_file (struct_item (visibility_modifier) name: (type_identifier)))');
    let same = false;
    const seen: unknown[] = [];
    await cache.withTree('rust', '/w/a.rs', text, (t) => seen.push(t));
    await cache.withTree('rust', '/w/a.rs', text, (t) => {
      same = t === seen[0];
    });
    assert.ok(same, 'the cached tree is reused');
    const py = await cache.withTree('python', '/w/a.py', 'def f(): pass\n', (t) => t.rootNode.firstChild?.type);
    assert.equal(py, 'function_definition');
    const changed = await cache.withTree('rust', '/w/a.rs', 'enum B {}', (t) => t.rootNode.firstChild?.type);
    assert.equal(changed, 'enum_item', 'a new text is parsed again');
  });

  it('keeps at most `capacity` trees', async () => {
    const cache = new SyntaxCache(3);
    for (let i = 0; i < 10; i++) await cache.withTree('rust', `/w/${i}.rs`, `fn f${i}() {}`, () => undefined);
    assert.equal(cache.size, 3);
    cache.invalidate('/w/9.rs');
    assert.equal(cache.size, 2);
    cache.clear();
    assert.equal(cache.size, 0);
  });
});
