import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { AnalyzedDocument } from '../../src/model/analyzedDocument';
import { librariesWithoutPlugins } from '../../src/staticCheck/catalogues';
import { StaticChecker, staticCheck, type StaticResult } from '../../src/staticCheck/checker';
import { HieParser } from '../../src/syntax/hieParser';
import { REFERENCE } from '../helpers/paths';
import { applyRandomEdit } from '../helpers/randomEdit';
import { render } from './support';

/**
 * The checker reuses what it computed for units an edit did not replace (and whose names did
 * not change): only an optimisation. After every random edit, what one long-lived checker
 * reports must equal a fresh check of the same text, spans and fixes included.
 */
const FRAGMENTS = [
  '\n', '    ', ':', '(', ')', ',', '.', "'", 'x', 's',
  "element y:\n    scope src = files.folder_selector('s')\n", "    scope src = files.folder_selector('b')\n", "    scope module = docker.pick('x')\n",
  "    check files.exists(src, 'a')\n", "    check files.exist(src, 'a')\n", "    check files.exists(srcc, 'a')\n", "    check files.exists(module, 'a')\n",
  "    ref src: T = files.folder_selector('r')\n", 'element c:\n', 'src', 'module', 'tests', 'files', 'fles', 'import files as f\n', 'f.exists(src)',
];

const BASE = `import files
element a:
    scope src = files.folder_selector('src')
    check files.exists(src, 'main.py')
    element b:
        scope tests = files.glob_selector('**/*.py')
        check files.exists(tests, 'x')
        check rust.function_exists(src, 'main')
element c:
    check files.exists(src, 'y')
    check files.exists(tests, 'y')
    check files.exists(module, 'z')
element d:
    scope module = docker.pick('x')
    check files.exists(module, 'w')
`;

function shown(result: StaticResult): { findings: string[]; errors: string[] } {
  const spanText = (f: { span: { startIndex: number; endIndex: number } }) => `@${f.span.startIndex}-${f.span.endIndex}`;
  return {
    findings: result.findings.map((f) => `${render(f)} ${spanText(f)}${f.fix ? ` fix${spanText(f.fix)}` : ''}`),
    errors: [...result.checkErrors].map(([check, f]) => `${check.span.startIndex}: ${render(f)} ${spanText(f)}`).sort(),
  };
}

describe('static checker: incremental results equal a fresh check (property)', function () {
  this.timeout(120_000);
  let parser: HieParser;
  before(async () => (parser = await HieParser.create()));
  const libraries = librariesWithoutPlugins([]);
  const known = { knownLibraries: new Set(['files', 'python', 'rust']) };
  const bases = [BASE, readFileSync(path.join(REFERENCE, 'examples/hierarchical.hie'), 'utf8'), readFileSync(path.join(REFERENCE, 'examples/simple.hie'), 'utf8')];
  const edit = fc.record({
    start: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 10 }),
    insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 })),
  });

  it('a keystroke in a check, or in a scope whose name is declared elsewhere too, checks again only the units the analysis replaced', async () => {
    const text = Array.from({ length: 40 }, (_, i) => `element e${i}:\n    scope src = files.folder_selector('s${i}')\n    check files.exists(src, 'x')\n`).join('');
    const doc = new AnalyzedDocument(parser, text, known);
    const checker = new StaticChecker();
    // the analysis replaces the unit of the edit (sometimes its neighbour too); nothing else is checked again
    const onlyReplaced = (changedNames: number, others = 0): void => {
      const { newUnits } = checker.lastRun;
      assert.ok(newUnits >= 1 && newUnits <= 2, `${newUnits} units replaced`);
      assert.deepEqual(checker.lastRun, { newUnits, checkedUnits: newUnits + others, changedNames });
    };
    try {
      checker.check(doc.analysis.program, libraries);
      assert.equal(checker.lastRun.checkedUnits, 40);
      // `'x'` → `'xy'` in the check of e20
      doc.applyChanges([{ range: { start: { line: 62, character: 30 }, end: { line: 62, character: 30 } }, text: 'y' }]);
      checker.check(doc.analysis.program, libraries);
      onlyReplaced(0);
      // e20's `src` → `srcx`: the name changed, but every later check still finds a `src` before it
      doc.applyChanges([{ range: { start: { line: 61, character: 13 }, end: { line: 61, character: 13 } }, text: 'x' }]);
      const result = checker.check(doc.analysis.program, libraries);
      onlyReplaced(2);
      assert.deepEqual(result.findings.map(render), []);
      // e0's `src` → `srcx`: its own check no longer finds one; the later units still do
      doc.applyChanges([{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 13 } }, text: 'x' }]);
      const first = checker.check(doc.analysis.program, libraries);
      assert.deepEqual(first.findings.map(render), ["error E200 3:24-3:27 Undefined identifier: src (did you mean 'srcx'?) [fix 3:24-3:27 → 'srcx': Change 'src' to 'srcx']"]);
      // and e1, the one unit before which a `src` is no longer stored
      onlyReplaced(2, 1);
    } finally {
      doc.dispose();
    }
  });

  it('1,500 random edits', () => {
    let edits = 0;
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(edit, { minLength: 6, maxLength: 14 }), (baseIndex, script) => {
        const doc = new AnalyzedDocument(parser, bases[baseIndex], known);
        const checker = new StaticChecker();
        checker.check(doc.analysis.program, libraries);
        try {
          for (const e of script) {
            applyRandomEdit(doc, e);
            edits++;
            const incremental = shown(checker.check(doc.analysis.program, libraries));
            const fresh = new AnalyzedDocument(parser, doc.text, known);
            try {
              assert.deepEqual(incremental, shown(staticCheck(fresh.analysis.program, libraries)), doc.text);
            } finally {
              fresh.dispose();
            }
          }
        } finally {
          doc.dispose();
        }
      }),
      { numRuns: 180, seed: 20260513 },
    );
    assert.ok(edits >= 1500, `only ${edits} edits`);
  });
});
