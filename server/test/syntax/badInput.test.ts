import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { HieParser } from '../../src/syntax/hieParser';
import { analyze } from '../../src/model/analyze';
import type { HieDiagnostic } from '../../src/diagnostics/diagnostic';

/** Bad input gets a diagnostic, never a crash or a hang. */
describe('bad input', function () {
  this.timeout(60_000);
  let parser: HieParser;
  before(async () => {
    parser = await HieParser.create();
  });

  const check = (text: string): { diagnostics: HieDiagnostic[]; elements: number } => {
    const tree = parser.parse(text);
    try {
      const { program, diagnostics } = analyze(tree, text, { knownLibraries: new Set(['files']) });
      return { diagnostics, elements: program.elements.length };
    } finally {
      tree.delete();
    }
  };
  const briefs = (ds: HieDiagnostic[]) => ds.map((d) => `${d.code} ${d.span.start.row + 1}:${d.span.start.column + 1} ${d.message}`);

  it('empty file and comment-only file are valid', () => {
    assert.deepEqual(check('').diagnostics, []);
    assert.deepEqual(check('# just a comment\n## and a doc\n').diagnostics, []);
  });

  it('binary garbage: a bounded number of diagnostics', () => {
    const garbage = randomBytes(64 * 1024).toString('latin1');
    const { diagnostics } = check(garbage);
    assert.ok(diagnostics.length >= 1 && diagnostics.length <= 60, `${diagnostics.length} diagnostics`);
    assert.equal(diagnostics[0].severity, 'error');
  });

  it('NUL bytes and a lone carriage return are invalid characters', () => {
    assert.deepEqual(briefs(check('element a:\n    scope x = f.g(\0)\n').diagnostics), ["E017 2:19 Invalid character '\0'"]);
    assert.deepEqual(briefs(check('element a:\r    scope x = f.g()\n').diagnostics)[0], "E017 1:11 Invalid character '\r'");
  });

  it('a 10 MB file parses completely', () => {
    const block = "element e{{n}}:\n    scope src = files.folder_selector('src')\n    check files.exists(src, 'main.py')\n";
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const part = block.replace('{{n}}', String(i));
      parts.push(part);
      size += part.length;
    }
    const { diagnostics, elements } = check(parts.join(''));
    assert.deepEqual(diagnostics, []);
    assert.equal(elements, parts.length);
  });

  it('1,000 levels of nesting, indentation and braces', () => {
    let indented = '';
    for (let i = 0; i < 1000; i++) indented += `${' '.repeat(i * 2)}element e${i}:\n`;
    indented += `${' '.repeat(2000)}scope s = files.folder_selector('s')\n`;
    const deep = check(indented);
    assert.equal(deep.elements, 1);
    let braces = '';
    for (let i = 0; i < 1000; i++) braces += `element b${i} {\n`;
    braces += "scope s = files.folder_selector('s')\n" + '}\n'.repeat(1000);
    const braced = check(braces);
    assert.deepEqual(braced.diagnostics, []);
    assert.equal(braced.elements, 1);
  });

  it('tabs mixed with spaces', () => {
    assert.deepEqual(check("element a:\n\t  scope x = files.folder_selector('x')\n  \tcheck files.exists(x, 'y')\n").diagnostics, []);
  });

  it('unterminated strings and block comments are reported where they start', () => {
    assert.deepEqual(briefs(check("element a:\n    scope x = files.folder_selector('src)\n").diagnostics), [
      'E018 2:37 Unterminated string literal: add the closing quote on the same line',
    ]);
    assert.deepEqual(briefs(check('element a:\n    check files.exists(x, "y)\n').diagnostics), [
      'E018 2:27 Unterminated string literal: add the closing quote on the same line',
    ]);
    assert.deepEqual(briefs(check("element a:\n    scope x = files.folder_selector('x')\n###\nnotes\n").diagnostics), [
      'E019 3:1 Unterminated block comment: everything up to the end of the file is commented out; close it with `###`',
    ]);
  });

  it('an unterminated string is reported on its own line even when a later line holds a quote (issue 13)', () => {
    // the string runs to the next quote, two lines down; the error it causes is there
    assert.deepEqual(briefs(check("element a:\n    check files.exists(x, 'abc)\n    scope y = files.folder_selector('b')\n    check files.exists(y, 'c')\n").diagnostics), [
      'E018 2:27 Unterminated string literal: add the closing quote on the same line',
    ]);
    assert.deepEqual(briefs(check("element a:\n    scope y = files.folder_selector('b)\nelement b:\n    scope z = files.folder_selector(\"c\")\n    check files.exists(z, 'd')\n").diagnostics), [
      'E018 2:37 Unterminated string literal: add the closing quote on the same line',
    ]);
    // with CRLF line ends the span stops before the \r
    const crlf = check("element a:\r\n    check files.exists(x, 'abc)\r\n    check files.exists(y, 'c')\r\n").diagnostics;
    assert.deepEqual(briefs(crlf), ['E018 2:27 Unterminated string literal: add the closing quote on the same line']);
  });

  it('a multi-line string is one token', () => {
    assert.deepEqual(check("element a:\n    check files.exists(x, 'line one\nline two')\n").diagnostics, []);
  });
});
