// Dev aid: print the tree-sitter tree of a .hie file (or stdin text with -e).
const { Parser, Language } = require('web-tree-sitter');
const fs = require('fs');
const path = require('path');
(async () => {
  await Parser.init();
  const lang = await Language.load(path.join(__dirname, '../../server/grammar/tree-sitter-hielements.wasm'));
  const p = new Parser(); p.setLanguage(lang);
  const text = process.argv[2] === '-e' ? process.argv[3].replace(/\\n/g, '\n') : fs.readFileSync(process.argv[2], 'utf8');
  const t = p.parse(text);
  const show = (n, d) => {
    const f = (n.parent && fieldName(n)) || '';
    const pos = `${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column}`;
    const txt = n.childCount === 0 ? ' ' + JSON.stringify(n.text) : '';
    console.log('  '.repeat(d) + (f ? f + ': ' : '') + (n.isMissing ? 'MISSING ' : '') + (n.isNamed ? n.type : JSON.stringify(n.type)) + ' ' + pos + txt);
    for (const c of n.children) show(c, d + 1);
  };
  function fieldName(n) { const p = n.parent; for (let i = 0; i < p.childCount; i++) if (p.child(i).id === n.id) return p.fieldNameForChild(i); return null; }
  show(t.rootNode, 0);
})();
