import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalyzedDocument } from '../../src/model/analyzedDocument';
import { modelIndex } from '../../src/lsp/modelIndex';
import { Resolver, type SymbolRef } from '../../src/lsp/navigation/resolver';
import type { HieFile } from '../../src/lsp/workspaceState';
import { HieParser } from '../../src/syntax/hieParser';
import { REFERENCE } from '../helpers/paths';

function hieFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? hieFiles(full) : e.name.endsWith('.hie') ? [full] : [];
  });
}

const id = (s: SymbolRef): string => `${s.file.key}#${s.key}`;

/**
 * Definition, references and rename read the same resolver: from every name in every
 * reference file, the references of what it names include the name itself and every
 * declaration; and each of those places resolves back to (one of) the same symbols.
 */
describe('navigation resolver: definition, references and rename never disagree (all reference files)', function () {
  this.timeout(120_000);
  let files: HieFile[];
  before(async () => {
    const parser = await HieParser.create();
    const texts: [string, string][] = hieFiles(REFERENCE).map((f) => [f, fs.readFileSync(f, 'utf8')]);
    // two specs sharing a pattern (the reference files never use one across files)
    texts.push(['/shared/patterns.hie', 'pattern shared_stage:\n    scope src\n    element part:\n        ref api: Api\n    check files.exists(src, \'x\')\n']);
    texts.push(['/shared/use.hie', "element a implements shared_stage:\n    scope s binds shared_stage.src = files.folder_selector('a')\n    shared_stage.part.api = files.folder_selector('b')\n"]);
    files = texts.map(([f, text]) => {
      const doc = new AnalyzedDocument(parser, text, { knownLibraries: new Set(['files', 'python', 'rust']) });
      return { key: f, uri: `file://${f}`, path: f, open: false, version: null, revision: 1, doc } as unknown as HieFile;
    });
  });
  after(() => files.forEach((f) => f.doc.dispose()));

  it('every name resolves consistently', () => {
    const resolver = new Resolver(() => files);
    let names = 0;
    let shared = 0;
    for (const file of files) {
      const index = modelIndex(file.doc.analysis.program);
      for (const span of [...index.occurrences.map((o) => o.span), ...index.unresolved.map((u) => u.span)]) {
        const position = { line: span.start.row, character: span.start.column };
        const target = resolver.targetAt(file, position);
        assert.ok(target?.kind === 'symbol', `${file.key}:${position.line}: no symbol at a name`);
        if (target.symbols.length === 0) continue;
        names++;
        const symbols = new Set(target.symbols.map(id));
        const sites = resolver.occurrences(target.symbols);
        const where = (s: { file: HieFile; span: { startIndex: number } }) => `${s.file.key}@${s.span.startIndex}`;
        const all = new Set(sites.map(where));
        assert.ok(all.has(`${file.key}@${span.startIndex}`), `${file.key}:${position.line}: a name is not among its own references`);
        for (const d of resolver.declarations(target.symbols)) assert.ok(all.has(where(d)), `${file.key}:${position.line}: a declaration is not among the references`);
        for (const site of sites) {
          if (site.file !== file) shared++;
          const back = resolver.targetAt(site.file, { line: site.span.start.row, character: site.span.start.column });
          assert.ok(back?.kind === 'symbol' && back.symbols.some((s) => symbols.has(id(s))), `${where(site)} does not resolve back to ${[...symbols].join(', ')}`);
        }
      }
    }
    assert.ok(names > 300, `only ${names} names checked`);
    assert.ok(shared >= 4, `${shared} names in another spec than their declaration`);
  });
});
