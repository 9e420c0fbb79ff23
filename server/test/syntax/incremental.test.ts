import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { Node } from 'web-tree-sitter';
import { HieParser } from '../../src/syntax/hieParser';
import { AnalyzedDocument } from '../../src/model/analyzedDocument';
import { analyze } from '../../src/model/analyze';
import { REFERENCE } from '../helpers/paths';
import { applyRandomEdit } from '../helpers/randomEdit';

/**
 * Incremental parsing is only an optimisation: after every random LSP-style edit, the
 * edited tree and the diagnostics must equal those of a fresh parse of the same text.
 */
const FRAGMENTS = [
  '\n', '\r\n', '    ', '\t', ' ', ':', '{', '}', '(', ')', '[', ']', ',', '.', '=', '<', '>', '*', '#', '## doc', '###', "'", '"',
  'element x', 'element y:\n    scope s = files.folder_selector(\'s\')\n', 'scope y = files.f(\'a\')', 'check files.exists(s, \'a\')',
  'pattern p {\n', 'requires descendant scope q', 'import files\n', 'ref r: T', 'uses', 'binds a.b', 'x.y.z = 1', '-', ';', 'é',
  '2.5', 'true', 'language rust', 'connection_check c(a: scope[]):', '\n        ',
];

function dump(node: Node, out: string[] = []): string[] {
  out.push(`${node.type}@${node.startIndex}-${node.endIndex}${node.isMissing ? '!' : ''}`);
  for (const child of node.children) if (child) dump(child, out);
  return out;
}

const known = { knownLibraries: new Set(['files', 'python', 'rust']) };

describe('incremental parsing (property)', function () {
  this.timeout(120_000);
  let parser: HieParser;
  before(async () => {
    parser = await HieParser.create();
  });

  const bases = ['examples/simple.hie', 'examples/v2_syntax_example.hie', 'examples/language_example.hie'].map((f) =>
    readFileSync(path.join(REFERENCE, f), 'utf8'),
  );

  const edit = fc.record({
    start: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 12 }),
    insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })),
  });

  it('2,000 random edits: tree, model and diagnostics equal a fresh parse and analysis after each one', () => {
    let edits = 0;
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(edit, { minLength: 8, maxLength: 20 }), (baseIndex, script) => {
        const doc = new AnalyzedDocument(parser, bases[baseIndex], known);
        void doc.analysis;
        try {
          for (const e of script) {
            const expectedText = applyRandomEdit(doc, e);
            edits++;
            assert.equal(doc.text, expectedText);
            const fresh = parser.parse(expectedText);
            try {
              assert.deepEqual(dump(doc.tree.rootNode), dump(fresh.rootNode));
              const { cache: _ignored, ...expected } = analyze(fresh, expectedText, known);
              assert.deepEqual(doc.analysis, expected);
            } finally {
              fresh.delete();
            }
          }
        } finally {
          doc.dispose();
        }
      }),
      { numRuns: 250, seed: 20261126 },
    );
    assert.ok(edits >= 2000, `only ${edits} edits`);
  });

  it('whole-document replacement resets the tree', () => {
    const doc = new AnalyzedDocument(parser, 'element a:\n', known);
    doc.applyChanges([{ text: "element b:\n    scope s = files.folder_selector('s')\n" }]);
    assert.equal(doc.tree.rootNode.hasError, false);
    doc.dispose();
  });
});
