import { strict as assert } from 'node:assert';
import { brief, checkText, parseText } from '../helpers/cliHarness';

/**
 * conformance.md §1 (L-xx). Cases we decide differently on purpose (reference quirks) assert
 * our behaviour and say "deliberate"; README.md lists them with the reason.
 */
const errorsOf = async (text: string) => (await checkText(text)).diagnostics.filter((d) => d.severity === 'error').map(brief);
const TOP = "Expected 'template', 'element', or 'language'";

describe('conformance: lexical (L-)', () => {
  it('L-01 keywords need an exact word', async () => {
    const ast = await parseText("element elements:\n    scope element_x = files.folder_selector('x')\n");
    assert.equal(ast.elements[0].name.name, 'elements');
    assert.equal(ast.elements[0].scopes[0].name.name, 'element_x');
  });

  it('L-02 keywords lex as keywords; a stray line is one error (deliberate: no per-token cascade)', async () => {
    assert.deepEqual(await errorsOf('requires allows forbids descendant connection to\n'), [`E001 1:1 ${TOP}, found Requires`]);
    assert.deepEqual(await errorsOf('uses binds implements\n'), [`E001 1:1 ${TOP}, found Uses`]);
    const ast = await parseText('language connection_check\n');
    assert.equal(ast.languages[0].name.name, 'connection_check');
  });

  it('L-04 string escapes', async () => {
    const ast = await parseText(`element a:\n    check files.exists(x, 'it\\'s "q"\\n')\n`);
    assert.equal(ast.elements[0].checks[0].expression.FunctionCall.arguments[1].String.value, 'it\'s "q"\n');
  });

  it('L-05 unknown characters are errors, not silently dropped (deliberate)', async () => {
    assert.deepEqual(await errorsOf("element a:\n    scope x = files.folder_selector('x');\n"), ["E017 2:41 Invalid character ';'"]);
    assert.deepEqual(await errorsOf('element a:\n    check files.max_size(x, -5)\n'), ["E017 2:29 Invalid character '-'"]);
  });

  it('L-06 `#` comments anywhere; `##` after code is a comment too (deliberate)', async () => {
    assert.deepEqual(await errorsOf("element a:  # c\n    scope x = files.folder_selector('x')  # c\n"), []);
    assert.deepEqual(await errorsOf("element a:\n    scope x = files.folder_selector('x')  ## doc\n"), []);
    assert.deepEqual(await errorsOf("element a:  ## d\n    scope x = files.folder_selector('x')\n"), []);
  });

  it('L-07 block comments', async () => {
    const ast = await parseText("###\nblock\n###\nelement a:\n    scope x = files.folder_selector('x')\n");
    assert.equal(ast.elements.length, 1);
    assert.equal((await parseText("### Section ###\nelement a:\n    scope x = files.folder_selector('x')\n")).elements.length, 1);
  });

  it('L-08 a block comment ends at the next `###` even if it contains `#` (deliberate); an unclosed one is an error', async () => {
    const ast = await parseText("###\nsee #1\n###\nelement a:\n    scope x = files.folder_selector('x')\n");
    assert.equal(ast.elements.length, 1);
    assert.deepEqual(await errorsOf("### Title\nelement a:\n    scope x = files.folder_selector('x')\n"), [
      'E019 1:1 Unterminated block comment: everything up to the end of the file is commented out; close it with `###`',
    ]);
  });

  it('L-09 CRLF line endings', async () => {
    const ast = await parseText("element test:\r\n    scope src = files.folder_selector(\"src\")\r\n    check files.exists(src, \"main.py\")\r\n");
    assert.equal(ast.elements[0].scopes.length, 1);
    assert.equal(ast.elements[0].checks.length, 1);
  });

  it('L-10 tabs count as four columns', async () => {
    const ast = await parseText("element a:\n\tscope x = files.folder_selector('x')\n    check files.exists(x, 'y')\n");
    assert.equal(ast.elements[0].scopes.length, 1);
    assert.equal(ast.elements[0].checks.length, 1);
  });

  it('L-11 a deeper comment line does not break the body (deliberate)', async () => {
    const ast = await parseText("element a:\n    scope x = files.folder_selector('x')\n        # deeper\n    check files.exists(x, 'y')\n");
    assert.equal(ast.elements[0].checks.length, 1);
  });

  it('L-12 a shallower comment line does not close the block (deliberate)', async () => {
    const ast = await parseText("element a:\n    scope x = files.folder_selector('x')\n# shallow\n    check files.exists(x, 'y')\n");
    assert.equal(ast.elements[0].scopes.length, 1);
    assert.equal(ast.elements[0].checks.length, 1);
  });

  it('L-13 indented first line', async () => {
    assert.deepEqual(await errorsOf("    element a:\n        scope x = files.folder_selector('x')\n"), [`E001 1:1 ${TOP}, found Indent`]);
  });

  it('L-14 soft keywords as names; also usable as identifiers in expressions (deliberate)', async () => {
    const ast = await parseText("element scope:\n    scope check = files.folder_selector('x')\n    check files.exists(check, 'y')\n");
    assert.equal(ast.elements[0].name.name, 'scope');
    assert.equal(ast.elements[0].checks[0].expression.FunctionCall.arguments[0].Identifier.name, 'check');
  });

  it('L-15 an inconsistent dedent leaves the element', async () => {
    assert.deepEqual(await errorsOf("element a:\n        scope x = files.folder_selector('x')\n    check files.exists(x, 'y')\n"), [`E001 3:5 ${TOP}, found Check`]);
  });
});
