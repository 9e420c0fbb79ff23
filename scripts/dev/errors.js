// Dev aid: list ERROR/MISSING nodes for each given .hie file.
const { Parser, Language } = require('web-tree-sitter');
const fs = require('fs'); const path = require('path');
(async () => {
  await Parser.init();
  const lang = await Language.load(path.join(__dirname, '../../server/grammar/tree-sitter-hielements.wasm'));
  const p = new Parser(); p.setLanguage(lang);
  for (const f of process.argv.slice(2)) {
    const t = p.parse(fs.readFileSync(f, 'utf8'));
    const errs = [];
    const walk = (n) => { if (n.isError || n.isMissing) errs.push(`${n.isMissing ? 'MISSING ' + n.type : 'ERROR'} ${n.startPosition.row + 1}:${n.startPosition.column + 1} ${JSON.stringify(n.text.slice(0, 40))}`); else for (const c of n.children) walk(c); };
    walk(t.rootNode);
    console.log(f, errs.length ? errs.join('\n  ') : 'ok');
  }
})();
