import { strict as assert } from 'node:assert';
import { ancestorsOf, ScopeTable } from '../../src/eval/scopeTable';
import { str } from '../../src/eval/values';

describe('ScopeTable: deterministic lookups', () => {
  it('ancestors, nearest first', () => {
    assert.deepEqual(ancestorsOf('a.b.c'), ['a.b.c', 'a.b', 'a']);
    assert.deepEqual(ancestorsOf('a'), ['a']);
  });

  it('own path, then parent, grand-parent, then the most recently stored key', () => {
    const t = new ScopeTable();
    t.set('a', 'src', str('a'));
    t.set('a.b', 'src', str('a.b'));
    t.set('x', 'src', str('x'));
    t.set('y.z', 'src', str('y.z'));
    assert.deepEqual(t.lookupName('a.b.c', 'src'), str('a.b'));
    assert.deepEqual(t.lookupName('a.b', 'src'), str('a.b'));
    assert.deepEqual(t.lookupName('a.q', 'src'), str('a'));
    // not on the chain: several keys end with `.src`; the most recent wins
    assert.deepEqual(t.lookupName('other', 'src'), str('y.z'));
    t.set('x', 'src', str('x again'));
    assert.deepEqual(t.lookupName('other', 'src'), str('x again'));
    assert.equal(t.lookupName('other', 'nope'), undefined);
  });

  it('a bare name never matches a longer scope name', () => {
    const t = new ScopeTable();
    t.set('a', 'my_src', str('no'));
    assert.equal(t.lookupName('b', 'src'), undefined);
  });

  it('member chains resolve by plain string suffix', () => {
    const t = new ScopeTable();
    t.set('p.child', 'src', str('p.child'));
    t.set('xp.child', 'src', str('xp.child'));
    assert.deepEqual(t.lookupSuffix('q', 'p.child.src'), str('p.child')); // the key itself before other suffix matches
    t.set('yp.child', 'src', str('yp.child'));
    assert.deepEqual(t.lookupSuffix('q', 'p.child.sr'), undefined);
    assert.deepEqual(t.lookupSuffix('q', '.child.src'), str('yp.child')); // most recent; suffix not segment-aware
    assert.deepEqual(t.lookupSuffix('p', 'child.src'), str('p.child')); // ancestor prefix first
    t.set('top.p.child', 'src', str('top'));
    assert.deepEqual(t.lookupSuffix('top', 'p.child.src'), str('top'));
    assert.equal(t.lookupSuffix('q', 'x.y.src'), undefined);
  });
});
