#!/usr/bin/env node
// The code in the plugin docs is extracted from the templates that the tests build, never
// written by hand. A doc marks a snippet with
//
//   <!-- snippet: FILE#REGION -->
//   ```lang
//   …
//   ```
//
// where FILE is relative to the doc (or to server/plugin-templates/ when it starts with a
// template name and the doc is outside the templates) and REGION is a `#region NAME` …
// `#endregion NAME` block in it (comment style `//` or `#`).
//
//   node plugins/snippets.js           check: exit 1 and name every stale snippet
//   node plugins/snippets.js --write   rewrite the code blocks from their regions
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const TEMPLATES = path.join(ROOT, 'server', 'plugin-templates');

/** Every doc with snippets: plugins/README.md and each template's README.md. */
function docs() {
  const out = [path.join(ROOT, 'plugins', 'README.md')];
  for (const t of fs.readdirSync(TEMPLATES)) {
    const readme = path.join(TEMPLATES, t, 'README.md');
    if (fs.existsSync(readme)) out.push(readme);
  }
  return out;
}

/** The lines between `#region name` and `#endregion name`, common indentation removed. */
function region(file, name) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\s*(//|#)\\s*#region ${name}\\s*$`).test(l));
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^\\s*(//|#)\\s*#endregion ${name}\\s*$`).test(l));
  if (start < 0 || end < 0) throw new Error(`${path.relative(ROOT, file)}: no region ${name}`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return body.map((l) => l.slice(indent)).join('\n');
}

function sourceFile(doc, ref) {
  const local = path.join(path.dirname(doc), ref);
  return fs.existsSync(local) || path.dirname(doc).startsWith(TEMPLATES) ? local : path.join(TEMPLATES, ref);
}

/** A marker, the fence's first line, the body (up to the first fence closing at a line start), the closing fence. */
const SNIPPET = /(<!-- snippet: ([^#\s]+)#(\S+) -->\n```[a-z]*\n)((?:(?!^```)[\s\S])*)(^```)/gm;

/** [{ doc, ref, stale, text }] for every snippet, and the doc text with fresh snippets. */
function scan(doc) {
  const found = [];
  const text = fs.readFileSync(doc, 'utf8').replace(SNIPPET, (_, head, file, name, body, tail) => {
    const fresh = `${region(sourceFile(doc, file), name)}\n`;
    found.push({ doc, ref: `${file}#${name}`, stale: fresh !== body });
    return head + fresh + tail;
  });
  return { found, text };
}

function check() {
  return docs().flatMap((d) => scan(d).found);
}

if (require.main === module) {
  const write = process.argv.includes('--write');
  let stale = 0;
  for (const doc of docs()) {
    const { found, text } = scan(doc);
    for (const s of found.filter((f) => f.stale)) {
      stale++;
      console.log(`${write ? 'updated' : 'stale'}: ${path.relative(ROOT, doc)} ${s.ref}`);
    }
    if (write) fs.writeFileSync(doc, text);
  }
  if (!write && stale > 0) {
    console.log('run `node plugins/snippets.js --write`');
    process.exitCode = 1;
  }
}

module.exports = { check, region, docs };
