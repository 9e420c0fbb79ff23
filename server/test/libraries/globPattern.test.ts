import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { matchComponent, minimumDepth, parseGlob } from '../../src/libraries/builtin/globPattern';

/** Match one component pattern against one name. */
function matches(pattern: string, name: string): boolean {
  const parsed = parseGlob(pattern);
  assert.ok(parsed && parsed.length === 1 && parsed[0].kind === 'wildcard', `single wildcard component: ${pattern}`);
  return matchComponent(parsed[0].tokens, name);
}

describe('glob patterns (Rust glob crate dialect)', () => {
  it('splits components: literals, wildcards, collapsed `**`', () => {
    assert.deepEqual(
      parseGlob('src/**/**/*.py')?.map((c) => c.kind),
      ['literal', 'recursive', 'wildcard'],
    );
    assert.deepEqual(parseGlob('a//b/')?.map((c) => (c.kind === 'literal' ? c.text : c.kind)), ['a', 'b']);
  });

  it('rejects what the crate rejects', () => {
    for (const bad of ['a**', '**b', 'x/***', 'a/**b/c', '[abc', '[!]', '[]']) assert.equal(parseGlob(bad), undefined, bad);
    for (const ok of ['**', '**/x', 'x/**', '[]]', '[!]]', '[a-]', '*?']) assert.notEqual(parseGlob(ok), undefined, ok);
  });

  it('matches classes, negations, ranges and leading dots', () => {
    assert.ok(matches('*.py', '.hidden.py'));
    assert.ok(matches('[]]x', ']x'));
    assert.ok(matches('[!]]x', 'ax'));
    assert.ok(!matches('[!]]x', ']x'));
    assert.ok(matches('f[0-9][!a-c]', 'f5d'));
    assert.ok(!matches('f[0-9][!a-c]', 'f5b'));
    assert.ok(matches('[a-]', '-'));
    assert.ok(!matches('*.PY', 'a.py'), 'case-sensitive');
    assert.ok(matches('?é*', 'xé'), 'characters, not UTF-16 units');
  });

  it('`*` and `?` agree with an equivalent regular expression', () => {
    const alphabet = fc.constantFrom('a', 'b', '.', '-');
    fc.assert(
      fc.property(fc.array(fc.oneof(alphabet, fc.constantFrom('*', '?')), { minLength: 1, maxLength: 8 }), fc.array(alphabet, { maxLength: 10 }), (pat, name) => {
        const pattern = pat.join('').replace(/\*+/g, '*');
        fc.pre(/[*?]/.test(pattern));
        const regex = new RegExp('^' + [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.-]/g, '\\$&'))).join('') + '$', 's');
        assert.equal(matches(pattern, name.join('')), regex.test(name.join('')), `${pattern} vs ${name.join('')}`);
      }),
      { numRuns: 300 },
    );
  });

  it('minimumDepth finds patterns that climb above their base', () => {
    const depth = (p: string) => minimumDepth(parseGlob(p) ?? []);
    assert.equal(depth('a/b'), 0);
    assert.equal(depth('../x'), -1);
    assert.equal(depth('a/../../x'), -1);
    assert.equal(depth('*/..'), 0);
    assert.equal(depth('./a/./../..'), -1);
  });
});
