import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { ChangeMap } from '../../src/syntax/changeMap';
import { HieDocument } from '../../src/syntax/document';
import { HieParser } from '../../src/syntax/hieParser';
import { LayoutScanner } from '../../src/syntax/layout';
import { LineIndex } from '../../src/syntax/lineIndex';
import { TextBuffer } from '../../src/syntax/textBuffer';
import { TokenTree } from '../../src/syntax/tokenTree';
import { leafTokens, type Token } from '../../src/syntax/tokens';
import { REFERENCE } from '../helpers/paths';
import { RandomTypist } from '../lsp/randomTypist';

/**
 * The pieces that let an analysis after an edit read only what changed: the change map, the
 * line buffer, the token tree (moved tokens) and the layout tokens worked out from line
 * breaks. Each is checked against a fresh reading of the same text.
 */
const FRAGMENTS = [
  '\n', '\r\n', '    ', '\t', ' ', ':', '{', '}', '(', ')', '[', ']', ',', '.', '=', '#', '## doc', '###', "'", '"', '\\',
  'element x', "element y:\n    scope s = files.folder_selector('s')\n", "check files.exists(s, 'a')", 'pattern p {\n',
  'import files\n', '\n        ', '\nelement ', "'\nelement z:\n", 'é', '######', '\r',
];

const sig = (tokens: readonly Token[]): string[] => tokens.map((t) => `${t.kind}@${t.startIndex}-${t.endIndex}:${t.start.row}.${t.start.column}-${t.end.row}.${t.end.column}:${t.text}`);
/** The tree's tokens with a width, as the token tree keeps them. */
const wide = (tokens: readonly Token[]): Token[] => tokens.filter((t) => t.endIndex > t.startIndex);

function referenceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (f.endsWith('.hie')) out.push(f);
    }
  };
  walk(REFERENCE);
  return out;
}

describe('token stream after edits', function () {
  this.timeout(180_000);
  let parser: HieParser;
  before(async () => {
    parser = await HieParser.create();
  });

  describe('change map', () => {
    it('maps what no edit touched and refuses what one touched (touching counts)', () => {
      const m = new ChangeMap();
      m.edit(10, 12, 15); // [10,12) → 5 characters
      assert.deepEqual(m.mapRange(0, 9), [0, 9]);
      assert.equal(m.mapRange(0, 10), undefined);
      assert.equal(m.mapRange(12, 20), undefined);
      assert.deepEqual(m.mapRange(13, 20), [16, 23]);
      m.edit(0, 1, 0); // delete the first character
      assert.deepEqual(m.mapRange(2, 9), [1, 8]);
      assert.deepEqual(m.mapRange(13, 20), [15, 22]);
      assert.deepEqual(m.changed.map((r) => [r.oldStart, r.oldEnd, r.newStart, r.newEnd]), [[0, 1, 0, 0], [10, 12, 9, 14]]);
      m.markChanged(13, 16); // touches [9,14]: merged
      assert.deepEqual(m.changed.map((r) => [r.oldStart, r.oldEnd, r.newStart, r.newEnd]), [[0, 1, 0, 0], [10, 14, 9, 16]]);
      assert.ok(m.touches(16, 30));
      assert.ok(!m.touches(17, 30));
      assert.deepEqual(m.mapRange(15, 20), [17, 22]);
    });

    it('agrees with replaying the edits on every position (property)', () => {
      fc.assert(
        fc.property(fc.array(fc.record({ at: fc.nat(60), del: fc.nat(5), ins: fc.nat(5) }), { maxLength: 12 }), (edits) => {
          const m = new ChangeMap();
          // each old position carried through the edits, or null once an edit touched it
          let positions: (number | null)[] = Array.from({ length: 80 }, (_, i) => i);
          let length = 80;
          for (const e of edits) {
            const start = Math.min(e.at, length);
            const oldEnd = Math.min(start + e.del, length);
            m.edit(start, oldEnd, start + e.ins);
            positions = positions.map((p) => (p === null || (p >= start && p <= oldEnd) ? null : p > oldEnd ? p + e.ins - (oldEnd - start) : p));
            length += e.ins - (oldEnd - start);
          }
          positions.forEach((p, old) => {
            const mapped = m.mapRange(old, old);
            if (p === null) assert.equal(mapped, undefined, `position ${old}`);
            else if (mapped) assert.equal(mapped[0], p, `position ${old}`);
          });
        }),
        { numRuns: 500, seed: 12 },
      );
    });
  });

  it('the line buffer gives the text and line index of a plain splice', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ line: fc.nat(8), character: fc.nat(12), endLine: fc.nat(8), endCharacter: fc.nat(12), text: fc.constantFrom(...FRAGMENTS, '', 'ab') }), { maxLength: 15 }), (edits) => {
        let text = "element a:\n    scope s = files.f('x')\r\n\n# c\nelement b { }";
        const buffer = new TextBuffer(text);
        for (const e of edits) {
          const lines = new LineIndex(text);
          const from = lines.indexOf({ row: e.line, column: e.character });
          const to = Math.max(from, lines.indexOf({ row: e.endLine, column: e.endCharacter }));
          const a = buffer.locate({ line: e.line, character: e.character });
          const bEnd = buffer.locate({ line: e.endLine, character: e.endCharacter });
          const b = bEnd.index < a.index ? a : bEnd;
          assert.deepEqual([a.index, b.index], [from, to]);
          assert.deepEqual(a.point, lines.pointAt(from));
          buffer.replace(a.point, b.point, e.text);
          text = text.slice(0, from) + e.text + text.slice(to);
          assert.equal(buffer.text, text);
        }
        const fresh = new LineIndex(text);
        for (let i = 0; i <= text.length; i++) assert.deepEqual(buffer.lineIndex.pointAt(i), fresh.pointAt(i));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('layout tokens worked out from line breaks equal the scanner’s, for every reference file and after random edits', () => {
    const check = (text: string): void => {
      const tree = parser.parse(text);
      try {
        const leaves = leafTokens(tree.rootNode).filter((t) => t.kind !== 'Eof');
        const laidOut = new LayoutScanner(text, new LineIndex(text)).run(wide(leaves), true);
        assert.deepEqual(sig(laidOut), sig(leaves));
      } finally {
        tree.delete();
      }
    };
    const files = referenceFiles();
    assert.ok(files.length > 20);
    for (const f of files) check(readFileSync(f, 'utf8'));
    const bases = files.slice(0, 6).map((f) => readFileSync(f, 'utf8'));
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(10), insert: fc.constantFrom(...FRAGMENTS) }), { minLength: 1, maxLength: 12 }), (base, edits) => {
        let text = bases[base];
        for (const e of edits) {
          const from = Math.floor(e.at * text.length);
          text = text.slice(0, from) + e.insert + text.slice(Math.min(text.length, from + e.del));
          check(text);
        }
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });

  it('a token tree carried through random typing equals a fresh reading of the text after every burst', () => {
    const text = readFileSync(path.join(REFERENCE, 'hielements.hie'), 'utf8');
    for (const seed of [1, 2, 3]) {
      const typist = new RandomTypist(text, seed);
      const doc = new HieDocument(parser, text);
      let tokens = TokenTree.read(doc.tree, doc.text, doc.lineIndex);
      tokens.tokensOf(0, tokens.rootChildCount); // read everything, so that everything is carried
      try {
        for (let burst = 0; burst < 60; burst++) {
          const n = 1 + typist.int(4);
          for (let i = 0; i < n; i++) doc.applyChanges([typist.next()]);
          const changes = doc.takeChanges()!;
          tokens = tokens.update(doc.tree, doc.text, doc.lineIndex, changes);
          const all = tokens.tokensOf(0, tokens.rootChildCount);
          assert.equal(doc.text, typist.text);
          assert.deepEqual(sig(all), sig(wide(leafTokens(doc.tree.rootNode))), `seed ${seed}, burst ${burst}`);
        }
      } finally {
        doc.dispose();
      }
    }
  });

  describe('string literals', () => {
    const kinds = (text: string): string[] => {
      const tree = parser.parse(text);
      try {
        return wide(leafTokens(tree.rootNode)).filter((t) => t.kind.includes('String')).map((t) => `${t.kind} ${JSON.stringify(t.text)}`);
      } finally {
        tree.delete();
      }
    };

    it('may span lines, but not a line that starts a top-level item: a stray quote breaks one item only', () => {
      assert.deepEqual(kinds("element a:\n    check f('one\n  two\nelements')\n"), ['StringSingle "\'one\\n  two\\nelements\'"']);
      assert.deepEqual(kinds("element a:\n    check f(x, 'a)\n    check g('b')\n\nelement b:\n    check h('c')\n"), [
        'StringSingle "\'a)\\n    check g(\'"',
        'UnterminatedString "\')"',
        'StringSingle "\'c\'"',
      ]);
      // a backslash cannot escape a line end: the string stops before it
      assert.deepEqual(kinds('element a:\n    check f("x\\\n")\n'), ['UnterminatedString "\\"x"', 'UnterminatedString "\\")"']);
    });
  });
});
