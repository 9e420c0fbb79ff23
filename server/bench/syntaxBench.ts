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
    const rows = doc.lineIndex.lineCount;
    /** One character typed `rounds` times at `where` (and taken back each time, untimed); times in ms. */
    const keystrokes = (rounds: number, where: (line: string) => number, char: string): number[] => {
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        let line = (i * 7919) % rows;
        while (where(doc.lineIndex.lineText(line)) < 0) line = (line + 1) % rows;
        const column = where(doc.lineIndex.lineText(line));
        const at = { line, character: column };
        const [, t] = timeIt(() => {
          doc.applyChanges([{ range: { start: at, end: at }, text: char }]);
          return doc.analysis;
        });
        times.push(t);
        doc.applyChanges([{ range: { start: at, end: { line, character: column + 1 } }, text: '' }]);
        void doc.analysis;
      }
      return times;
    };
    // typing inside a quoted name: the file stays valid
    const typed = keystrokes(200, (l) => (/'[A-Za-z_]/.test(l) ? l.search(/'[A-Za-z_]/) + 2 : -1), 'x');
    // a stray `=` before a statement: a syntax error on that line
    const broken = keystrokes(100, (l) => (/^\s+(scope|check)\b/.test(l) ? l.search(/\S/) : -1), '=');
    // a lone quote: a string may span lines up to the next top-level item, so the rest of that item changes meaning
    const quote = keystrokes(20, (l) => (/'[A-Za-z_]/.test(l) ? l.search(/'[A-Za-z_]/) + 2 : -1), "'");
    doc.dispose();
    row('1-char edit (name) + re-parse + model + diagnostics: median', ms(median(typed)), editTarget);
    row('1-char edit (name) + re-parse + model + diagnostics: p95', ms(percentile(typed, 95)));
    row('1-char edit (syntax error) + re-parse + diagnostics: median', ms(median(broken)));
    row('1-char edit (syntax error) + re-parse + diagnostics: p95', ms(percentile(broken, 95)));
    row('a lone quote (the rest of its item re-reads): median', ms(median(quote)));
  }
}
