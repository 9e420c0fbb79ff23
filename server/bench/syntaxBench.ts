import { readFileSync } from 'node:fs';
import { HieParser } from '../src/syntax/hieParser';
import { HieDocument } from '../src/syntax/document';
import { buildProgram } from '../src/model/build';
import { analyze } from '../src/model/analyze';
import { syntaxDiagnostics } from '../src/syntax/syntaxErrors';
import { concatenatedReference, generatedHie } from './inputs';
import { median, ms, percentile, row, timeIt } from './stats';

const known = { knownLibraries: new Set(['files', 'python', 'rust']) };

/** Issue 2: full parse, model build, and one-character edits with re-parse and diagnostics. */
export async function syntaxBench(): Promise<void> {
  const parser = await HieParser.create();
  for (const [label, file, target] of [
    ['generated 5,000-line file', generatedHie(5000), 'edit median target ≤ 5 ms'],
    ['hielements.hie × 200 (3.2 MB)', concatenatedReference(200), 'full check target ≤ 1 s; reference 274.8 ms'],
  ] as const) {
    const text = readFileSync(file, 'utf8');
    console.log(`\n${label}: ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB`);
    parser.parse(text).delete(); // warm up
    const [tree, parseMs] = timeIt(() => parser.parse(text));
    const [, buildMs] = timeIt(() => buildProgram(tree, text));
    const [analysis, checkMs] = timeIt(() => analyze(tree, text, known));
    tree.delete();
    row('full parse', ms(parseMs));
    row('model build', ms(buildMs));
    row('validate (model + diagnostics, tree given)', ms(checkMs));
    row('full check (parse + model + diagnostics)', ms(parseMs + checkMs), target);
    row('diagnostics', String(analysis.diagnostics.length));

    const doc = new HieDocument(parser, text);
    const syntaxOnly: number[] = [];
    const full: number[] = [];
    const rows = doc.lineIndex.lineCount;
    for (let i = 0; i < 200; i++) {
      // type one character into a name somewhere in the file, then take it back
      const line = Math.floor(((i * 7919) % rows) * 1);
      const lineText = doc.text.split('\n', line + 1)[line] ?? '';
      const column = Math.max(0, lineText.search(/[a-z]/));
      const insert = { range: { start: { line, character: column }, end: { line, character: column } }, text: 'x' };
      const [, t1] = timeIt(() => {
        doc.applyChanges([insert]);
        return syntaxDiagnostics(doc.tree);
      });
      syntaxOnly.push(t1);
      const undo = { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' };
      const [, t2] = timeIt(() => {
        doc.applyChanges([undo]);
        return analyze(doc.tree, doc.text, known);
      });
      full.push(t2);
    }
    doc.dispose();
    row('1-char edit + incremental re-parse + syntax diagnostics: median', ms(median(syntaxOnly)));
    row('1-char edit + incremental re-parse + syntax diagnostics: p95', ms(percentile(syntaxOnly, 95)));
    row('1-char edit + re-parse + model + all diagnostics: median', ms(median(full)));
    row('1-char edit + re-parse + model + all diagnostics: p95', ms(percentile(full, 95)));
  }
}
