import { strict as assert } from 'node:assert';
import { brief, checkText, parseText, withoutSpans } from '../helpers/cliHarness';

/** conformance.md §2–§3 (P-xx). "deliberate" marks a reference quirk we decide differently (README). */
const diagnosticsOf = async (text: string) => (await checkText(text)).diagnostics.map(brief);
const errorsOf = async (text: string) => (await checkText(text)).diagnostics.filter((d) => d.severity === 'error').map(brief);
const valid = async (text: string) => assert.deepEqual(await diagnosticsOf(text), []);

const TOP = "Expected 'template', 'element', or 'language'";
const ELEMENT_BODY = "Expected 'scope', 'ref', 'uses', 'check', or 'element'";
const PATTERN_BODY = "Expected 'scope', 'ref', 'check', 'element', 'requires', 'allows', or 'forbids' in template";
const E012_LONG = 'is only allowed in templates, not in regular elements. Define a template with this constraint and have the element implement it.';

describe('conformance: parser, accepted forms (P-01..P-46)', () => {
  it('P-01 simple element', async () => {
    const text = "element test:\n    scope src = files.folder_selector('src')\n    check files.exists(src, 'main.py')\n";
    const ws = await checkText(text);
    assert.equal(ws.exit, 0);
    const ast = await parseText(text);
    assert.equal(ast.elements.length, 1);
    assert.equal(ast.elements[0].name.name, 'test');
    assert.equal(ast.elements[0].scopes.length, 1);
    assert.equal(ast.elements[0].checks.length, 1);
  });

  it('P-02 imports and W001', async () => {
    const text = "import python\nimport docker as d\n\nelement service:\n    scope module = python.module_selector('main')\n";
    const result = await checkText(text);
    assert.equal(result.exit, 0);
    assert.deepEqual(result.diagnostics.map(brief), ["W001 2:8 Unknown library 'docker' (will be resolved at runtime)"]);
    const ast = await parseText(text);
    assert.equal(ast.imports.length, 2);
    assert.equal(ast.imports[1].alias.name, 'd');
    assert.equal(ast.elements.length, 1);
  });

  it('P-03 nested elements', async () => {
    const ast = await parseText("element parent:\n    element child:\n        scope src = files.folder_selector('src')\n");
    assert.equal(ast.elements[0].children[0].name.name, 'child');
  });

  it('P-04 template with typed connection points and a check', async () => {
    const ast = await parseText(
      "template compiler:\n    element lexer:\n        connection_point tokens: TokenStream = rust.function_selector('tokenize')\n    element parser:\n        connection_point ast: AbstractSyntaxTree = rust.function_selector('parse')\n    check compiler.lexer.tokens.compatible_with(compiler.parser.input)\n",
    );
    assert.equal(ast.templates[0].name.name, 'compiler');
    assert.deepEqual(ast.templates[0].elements.map((e: any) => e.name.name), ['lexer', 'parser']);
    assert.equal(ast.templates[0].checks.length, 1);
    assert.equal(ast.elements.length, 0);
  });

  it('P-05 element implementing a pattern with binding lines', async () => {
    const ast = await parseText(
      "element my_compiler implements compiler:\n    scope src = files.folder_selector('src')\n    compiler.lexer.scope = rust.module_selector('lexer')\n    compiler.parser.scope = rust.module_selector('parser')\n",
    );
    const e = ast.elements[0];
    assert.equal(e.implements[0].template_name.name, 'compiler');
    assert.deepEqual(e.template_bindings.map((b: any) => b.path.map((p: any) => p.name)), [
      ['compiler', 'lexer', 'scope'],
      ['compiler', 'parser', 'scope'],
    ]);
  });

  it('P-06 multiple implements', async () => {
    const ast = await parseText(
      "element my_service implements microservice, observable:\n    scope src = files.folder_selector('src')\n    microservice.api.scope = files.folder_selector('api')\n    observable.metrics.scope = files.folder_selector('m')\n",
    );
    assert.deepEqual(ast.elements[0].implements.map((i: any) => i.template_name.name), ['microservice', 'observable']);
    assert.equal(ast.elements[0].template_bindings.length, 2);
  });

  it('P-07 pattern with scope, element, check and blank lines holding spaces', async () => {
    const ast = await parseText(
      "template microservice:\n    scope config = files.file_selector('config.yaml')\n    \n    element api:\n        connection_point endpoint: HttpHandler = rust.function_selector('api_handler')\n    \n    check microservice.api.endpoint.is_valid()\n",
    );
    const t = ast.templates[0];
    assert.deepEqual([t.scopes.length, t.elements.length, t.checks.length], [1, 1, 1]);
  });

  it('P-08 ref types', async () => {
    const text =
      "element api_service:\n    connection_point port: integer = docker.exposed_port(dockerfile)\n    connection_point url: string = config.get_api_url()\n    connection_point enabled: boolean = config.get_flag('api_enabled')\n";
    await valid(text);
    const ast = await parseText(text);
    assert.deepEqual(
      ast.elements[0].refs.map((r: any) => `${r.name.name}:${r.type_annotation.type_name.name}`),
      ['port:integer', 'url:string', 'enabled:boolean'],
    );
  });

  it('P-09 ref without type is an error', async () => {
    const ws = await checkText('element api_service:\n    connection_point endpoint = python.public_functions(module)\n');
    assert.equal(ws.exit, 1);
    assert.equal(brief(ws.diagnostics[0]), 'E007 2:31 Expected Colon, found Equals');
  });

  it('P-10 custom types in pattern refs', async () => {
    const ast = await parseText(
      "pattern compiler:\n    element lexer:\n        connection_point tokens: TokenStream = rust.struct_selector('Token')\n    element parser:\n        connection_point ast: AbstractSyntaxTree = rust.struct_selector('Program')\n",
    );
    assert.deepEqual(
      ast.templates[0].elements.map((e: any) => e.refs[0].type_annotation.type_name.name),
      ['TokenStream', 'AbstractSyntaxTree'],
    );
  });

  it('P-11..P-20 requirements in patterns', async () => {
    const r = async (line: string) => (await parseText(`template t:\n    ${line}\n`)).templates[0].component_requirements;
    let req = await r("requires descendant scope dockerfile = docker.file_selector('Dockerfile')");
    assert.equal(req[0].action, 'Requires');
    assert.equal(req[0].is_descendant, true);
    assert.equal(req[0].component.Scope.name.name, 'dockerfile');
    req = await r('requires descendant element metrics_service implements metrics_provider');
    assert.equal(req[0].component.Element.name.name, 'metrics_service');
    assert.equal(req[0].component.Element.implements.name, 'metrics_provider');
    req = await r('forbids descendant connection_point external_api: HttpHandler');
    assert.equal(req[0].action, 'Forbids');
    assert.equal(req[0].component.Ref.name.name, 'external_api');
    assert.equal(req[0].component.Ref.type_annotation.type_name.name, 'HttpHandler');
    assert.equal(req[0].component.Ref.expression, null);
    req = await r('allows connection to api_gateway.public_api');
    assert.equal(req[0].action, 'Allows');
    assert.equal(req[0].is_descendant, false);
    assert.deepEqual(req[0].component.Connection.path.map((p: any) => p.name), ['api_gateway', 'public_api']);
    assert.equal(req[0].component.Connection.wildcard, false);
    req = await r('forbids connection to external.*');
    assert.deepEqual(req[0].component.Connection.path.map((p: any) => p.name), ['external']);
    assert.equal(req[0].component.Connection.wildcard, true);
    req = await r('requires element api implements api_handler');
    assert.equal(req[0].is_descendant, false);
    assert.equal(req[0].component.Element.name.name, 'api');
    req = await r('requires descendant implements dockerized');
    assert.equal(req[0].component.Element.implements.name, 'dockerized');
    assert.equal(req[0].component.Element.name.name, '_anonymous');
    assert.equal(req[0].component.Element.body, null);
    req = await r("requires descendant check files.exists(src, 'README.md')");
    assert.ok(req[0].component.Check);
  });

  it('P-18 five requirement kinds together', async () => {
    const ast = await parseText(
      "template complete:\n    requires descendant scope config = files.file_selector('config.yaml')\n    requires descendant check files.exists(config, 'required.txt')\n    allows connection to api.*\n    forbids connection to external.*\n    requires connection to logging.output\n",
    );
    assert.equal(ast.templates[0].component_requirements.length, 5);
  });

  it('P-19 requirement element with a body', async () => {
    const ast = await parseText(
      "template observable:\n    requires descendant element metrics:\n        scope module = rust.module_selector('metrics')\n        connection_point handler: MetricsHandler = rust.function_selector(module, 'handler')\n",
    );
    const body = ast.templates[0].component_requirements[0].component.Element.body;
    assert.equal(body.scopes.length, 1);
    assert.equal(body.refs.length, 1);
  });

  it('P-21..P-23 requires/allows/forbids inside an element', async () => {
    const head = "element test_element:\n    scope src = files.folder_selector('src')\n";
    assert.deepEqual(await errorsOf(head + '    requires connection to logging.*\n'), [`E012 3:5 'requires' ${E012_LONG}`]);
    assert.deepEqual(await errorsOf('element test_element:\n    allows connection to api.*\n'), [`E012 2:5 'allows' ${E012_LONG}`]);
    assert.deepEqual(await errorsOf(head + '    forbids connection to external.*\n'), [`E012 3:5 'forbids' ${E012_LONG}`]);
  });

  it('P-24..P-26 language declarations', async () => {
    assert.equal((await parseText('language python\n')).languages[0].connection_checks.length, 0);
    const several = await parseText('language python\nlanguage rust\nlanguage java\n');
    assert.deepEqual(several.languages.map((l: any) => l.name.name), ['python', 'rust', 'java']);
    const cc = await parseText('language python:\n    connection_check can_import(source: scope[], target: scope[]):\n        python.imports_allowed(source, target)\n');
    assert.equal(cc.languages[0].connection_checks[0].name.name, 'can_import');
    assert.deepEqual(cc.languages[0].connection_checks[0].parameters.map((p: any) => p.name), ['source', 'target']);
  });

  it('P-27/28/33 language annotations', async () => {
    const legacy = await parseText("element test:\n    scope src : python = python.module_selector('test')\n");
    assert.equal(legacy.elements[0].scopes[0].language.name, 'python');
    const none = await parseText("element test:\n    scope src = python.module_selector('test')\n");
    assert.equal(none.elements[0].scopes[0].language, null);
    const angle = await parseText("element test:\n    scope src<rust> = rust.module_selector('test')\n");
    assert.equal(angle.elements[0].scopes[0].language.name, 'rust');
    assert.ok(angle.elements[0].scopes[0].expression);
  });

  it('P-29..P-31 language requirements', async () => {
    const ast = await parseText('template t:\n    requires language python\n    forbids language rust\n    allows language go\n    allows language c\n');
    const reqs = ast.templates[0].component_requirements;
    assert.deepEqual(reqs.map((r: any) => `${r.action}:${r.component.Language.name}:${r.is_descendant}`), [
      'Requires:python:false',
      'Forbids:rust:false',
      'Allows:go:false',
      'Allows:c:false',
    ]);
  });

  it('P-32 complete language example', async () => {
    const ast = await parseText(
      "language python:\n    connection_check can_import(source: scope[], target: scope[]):\n        python.imports_allowed(source, target)\n    connection_check no_circular(scopes: scope[]):\n        python.no_cycles(scopes)\ntemplate python_service:\n    requires language python\n    forbids language rust\nelement my_api implements python_service:\n    scope src : python = python.module_selector('api')\n    check python.imports(src, 'flask')\n",
    );
    assert.deepEqual(
      [ast.languages.length, ast.languages[0].connection_checks.length, ast.templates.length, ast.templates[0].component_requirements.length, ast.elements.length],
      [1, 2, 1, 2, 1],
    );
  });

  it('P-34..P-37 unbounded placeholders and binds', async () => {
    const p34 = await parseText('template observable:\n    element metrics:\n        scope module<rust>\n        connection_point prometheus: MetricsHandler\n');
    assert.equal(p34.templates[0].elements[0].scopes[0].expression, null);
    assert.equal(p34.templates[0].elements[0].refs[0].expression, null);
    const p35 = await parseText("element component implements observable:\n    scope main_module<rust> binds observable.metrics.module = rust.module_selector('api')\n");
    assert.deepEqual(p35.elements[0].scopes[0].binds.map((b: any) => b.name), ['observable', 'metrics', 'module']);
    const p36 = await parseText(
      "element component implements observable:\n    scope module = rust.module_selector('api')\n    connection_point handler: MetricsHandler binds observable.metrics.prometheus = rust.function_selector(module, 'handler')\n",
    );
    assert.deepEqual(p36.elements[0].refs[0].binds.map((b: any) => b.name), ['observable', 'metrics', 'prometheus']);
  });

  it('P-38/P-39 unbounded scope or ref in an element', async () => {
    assert.deepEqual(await errorsOf('element test:\n    scope src<rust>\n'), [
      "E014 2:5 Unbounded scope 'src' is only allowed in templates, not in regular elements. Provide an expression: `scope src = <expression>`",
    ]);
    assert.deepEqual(await errorsOf('element test:\n    connection_point api: HttpHandler\n'), [
      "E015 2:5 Unbounded ref 'api' is only allowed in templates, not in regular elements. Provide an expression: `ref api: <Type> = <expression>`",
    ]);
  });

  it('P-40..P-42 brace style', async () => {
    const p40 = await parseText("element test {\n    scope src = files.folder_selector('src')\n    check files.exists(src, 'main.py')\n}\n");
    assert.deepEqual([p40.elements[0].scopes.length, p40.elements[0].checks.length], [1, 1]);
    const p41 = await parseText('template observable {\n    element metrics {\n        scope module<rust>\n        ref prometheus: MetricsHandler\n    }\n}\n');
    assert.equal(p41.templates[0].elements[0].refs[0].name.name, 'prometheus');
    const p42 = await parseText('element api_service {\n    ref port: integer = docker.exposed_port(dockerfile)\n    ref url: string = config.get_api_url()\n}\n');
    assert.equal(p42.elements[0].refs.length, 2);
  });

  it('P-43/P-44 uses declarations', async () => {
    const ast = await parseText(
      "element core {\n    element lexer {\n        scope module = rust.module_selector('lexer')\n    }\n    element parser {\n        scope module = rust.module_selector('parser')\n        scope lexer_module = rust.module_selector('lexer')\n        lexer_module uses lexer\n        module uses core.lexer\n    }\n}\n",
    );
    const parser = ast.elements[0].children[1];
    assert.equal(parser.uses[0].source.name, 'lexer_module');
    assert.deepEqual(parser.uses[0].target.map((t: any) => t.name), ['lexer']);
    assert.deepEqual(parser.uses[1].target.map((t: any) => t.name), ['core', 'lexer']);
  });

  it('P-45/P-46 mixed and nested block styles', async () => {
    const p45 = await parseText("element outer:\n    element inner {\n        scope src = files.folder_selector('src')\n    }\n");
    assert.equal(p45.elements[0].children[0].name.name, 'inner');
    const p46 = await parseText(
      "element system {\n    element frontend {\n        scope ui = files.folder_selector('ui')\n    }\n    element backend {\n        scope src = files.folder_selector('src')\n        element api {\n            scope a = files.folder_selector('api')\n        }\n    }\n}\n",
    );
    assert.equal(p46.elements[0].children.length, 2);
    assert.equal(p46.elements[0].children[1].children[0].name.name, 'api');
  });
});

describe('conformance: parser, source-derived forms and errors (P-47..P-74)', () => {
  it('P-47 empty brace body', async () => {
    await valid('element a {}\n');
  });

  it('P-48 a missing `}` at end of file is accepted with a warning (deliberate: the reference is silent)', async () => {
    const result = await checkText("element a {\n    scope x = files.folder_selector('x')\n");
    assert.equal(result.exit, 0);
    assert.deepEqual(result.diagnostics.map(brief), ['W101 1:11 Missing `}`: this block is closed by the end of the file']);
  });

  it('P-49 a one-line brace body is accepted (deliberate)', async () => {
    await valid("element a { scope x = files.folder_selector('x') }\n");
  });

  it('P-50 one-line colon body', async () => {
    assert.deepEqual(await errorsOf("element a: scope x = files.folder_selector('x')\n"), ['E007 1:12 Expected Indent, found Scope']);
  });

  it('P-51 missing colon (the body is still read)', async () => {
    assert.deepEqual(await errorsOf("element a\n    scope x = files.folder_selector('x')\n"), ['E007 1:10 Expected Colon, found Newline']);
    const brace = await errorsOf("element a\n{\n    scope x = files.folder_selector('x')\n}\n");
    assert.equal(brace[0], 'E007 1:10 Expected Colon, found Newline');
  });

  it('P-52 header without body', async () => {
    assert.deepEqual(await errorsOf('element a:\n'), ['E007 2:1 Expected Indent, found Eof']);
  });

  it('P-53 comment-only bodies are valid', async () => {
    const text = 'element a:\n    # nothing\nelement b:\n    ## doc only\n';
    await valid(text);
    const ast = await parseText(text);
    assert.deepEqual(ast.elements.map((e: any) => e.name.name), ['a', 'b']);
  });

  it('P-54..P-56 bad body lines', async () => {
    assert.deepEqual(await errorsOf('element a:\n    foo.bar\n'), ['E003 2:5 Not a template binding']);
    assert.deepEqual(await errorsOf('element a:\n    foo\n'), [`E002 2:5 ${ELEMENT_BODY}, found Identifier`]);
    assert.deepEqual(await errorsOf('element a:\n    uses x\n'), ['E016 2:5 Expected identifier for uses source, found Uses']);
  });

  it('P-57 bad requirement target', async () => {
    const expected = "Expected 'scope', 'check', 'element', 'connection', 'ref', 'implements', or 'language' after";
    assert.deepEqual(await errorsOf('pattern p:\n    requires foo\n'), [`E011 2:14 ${expected} 'requires ', found Identifier`]);
    assert.deepEqual(await errorsOf('pattern p:\n    requires descendant foo\n'), [`E011 2:25 ${expected} 'requires descendant', found Identifier`]);
  });

  it('P-58 bad language body (one error, no Dedent cascade)', async () => {
    assert.deepEqual(await errorsOf('language python:\n    check x\n'), ["E013 2:5 Expected 'connection_check' in language body, found Check"]);
  });

  it('P-59 `return` in a connection check', async () => {
    const errors = await errorsOf('language python:\n    connection_check c(s: scope[]):\n        return python.x(s)\n');
    assert.equal(errors[0], 'E008 3:16 Expected newline, found Identifier');
  });

  it('P-60 patterns cannot implement', async () => {
    assert.deepEqual(await errorsOf('pattern a implements b:\n    scope x\n'), ['E007 1:11 Expected Colon, found Implements']);
  });

  it('P-61 requirements inside a pattern element', async () => {
    assert.deepEqual(await errorsOf('pattern p:\n    element m:\n        allows language rust\n'), [`E012 3:9 'allows' ${E012_LONG}`]);
  });

  it('P-62 unbounded scope in a nested element of a plain element', async () => {
    const errors = await errorsOf('element a:\n    element b:\n        scope s\n');
    assert.equal(errors[0], "E014 3:9 Unbounded scope 's' is only allowed in templates, not in regular elements. Provide an expression: `scope s = <expression>`");
  });

  it('P-63 import after the first item (one error, deliberate)', async () => {
    assert.deepEqual(await errorsOf("element a:\n    scope x = files.folder_selector('x')\nimport files\n"), [`E001 3:1 ${TOP}, found Import`]);
    assert.deepEqual(await errorsOf('language python\nimport files\n'), [`E001 2:1 ${TOP}, found Import`]);
  });

  it('P-64 a stray top-level statement is one error (deliberate: the reference gives one per token)', async () => {
    assert.deepEqual(await errorsOf("scope x = files.folder_selector('x')\n"), [`E001 1:1 ${TOP}, found Scope`]);
  });

  it('P-65 an expression error is reported once', async () => {
    const errors = await errorsOf("element a:\n    scope x =\n    element b:\n        check files.exists(x, 'y')\n");
    assert.deepEqual(errors, ['E003 2:14 Expected expression, found Newline']);
  });

  it('P-66 recovery skips the broken pattern only', async () => {
    const errors = await errorsOf("pattern p:\n    bogus\npattern q:\n    scope y\nelement a:\n    scope x = files.folder_selector('x')\n");
    assert.deepEqual(errors, [`E002 2:5 ${PATTERN_BODY}, found Identifier`]);
  });

  it('P-67 argument lists vs list literals', async () => {
    assert.deepEqual(await errorsOf("element a:\n    check files.exists(x, 'y',)\n"), ['E003 2:31 Expected expression, found RParen']);
    // the list parses; the static checker then says what the run would (a list is not a scope)
    assert.deepEqual(await diagnosticsOf("element a:\n    check files.exists([1, 2,], 'y')\n"), [
      'E110 2:24 exists requires a scope as first argument (a list is given; expected files.exists(scope: Scope, filename: string))',
    ]);
  });

  it('P-68 expressions cannot span lines', async () => {
    const errors = await errorsOf("element a:\n    check files.exists(\n        x, 'y')\n");
    assert.equal(errors[0], 'E003 2:24 Expected expression, found Newline');
  });

  it('P-69 import forms', async () => {
    const text = "from files import folder_selector, exists\nimport './x.hie' as y\nelement a:\n    scope x = files.folder_selector('x')\n";
    await valid(text);
    const ast = await parseText(text);
    assert.equal(ast.imports[0].selective.length, 2);
    assert.equal(ast.imports[1].path.String.value, './x.hie');
  });

  it('P-70 a doc comment as the last item of a brace block is fine (deliberate)', async () => {
    await valid("element outer {\n    element inner {\n        scope x = files.folder_selector('x')\n    }\n    ## trailing doc\n}\n");
  });

  it('P-71 connection pattern segments: a keyword after a dot is a segment name (deliberate)', async () => {
    await valid('pattern p:\n    forbids connection to a.scope\n');
    // a trailing dot is consumed (the reference accepts `a.` as `a`; issue 13)
    await valid('pattern p:\n    requires connection to infra.\n');
    const ast = await parseText('pattern p:\n    requires connection to infra.\n');
    assert.deepEqual(withoutSpans(ast.templates[0].component_requirements[0].component), { Connection: { path: [{ name: 'infra' }], wildcard: false } });
    assert.deepEqual(await errorsOf('pattern p:\n    requires connection to infra.)\n'), ['E008 2:34 Expected newline, found RParen']);
    assert.deepEqual(await errorsOf('pattern p:\n    forbids connection to *\n'), ['E004 2:27 Expected identifier, found Star']);
  });

  it('P-72 requirement element type annotation', async () => {
    const ast = await parseText('pattern p:\n    requires element m: Foo implements bar\n');
    const el = ast.templates[0].component_requirements[0].component.Element;
    assert.equal(el.type_annotation.type_name.name, 'Foo');
    assert.equal(el.implements.name, 'bar');
  });

  it('P-73 template and pattern are synonyms', async () => {
    const body = " x {\n    scope s = files.folder_selector('s')\n}\n";
    assert.deepEqual(withoutSpans(await parseText('template' + body)), withoutSpans(await parseText('pattern' + body)));
  });

  it('P-74 doc comments attach to the next element or pattern, the first one too (deliberate)', async () => {
    const ast = await parseText("## First line\n## Second line\nelement a:\n    ## Child doc\n    element b:\n        scope x = files.folder_selector('x')\n");
    assert.equal(ast.elements[0].doc_comment, 'First line\nSecond line');
    assert.equal(ast.elements[0].children[0].doc_comment, 'Child doc');
    const later = await parseText(
      "element z:\n    scope y = files.folder_selector('y')\n## First line\n## Second line\nelement a:\n    scope x = files.folder_selector('x')\n",
    );
    assert.equal(later.elements[0].doc_comment, null);
    assert.equal(later.elements[1].doc_comment, 'First line\nSecond line');
  });
});
