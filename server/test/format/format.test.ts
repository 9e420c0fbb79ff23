import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { formatHie } from '../../src/format';
import { analyze } from '../../src/model/analyze';
import { HieParser } from '../../src/syntax/hieParser';
import { surfaceTokens } from '../../src/syntax/surfaceTokens';
import { FIXTURES, REFERENCE } from '../helpers/paths';

const known = { knownLibraries: new Set(['files', 'python', 'rust']) };

/** The model without positions, and the diagnostics without positions: what "meaning" is. */
function meaning(parser: HieParser, text: string): { model: string; diagnostics: string[] } {
  const tree = parser.parse(text);
  try {
    const { program, diagnostics } = analyze(tree, text, known);
    return {
      model: JSON.stringify(program, (key, value) => (key === 'span' ? undefined : value)),
      diagnostics: diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`),
    };
  } finally {
    tree.delete();
  }
}

function format(parser: HieParser, text: string): ReturnType<typeof formatHie> {
  const tree = parser.parse(text);
  try {
    return formatHie({ text, tree, diagnostics: analyze(tree, text, known).diagnostics });
  } finally {
    tree.delete();
  }
}

function hieFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? hieFiles(full) : e.name.endsWith('.hie') ? [full] : [];
  });
}

/** Output of the bench generator (a copy of ../shared/bench/gen-hie.js lives in test-fixtures/bench). */
function generated(args: string[]): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hie-fmt-gen-')), 'gen.hie');
  execFileSync(process.execPath, [path.join(FIXTURES, 'bench', 'gen-hie.js'), out, ...args], { stdio: 'ignore' });
  const text = fs.readFileSync(out, 'utf8');
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return text;
}

describe('formatter', function () {
  this.timeout(120_000);
  let parser: HieParser;
  before(async () => {
    parser = await HieParser.create();
  });

  it('lays out a messy file canonically: indentation, spacing, comments, blank lines, both block styles', () => {
    const out = format(parser, fs.readFileSync(path.join(FIXTURES, 'format', 'messy.hie'), 'utf8'));
    assert.ok(out.ok);
    assert.equal(
      out.text,
      [
        '# header comment',
        'import files',
        'import rust',
        '',
        '## A pattern',
        'pattern service {',
        '    scope src  # placeholder',
        "    check files.exists(src, 'main.py')",
        '    # a comment deep inside',
        '',
        '    requires descendant scope api<rust>',
        '}',
        'element app implements service, other:',
        "    scope code binds service.src = files.folder_selector('src')",
        "    ref api: HttpApi = rust.struct_selector('Api')",
        '',
        '    # about core',
        '    element core {',
        "        check files.exists(code, 'main.py')  # trailing",
        "        scope multi = files.file_selector('a",
        "b')",
        '    }',
        '    element empty {}',
        '# back at top level',
        'language rust:',
        '    connection_check c(a: scope[], b: scope[]):',
        '        rust.depends_on(a, b)',
        'element last:',
        "    scope xs = files.glob_selector('src/**/*.py')",
        '    check files.max_size(xs, [1, 2,])',
        '',
      ].join('\n'),
    );
  });

  it('keeps CRLF line ends, tabs inside strings and a comment closing a block where it was', () => {
    const text = "element a {\r\n\tscope s = files.file_selector('x\ty')\r\n\r\n\r\n      # end of a\r\n}\r\nelement b:\r\n  check files.exists(s, 'q')\r\n      # still in b\r\n# top\r\n";
    const out = format(parser, text);
    assert.ok(out.ok);
    assert.equal(out.text, "element a {\r\n    scope s = files.file_selector('x\ty')\r\n\r\n    # end of a\r\n}\r\nelement b:\r\n    check files.exists(s, 'q')\r\n    # still in b\r\n# top\r\n");
  });

  it('does not format a file with errors, and says where the first one is', () => {
    const out = format(parser, "element a:\n    scope s = files.folder_selector('x'\n");
    assert.deepEqual(out, { ok: false, at: { row: 1, column: 39 }, message: 'E007 Expected RParen, found Newline' });
  });

  it('never changes the meaning and is idempotent on every reference file and generated specs (property)', () => {
    const inputs: [string, string][] = hieFiles(REFERENCE).map((f) => [path.relative(REFERENCE, f), fs.readFileSync(f, 'utf8')]);
    for (const seed of [1, 2, 3, 4, 5]) inputs.push([`gen-hie --lines 600 --seed ${seed}`, generated(['--lines', '600', '--seed', String(seed)])]);
    inputs.push(['gen-hie --concat hielements.hie --copies 3', generated(['--concat', path.join(REFERENCE, 'hielements.hie'), '--copies', '3'])]);
    let formatted = 0;
    for (const [name, text] of inputs) {
      const out = format(parser, text);
      const before = meaning(parser, text);
      if (!out.ok) {
        assert.ok(before.diagnostics.some((d) => d.startsWith('error')), `${name}: refused without an error: ${out.message}`);
        continue;
      }
      formatted++;
      assert.deepEqual(meaning(parser, out.text), before, `${name}: the model changed`);
      const again = format(parser, out.text);
      assert.ok(again.ok && again.text === out.text, `${name}: formatting twice changed the text`);
    }
    assert.equal(formatted, inputs.length, "every input is free of errors, so every one is formatted");
  });

  it('gives the same text whatever the spacing between tokens was (property)', () => {
    const bases = ['examples/v2_syntax_example.hie', 'examples/language_example.hie', 'hielements.hie', 'examples/advanced_templates.hie'].map((f) =>
      fs.readFileSync(path.join(REFERENCE, f), 'utf8'),
    );
    const canonical = bases.map((b) => {
      const out = format(parser, b);
      assert.ok(out.ok);
      return out.text;
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bases.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '  ', '\t', ' \t ')), { maxLength: 40 }), (which, inserts) => {
        const text = bases[which];
        // boundaries between two tokens on one line (not a line start, not inside a token)
        const tokens = surfaceTokens(text);
        const gaps = tokens.slice(1).filter((t, i) => tokens[i].kind !== 'newline' && t.kind !== 'newline' && tokens[i].kind !== 'comment').map((t) => t.start);
        if (gaps.length === 0) return;
        const at = [...new Set(inserts.map(([n]) => gaps[n % gaps.length]))].sort((a, b) => b - a);
        let messy = text;
        for (const [k, index] of at.entries()) messy = messy.slice(0, index) + inserts[k % inserts.length][1] + messy.slice(index);
        const out = format(parser, messy);
        assert.ok(out.ok, !out.ok ? out.message : '');
        assert.equal(out.text, canonical[which]);
      }),
      { numRuns: 60, seed: 9 },
    );
  });
});
