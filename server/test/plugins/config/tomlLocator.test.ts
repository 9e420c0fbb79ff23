import * as assert from 'node:assert/strict';
import * as TOML from '@iarna/toml';
import { locateToml, findNode, keyRange, findPair } from '../../../src/plugins/config/tomlLocator';

describe('tomlLocator', () => {
  const text = [
    'title = """',
    '[libraries.fake]  # inside a string',
    '"""',
    "when = 1979-05-27 07:32:00Z # comment",
    '[libraries]',
    '"a.b" = { path = "x # not a comment", args = [',
    "  'one', # first",
    '  "two\\"]",',
    '] }',
    'c.d = { executable = \'\'\'multi',
    "line ]} '''}",
    '',
    '  [ libraries . "q k" ]',
    'executable = "q"',
  ].join('\n');

  it('is valid TOML (the locator runs after @iarna/toml accepted the text)', () => {
    const parsed = TOML.parse(text) as { libraries: Record<string, unknown> };
    assert.deepEqual(Object.keys(parsed.libraries), ['a.b', 'c', 'q k']);
  });

  it('finds pairs, dotted keys, quoted keys, array items and headers at their exact offsets', () => {
    const layout = locateToml(text);
    const slice = (r?: { start: number; end: number }): string | undefined => (r ? text.slice(r.start, r.end) : undefined);
    assert.deepEqual(layout.tables.map((t) => t.path), [['libraries'], ['libraries', 'q k']]);
    assert.equal(slice(findNode(layout, ['when'])), '1979-05-27 07:32:00Z');
    assert.equal(slice(findNode(layout, ['libraries', 'a.b', 'path'])), '"x # not a comment"');
    assert.equal(slice(findNode(layout, ['libraries', 'a.b', 'args', '1'])), '"two\\"]"');
    assert.equal(slice(keyRange(layout, ['libraries', 'a.b'])), '"a.b"');
    assert.equal(slice(findNode(layout, ['libraries', 'c', 'd', 'executable'])), "'''multi\nline ]} '''");
    assert.equal(slice(keyRange(layout, ['libraries', 'c'])), 'c');
    assert.equal(slice(keyRange(layout, ['libraries', 'q k'])), '"q k"');
    assert.equal(slice(findPair(layout, ['libraries', 'q k', 'executable'])?.range), 'executable = "q"');
    assert.equal(findPair(layout, ['libraries', 'fake']), undefined);
  });
});
