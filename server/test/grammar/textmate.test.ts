import * as assert from 'node:assert/strict';
import { tokenize, Token } from './textmateTokenizer';

/** The innermost scope of the `nth` token whose text (trimmed) is `text`. */
async function scopeOf(source: string, text: string, nth = 0): Promise<string> {
  const tokens = await tokenize(source);
  const matching = tokens.filter((t) => t.text.trim() === text);
  const token = matching[nth];
  assert.ok(token, `no token ${JSON.stringify(text)} (#${nth}) in ${JSON.stringify(source)}; tokens: ${dump(tokens)}`);
  return token.scopes[token.scopes.length - 1];
}

function dump(tokens: Token[]): string {
  return tokens.map((t) => `${t.line}:${JSON.stringify(t.text)}=${t.scopes.slice(1).join(' ')}`).join(', ');
}

async function expectScope(source: string, text: string, scope: string, nth = 0): Promise<void> {
  assert.equal(await scopeOf(source, text, nth), scope, `scope of ${JSON.stringify(text)} in ${JSON.stringify(source)}`);
}

/** Every token of `source` that is not whitespace has one of the given scopes (innermost). */
async function expectAllScopes(source: string, scope: string): Promise<void> {
  for (const t of await tokenize(source)) {
    if (t.text.trim() === '') continue;
    assert.ok(t.scopes.includes(scope), `${JSON.stringify(t.text)} (line ${t.line}) is ${t.scopes.join(' ')}, not ${scope}`);
  }
}

describe('TextMate grammar (syntaxes/hielements.tmLanguage.json)', () => {
  describe('keywords', () => {
    const cases: [string, string, string][] = [
      ['element a:', 'element', 'keyword.declaration.element.hielements'],
      ['template t:', 'template', 'keyword.declaration.pattern.hielements'],
      ['pattern p:', 'pattern', 'keyword.declaration.pattern.hielements'],
      ['element a implements p:', 'implements', 'keyword.other.implements.hielements'],
      ['    scope s binds p.src = files.folder_selector("src")', 'binds', 'keyword.other.binds.hielements'],
      ['    scope s = files.folder_selector("src")', 'scope', 'keyword.declaration.scope.hielements'],
      ['    connection_point api: RestApi = x', 'connection_point', 'keyword.declaration.ref.hielements'],
      ['    ref api: RestApi = x', 'ref', 'keyword.declaration.ref.hielements'],
      ['    web uses api', 'uses', 'keyword.other.uses.hielements'],
      ['    check files.exists(s, "x")', 'check', 'keyword.control.check.hielements'],
      ['import "lib/common.hie"', 'import', 'keyword.control.import.hielements'],
      ['from lib import a, b', 'from', 'keyword.control.import.from.hielements'],
      ['import lib.common as common', 'as', 'keyword.control.import.as.hielements'],
      ['    check x.f(true)', 'true', 'constant.language.boolean.true.hielements'],
      ['    check x.f(false)', 'false', 'constant.language.boolean.false.hielements'],
      ['    requires scope s', 'requires', 'keyword.control.requirement.hielements'],
      ['    allows connection to a.b', 'allows', 'keyword.control.requirement.hielements'],
      ['    forbids connection to a.b', 'forbids', 'keyword.control.requirement.hielements'],
      ['    requires descendant element e: T', 'descendant', 'keyword.other.descendant.hielements'],
      ['    allows connection to a.b', 'connection', 'keyword.other.connection.hielements'],
      ['    allows connection to a.b', 'to', 'keyword.other.to.hielements'],
      ['language rust:', 'language', 'keyword.declaration.language.hielements'],
      ['    connection_check c(a: scope[]):', 'connection_check', 'keyword.declaration.connection-check.hielements'],
    ];
    for (const [source, word, scope] of cases) {
      it(`${word} in ${JSON.stringify(source.trim())} is ${scope}`, () => expectScope(source, word, scope));
    }

    it('a keyword embedded in a longer identifier is not a keyword', async () => {
      await expectScope('    check elements.count(x)', 'elements', 'entity.name.namespace.library.hielements');
      await expectScope('    check f(scopes, to_x)', 'scopes', 'variable.other.hielements');
      await expectScope('    check f(scopes, to_x)', 'to_x', 'variable.other.hielements');
    });

    it('keywords used as member names are properties (compiler.lexer.scope = …)', async () => {
      await expectScope('    compiler.lexer.scope = files.folder_selector("x")', 'scope', 'variable.other.property.hielements');
    });
  });

  describe('declarations and names', () => {
    it('element names', async () => {
      await expectScope('element compiler:', 'compiler', 'entity.name.type.element.hielements');
      await expectScope('element api {', 'api', 'entity.name.type.element.hielements');
      await expectScope('element a {', '{', 'punctuation.section.block.begin.hielements');
    });

    it('a soft keyword as an element name is a name', async () => {
      await expectScope('element scope:', 'scope', 'entity.name.type.element.hielements');
    });

    it('pattern and template names', async () => {
      await expectScope('pattern microservice:', 'microservice', 'entity.name.type.pattern.hielements');
      await expectScope('template compiler_t:', 'compiler_t', 'entity.name.type.pattern.hielements');
    });

    it('implemented patterns, comma separated', async () => {
      const src = 'element svc implements microservice, observable:';
      await expectScope(src, 'microservice', 'entity.other.inherited-class.pattern.hielements');
      await expectScope(src, 'observable', 'entity.other.inherited-class.pattern.hielements');
      await expectScope(src, ',', 'punctuation.separator.comma.hielements');
      await expectScope(src, 'svc', 'entity.name.type.element.hielements');
    });

    it('requirement element with a type', async () => {
      const src = '    requires descendant element db: Database implements store:';
      await expectScope(src, 'db', 'entity.name.type.element.hielements');
      await expectScope(src, 'Database', 'entity.name.type.element-type.hielements');
      await expectScope(src, 'store', 'entity.other.inherited-class.pattern.hielements');
    });

    it('scope names and <lang> annotations', async () => {
      const src = '    scope src<rust> = files.folder_selector("src")';
      await expectScope(src, 'src', 'variable.other.scope.hielements');
      await expectScope(src, 'rust', 'entity.name.type.language.hielements');
      await expectScope(src, '<', 'punctuation.definition.annotation.begin.hielements');
      await expectScope(src, '>', 'punctuation.definition.annotation.end.hielements');
    });

    it('legacy scope language annotation after a colon', async () => {
      await expectScope('    scope m: python = python.module_selector("m")', 'python', 'entity.name.type.language.hielements');
    });

    it('a soft keyword as a scope name is a name', async () => {
      await expectScope('    scope check = files.folder_selector("c")', 'check', 'variable.other.scope.hielements');
    });

    it('ref names and types', async () => {
      const src = '    ref api: RestApi binds p.api = files.file_selector("api.yaml")';
      await expectScope(src, 'api', 'variable.other.ref.hielements');
      await expectScope(src, 'RestApi', 'entity.name.type.ref.hielements');
      await expectScope(src, ':', 'punctuation.separator.type.hielements');
      await expectScope(src, 'p.api', 'variable.other.binding-target.hielements');
      await expectScope('    connection_point out: Port', 'Port', 'entity.name.type.ref.hielements');
    });

    it('language declarations and connection checks', async () => {
      await expectScope('language python:', 'python', 'entity.name.type.language.hielements');
      const cc = '    connection_check no_cycles(a: scope[], b: scope[]):';
      await expectScope(cc, 'no_cycles', 'entity.name.function.connection-check.hielements');
      await expectScope(cc, 'a', 'variable.parameter.hielements');
      await expectScope(cc, 'scope', 'keyword.declaration.scope.hielements');
      await expectScope(cc, 'scope', 'keyword.declaration.scope.hielements', 1);
      await expectScope('    requires language rust', 'rust', 'entity.name.type.language.hielements');
    });

    it('imports', async () => {
      await expectScope('import lib.common as common', 'lib.common', 'entity.name.namespace.hielements');
      await expectScope('import lib.common as common', 'common', 'entity.name.namespace.alias.hielements');
      await expectScope('from lib import a, b', 'lib', 'entity.name.namespace.hielements');
      await expectScope('import "lib/common.hie"', 'lib/common.hie', 'string.quoted.double.hielements');
    });

    it('uses declarations', async () => {
      await expectScope('    web uses api.v1', 'web', 'variable.other.hielements');
    });
  });

  describe('expressions', () => {
    it('library calls: lib.fn(', async () => {
      const src = "    check files.exists(src, 'Cargo.toml')";
      await expectScope(src, 'files', 'entity.name.namespace.library.hielements');
      await expectScope(src, 'exists', 'entity.name.function.library.hielements');
      await expectScope(src, '.', 'punctuation.accessor.hielements');
      await expectScope(src, '(', 'punctuation.section.parens.begin.hielements');
      await expectScope(src, 'src', 'variable.other.hielements');
    });

    it('chained member calls and member access', async () => {
      const src = '    check a.b.c(1).d';
      await expectScope(src, 'a', 'variable.other.hielements');
      await expectScope(src, 'b', 'variable.other.property.hielements');
      await expectScope(src, 'c', 'entity.name.function.member.hielements');
      await expectScope(src, 'd', 'variable.other.property.hielements');
    });

    it('numbers', async () => {
      await expectScope('    check f.g(42)', '42', 'constant.numeric.decimal.hielements');
      await expectScope('    check f.g(3.25)', '3.25', 'constant.numeric.decimal.hielements');
    });

    it('lists', async () => {
      const src = "    check f.g(['a', 'b',])";
      await expectScope(src, '[', 'punctuation.section.brackets.begin.hielements');
      await expectScope(src, ']', 'punctuation.section.brackets.end.hielements');
    });

    it('wildcard connection patterns', async () => {
      await expectScope('    forbids connection to a.b.*', '*', 'keyword.operator.wildcard.hielements');
    });

    it('assignment', async () => {
      await expectScope('    scope s = f.g("x")', '=', 'keyword.operator.assignment.hielements');
    });
  });

  describe('strings', () => {
    it('double and single quotes', async () => {
      await expectScope('    check f.g("dq")', 'dq', 'string.quoted.double.hielements');
      await expectScope("    check f.g('sq')", 'sq', 'string.quoted.single.hielements');
      await expectScope("    check f.g('sq')", "'", 'punctuation.definition.string.begin.hielements');
    });

    it('escapes', async () => {
      for (const esc of ['\\n', '\\t', '\\r', '\\\\', "\\'", '\\"']) {
        await expectScope(`    check f.g('a${esc}b')`, esc, 'constant.character.escape.hielements');
      }
      await expectScope('    check f.g("a\\"b")', 'b', 'string.quoted.double.hielements');
    });

    it('an unknown escape is literal text and does not end the string', async () => {
      const tokens = await tokenize("    check f.g('a\\'x\\qy')");
      const inString = tokens.filter((t) => t.scopes.includes('string.quoted.single.hielements')).map((t) => t.text).join('');
      assert.equal(inString, "'a\\'x\\qy'");
    });

    it('a quote of the other kind does not end the string', async () => {
      await expectScope(`    check f.g("it's")`, "it's", 'string.quoted.double.hielements');
    });

    it('multi-line strings', async () => {
      const src = "    check f.g('line one\nline two')\nelement b:";
      await expectScope(src, 'line two', 'string.quoted.single.hielements');
      await expectScope(src, 'b', 'entity.name.type.element.hielements');
    });

    it('# inside a string is not a comment', async () => {
      await expectScope("    check f.g('#x')", '#x', 'string.quoted.single.hielements');
    });
  });

  describe('comments', () => {
    it('line comments, also after code', async () => {
      await expectAllScopes('# just a comment', 'comment.line.number-sign.hielements');
      await expectScope('element a: # trailing', 'trailing', 'comment.line.number-sign.hielements');
      await expectScope('element a: # trailing', 'a', 'entity.name.type.element.hielements');
    });

    it('doc comments', async () => {
      await expectAllScopes('## The compiler.', 'comment.line.documentation.hielements');
      await expectScope('## The compiler.', '##', 'punctuation.definition.comment.hielements');
      await expectAllScopes('#### heading', 'comment.line.documentation.hielements');
      await expectAllScopes('### a ## b', 'comment.line.documentation.hielements');
    });

    it('block comments on one line', async () => {
      await expectAllScopes('### Title ###', 'comment.block.hielements');
      await expectAllScopes('######', 'comment.block.hielements');
      await expectScope('### x ### element a:', 'a', 'entity.name.type.element.hielements');
    });

    it('block comments spanning lines', async () => {
      const src = '###\nelement hidden:\n    scope s = x\n###\nelement shown:';
      await expectAllScopes('###\nelement hidden:\n    scope s = x\n###', 'comment.block.hielements');
      await expectScope(src, 'shown', 'entity.name.type.element.hielements');
    });

    it('a block comment stops before a ## on a later line, which is a doc comment', async () => {
      const src = '### start\nhidden\n## doc\nelement a:';
      await expectScope(src, 'hidden', 'comment.block.hielements');
      await expectScope(src, 'doc', 'comment.line.documentation.hielements');
      await expectScope(src, 'a', 'entity.name.type.element.hielements');
    });

    it('a block comment ends at the end of a later line holding a single #', async () => {
      const src = '### start\nhidden # x\nelement a:';
      await expectScope(src, 'hidden', 'comment.block.hielements');
      await expectScope(src, 'a', 'entity.name.type.element.hielements');
    });
  });

  it('a whole file: every line starts in the right context', async () => {
    const src = [
      'import lib',
      '## Doc for p',
      'pattern p:',
      '    scope src<rust>',
      '    requires descendant scope s<python>',
      '',
      'element main implements p:',
      '    p.src = rust.crate_selector("core")',
      "    check rust.struct_exists('Parser')",
    ].join('\n');
    const tokens = await tokenize(src);
    const firstScopes = [0, 1, 2, 3, 4, 6, 7, 8].map((line) => {
      const t = tokens.find((x) => x.line === line && x.text.trim() !== '');
      return t?.scopes[t.scopes.length - 1];
    });
    assert.deepEqual(firstScopes, [
      'keyword.control.import.hielements',
      'punctuation.definition.comment.hielements',
      'keyword.declaration.pattern.hielements',
      'keyword.declaration.scope.hielements',
      'keyword.control.requirement.hielements',
      'keyword.declaration.element.hielements',
      'variable.other.hielements',
      'keyword.control.check.hielements',
    ]);
  });
});
