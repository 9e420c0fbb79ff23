import { readFileSync } from 'node:fs';
import { HieParser } from '../src/syntax/hieParser';
import { AnalyzedDocument } from '../src/model/analyzedDocument';
import { analyze } from '../src/model/analyze';
import { concatenatedReference, generatedHie } from './inputs';
import { median, ms, percentile, row, timeIt } from './stats';

const known = { knownLibraries: new Set(['files', 'python', 'rust']) };

/** Issue 2: full parse, model build, and one-character edits with re-parse and diagnostics. */
export async function syntaxBench(): Promise<void> {
  const parser = await HieParser.create();
  for (const [label, file, checkTarget, editTarget] of [
    ['generated 5,000-line file', generatedHie(5000), 'reference CLI check: 29.9 ms', 'target ≤ 5 ms'],
    ['hielements.hie × 200 (3.2 MB)', concatenatedReference(200), 'target ≤ 1 s; reference CLI check: 274.8 ms', ''],
  ] as const) {
    const text = readFileSync(file, 'utf8');
    console.log(`\n${label}: ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB`);
    parser.parse(text).delete(); // warm up
    const [tree, parseMs] = timeIt(() => parser.parse(text));
    const [analysis, checkMs] = timeIt(() => analyze(tree, text, known));
    tree.delete();
    row('full parse', ms(parseMs));
    row('model + diagnostics (one walk)', ms(checkMs));
    row('full check (parse + model + diagnostics)', ms(parseMs + checkMs), checkTarget);
    row('diagnostics', String(analysis.diagnostics.length));

    const doc = new AnalyzedDocument(parser, text, known);
    void doc.analysis;
    const typed: number[] = [];
    const broken: number[] = [];
    const rows = doc.lineIndex.lineCount;
    for (let i = 0; i < 200; i++) {
      const line = (i * 7919) % rows;
      const lineText = doc.lineIndex.lineText(line);
      // a name character (keeps the file valid) and, on odd rounds, a stray `:` (a syntax error)
      const column = Math.max(0, lineText.search(/[a-z_0-9]\b/) + 1);
      const insert = (s: string) => ({ range: { start: { line, character: column }, end: { line, character: column } }, text: s });
      const remove = { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' };
      const [, t1] = timeIt(() => {
        doc.applyChanges([insert(i % 2 === 0 ? 'x' : ':')]);
        return doc.analysis;
      });
      (i % 2 === 0 ? typed : broken).push(t1);
      doc.applyChanges([remove]);
      void doc.analysis;
    }
    doc.dispose();
    row('1-char edit (name) + re-parse + model + diagnostics: median', ms(median(typed)), editTarget);
    row('1-char edit (name) + re-parse + model + diagnostics: p95', ms(percentile(typed, 95)));
    row('1-char edit (syntax error) + re-parse + diagnostics: median', ms(median(broken)));
    row('1-char edit (syntax error) + re-parse + diagnostics: p95', ms(percentile(broken, 95)));
  }
}
