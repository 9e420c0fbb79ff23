import { strict as assert } from 'node:assert';
import { catalogueOfDoc } from '../../src/libraries/catalogue';
import { librariesWithoutPlugins } from '../../src/staticCheck/catalogues';
import { staticLibraries, UNKNOWN_LIBRARIES } from '../../src/staticCheck/libraries';
import { check, demo, findings } from './support';

const firsts = async (text: string, ...args: Parameters<typeof check> extends [string, ...infer R] ? R : never): Promise<string[]> =>
  [...(await check(text, ...args)).checkErrors].map(([c, f]) => `${c.span.start.row + 1}: ${f.code} ${f.message}`);

const EXPECTED_EXISTS = 'expected files.exists(scope: Scope, filename: string)';

describe('static checker: what the run would reject, found without running', () => {
  it("the issue's examples: unknown function, undefined identifier, missing argument, wrong literal, unknown library (errors), an ignored argument (warning)", async () => {
    const text = demo("files.exist(root, 'a.hie')", "files.exists(rot, 'a.hie')", 'files.exists(root)', "files.max_size(root, 'big')", 'golang.thing(root)', "files.exists(root, 'a.hie', 'extra')").replace(
      'import files\n',
      'import files\nimport golang\n',
    );
    assert.deepEqual(await findings(text), [
      "error E199 6:17-6:22 Unknown check function: files.exist (did you mean 'files.exists'?) [fix 6:17-6:22 → 'exists': Change 'exist' to 'exists']",
      "error E200 7:24-7:27 Undefined identifier: rot (did you mean 'root'?) [fix 7:24-7:27 → 'root': Change 'rot' to 'root']",
      `error E111 8:17-8:23 exists requires a filename as second argument (${EXPECTED_EXISTS})`,
      'error E117 9:32-9:37 max_size requires a number as second argument (a string is given; expected files.max_size(scope: Scope, max_bytes: integer))',
      "error E203 10:11-10:17 Unknown library: golang ('golang' is imported, but it is neither built in nor configured in hielements.toml)",
      `warning W110 11:39-11:46 files.exists takes 2 arguments; the extra argument is ignored (${EXPECTED_EXISTS})`,
    ]);
    // what `run` reports for each check: the run's own code and message
    assert.deepEqual(await firsts(text), [
      '6: E199 Unknown check function: files.exist',
      '7: E200 Undefined identifier: rot',
      '8: E111 exists requires a filename as second argument',
      '9: E117 max_size requires a number as second argument',
      '10: E203 Unknown library: golang',
    ]);
  });

  it('libraries: a misspelt one, an alias the run does not create', async () => {
    assert.deepEqual(await findings(demo("fles.exists(root, 'x')", "pyton.imports(root, 'os')")), [
      "error E203 5:11-5:15 Unknown library: fles (did you mean 'files'?) [fix 5:11-5:15 → 'files': Change 'fles' to 'files']",
      "error E203 6:11-6:16 Unknown library: pyton (did you mean 'python'?) [fix 6:11-6:16 → 'python': Change 'pyton' to 'python']",
    ]);
    assert.deepEqual(await findings("import files as f\nelement a:\n    scope src = files.folder_selector('src')\n    check f.exists(src, 'main.py')\n"), [
      "error E203 4:11-4:12 Unknown library: f (`import files as f` does not create an alias; did you mean 'files'?) [fix 4:11-4:12 → 'files': Change 'f' to 'files']",
    ]);
  });

  it('a selector where a check is expected, a check where a value is, a misspelt selector inside a check', async () => {
    assert.deepEqual(await findings(demo("files.folder_selector('src')", "files.exists(files.exists(root, 'x'), 'y')", "files.exists(files.folder_selectr('src'), 'x')")), [
      "error E199 5:17-5:32 Unknown check function: files.folder_selector ('folder_selector' is a selector: declare it as a scope (`scope s = files.folder_selector(…)`) and pass the scope to a check)",
      "error E199 6:30-6:36 Unknown function: files.exists ('exists' is a check: it cannot be used as a value)",
      "error E199 7:30-7:44 Unknown function: files.folder_selectr (did you mean 'files.folder_selector'?) [fix 7:30-7:44 → 'folder_selector': Change 'folder_selectr' to 'folder_selector']",
    ]);
  });

  it('a scope that can never be evaluated is a warning (the run is silent about it); a check reading it is an error that says why', async () => {
    assert.deepEqual(await findings("element a:\n    scope s = files.exists(files.folder_selector('.'), 'x')\n    check files.exists(s, 'y')\n"), [
      "warning W113 2:21-2:27 Scope 's' is never defined: Unknown function: files.exists ('exists' is a check: it cannot be used as a value)",
      "error E200 3:24-3:25 Undefined identifier: s (scope 's' of 'a' is never defined: Unknown function: files.exists)",
    ]);
  });

  it('names the run cannot find: a child scope read by its parent, a later element, a ref, an element, a pattern member', async () => {
    assert.deepEqual(await findings("element p:\n    check files.exists(src, 'main.py')\n    element c:\n        scope src = files.folder_selector('src')\n"), [
      "error E200 2:24-2:27 Undefined identifier: src (scope 'src' of 'p.c' is evaluated after this check)",
    ]);
    assert.deepEqual(await findings("element a:\n    check files.exists(src, 'x')\nelement b:\n    scope src = files.folder_selector('src')\n"), [
      "error E200 2:24-2:27 Undefined identifier: src (scope 'src' of 'b' is evaluated after this check)",
    ]);
    assert.deepEqual(await findings("element a:\n    ref r: Api = files.folder_selector('x')\n    check files.exists(r, 'x')\n"), [
      "error E200 3:24-3:25 Undefined identifier: r ('r' is a ref of 'a'; refs are not evaluated)",
    ]);
    assert.deepEqual(await findings("element a:\n    check files.exists(a, 'x')\n"), ["error E200 2:24-2:25 Undefined identifier: a ('a' is an element, not a scope)"]);
    const pattern = "pattern p:\n    scope placeholder\nelement e implements p:\n    scope x = files.folder_selector('.')\n    check files.exists(placeholder, 'x')\n";
    assert.deepEqual(await findings(pattern), [
      "error E200 5:24-5:35 Undefined identifier: placeholder ('placeholder' belongs to pattern 'p', whose members are not evaluated for element checks)",
    ]);
    // with pattern checks the run stores pattern members too: such a name may be found
    assert.deepEqual(await findings(pattern, undefined, { patternChecks: true }), []);
  });

  it('member access: two parts are E201 (with the scope name as the fix), an unknown suffix is E202, a known one resolves', async () => {
    const text =
      "element p:\n    element child:\n        scope src = files.folder_selector('src')\nelement q:\n" +
      "    check files.exists(child.src, 'main.py')\n    check files.exists(x.y.src, 'main.py')\n    check files.exists(p.child.src, 'main.py')\n";
    assert.deepEqual(await findings(text), [
      "error E201 5:24-5:33 Member access child.src cannot be evaluated directly (scopes are found by their name alone; did you mean 'src'?) [fix 5:24-5:33 → 'src': Change 'child.src' to 'src']",
      'error E202 6:24-6:31 Undefined reference: x.y.src',
    ]);
  });

  it('checks that are not library calls (E204, E205)', async () => {
    assert.deepEqual(await findings(demo('root', 'true', 'a.b.c(root)')), [
      'error E204 5:11-5:15 Check must be a function call (a check calls a library function: `check library.function(arguments)`)',
      'error E204 6:11-6:15 Check must be a function call (a check calls a library function: `check library.function(arguments)`)',
      'error E205 7:11-7:16 Expected library.function (call a function of a library: `library.function(arguments)`)',
    ]);
  });

  it('literals of the wrong type; a float where an integer is expected is fine (it is truncated)', async () => {
    assert.deepEqual(await findings(demo('files.max_size(root, 1.5)', 'files.max_size(root, true)', 'rust.struct_exists(42)', "rust.implements('A', ['B'])", "files.exists('.', 'x')")), [
      'error E117 6:32-6:36 max_size requires a number as second argument (a bool is given; expected files.max_size(scope: Scope, max_bytes: integer))',
      'error E310 7:30-7:32 struct_exists requires a struct name (an int is given; expected rust.struct_exists(struct_name: string))',
      'error E316 8:32-8:37 implements requires a trait name (a list is given; expected rust.implements(type_name: string, trait_name: string))',
      `error E110 9:24-9:27 exists requires a scope as first argument (a string is given; ${EXPECTED_EXISTS})`,
    ]);
  });

  it('a scope given where a name is expected (the two-argument form upstream examples use): one error, no extra warning', async () => {
    assert.deepEqual(await findings(demo("rust.function_exists(root, 'main')")), [
      'error E312 5:32-5:36 function_exists requires a function name (a scope is given; expected rust.function_exists(func_name: string))',
    ]);
  });

  it('the run reports the first failure in its own order: arguments before the library, the library before the function', async () => {
    const text = demo('golang.thing(rot)', "files.exist(rot, 'x')");
    assert.deepEqual(await firsts(text), ['5: E200 Undefined identifier: rot', '6: E200 Undefined identifier: rot']);
    // both mistakes of a check are shown
    assert.deepEqual((await findings(text)).map((f) => f.split(' (')[0]), [
      'error E200 5:24-5:27 Undefined identifier: rot',
      'error E203 5:11-5:17 Unknown library: golang',
      'error E200 6:23-6:26 Undefined identifier: rot',
      'error E199 6:17-6:22 Unknown check function: files.exist',
    ]);
  });

  it('after something that may fail, a later certain failure is still an error, but not the one the run would report first', async () => {
    const libraries = librariesWithoutPlugins(['tool']);
    const text = "element a:\n    scope t = tool.pick('x')\n    check files.exists(t, 'y', 'z')\n    check files.max_size(tool.pick('x'), 'big')\n";
    assert.deepEqual(await findings(text, libraries), [
      `warning W110 3:32-3:35 files.exists takes 2 arguments; the extra argument is ignored (${EXPECTED_EXISTS})`,
      'error E117 4:42-4:47 max_size requires a number as second argument (a string is given; expected files.max_size(scope: Scope, max_bytes: integer))',
    ]);
    assert.deepEqual(await firsts(text, libraries), []);
  });

  it('an opaque library (configured, undocumented) is never wrong; a configured name replaces the built-in', async () => {
    assert.deepEqual(await findings(demo('tool.anything(1, 2, 3)', "files.whatever('x')"), librariesWithoutPlugins(['tool', 'files'])), []);
  });

  it('before the libraries are known, no library is unknown and no catalogue applies', async () => {
    assert.deepEqual(await findings(demo('golang.thing(root)', "files.exist(rot, 'a.hie')"), UNKNOWN_LIBRARIES), [
      "error E200 6:23-6:26 Undefined identifier: rot (did you mean 'root'?) [fix 6:23-6:26 → 'root': Change 'rot' to 'root']",
    ]);
  });

  it('a documented plugin: what contradicts its documentation is a warning (nothing enforces it)', async () => {
    const catalogue = catalogueOfDoc('deps', {
      name: 'deps',
      description: '',
      version: '1.0',
      functions: [{ name: 'manifest', description: '', parameters: [{ name: 'path', param_type: 'string', description: '' }], return_type: 'Scope', example: '' }],
      checks: [
        { name: 'forbids', description: '', parameters: [{ name: 'scope', param_type: 'Scope', description: '' }, { name: 'crate', param_type: 'string', description: '' }], return_type: 'CheckResult', example: '' },
        { name: 'loose', description: '', parameters: [], return_type: '', example: '', parametersKnown: false },
      ],
    })!;
    const libraries = staticLibraries([
      ['files', librariesWithoutPlugins([]).get('files')!],
      ['deps', { kind: 'documented', catalogue }],
    ]);
    const text = demo("deps.forbid(root, 'x')", 'deps.forbids(root, 1)', 'deps.forbids(root)', "deps.forbids(root, 'a', 'b')", "deps.manifest('Cargo.toml')", 'deps.loose(1, 2, 3)');
    assert.deepEqual(await findings(text, libraries), [
      "warning W111 5:16-5:22 Library 'deps' documents no check named 'forbid' (did you mean 'deps.forbids'?) [fix 5:16-5:22 → 'forbids': Change 'forbid' to 'forbids']",
      "warning W112 6:30-6:31 deps.forbids documents 'crate' as string (expected deps.forbids(scope: Scope, crate: string))",
      "warning W112 7:16-7:23 deps.forbids is missing its argument 'crate' (expected deps.forbids(scope: Scope, crate: string))",
      'warning W112 8:35-8:38 deps.forbids takes 2 arguments, as documented (expected deps.forbids(scope: Scope, crate: string))',
      "warning W111 9:16-9:24 Library 'deps' documents no check named 'manifest' ('manifest' is a selector: declare it as a scope (`scope s = deps.manifest(…)`) and pass the scope to a check)",
    ]);
    assert.deepEqual(await firsts(text, libraries), []);
  });

  it('a plugin whose documentation describes nothing is opaque', () => {
    assert.equal(catalogueOfDoc('sample', { name: 'sample', description: 'External library: python3', version: '0.1.0', functions: [], checks: [] }), undefined);
  });
});
