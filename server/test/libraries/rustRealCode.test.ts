import * as assert from 'node:assert/strict';
import { createFilesLibrary } from '../../src/libraries/builtin/files';
import { createRustLibrary } from '../../src/libraries/builtin/rust';
import type { ScopeValue } from '../../src/eval/values';
import { check, contextFor, FAIL, makeWorkspace, PASS, removeWorkspace, s, scopeOfPaths, select } from './helpers';

const rust = createRustLibrary();
const files = createFilesLibrary();

/** Wrong answers found by running both CLIs on real crates (issue 14), each from its minimal reproduction. */
describe('rust library: answers found wrong on real code', () => {
  let ws: string;
  before(() => {
    ws = makeWorkspace({
      'src/hidden.rs': '#[doc(hidden)] pub fn f() {}\n#[doc(alias = "g")]\n#[doc(cfg(unix))]\npub fn g() {}\n',
      'src/doc_value.rs': '#[doc = "Documented."] pub fn f() {}\n',
      'src/doc_include.rs': '#![doc = include_str!("../README.md")]\n',
      'src/doc_cfg_attr.rs': '#[cfg_attr(docsrs, doc = "Only on docs.rs.")] pub fn f() {}\n',
      'src/hidden_and_doc.rs': '/// Documented.\n#[doc(hidden)] pub fn f() {}\n',
      'src/print.rs': 'fn f(b: &[u8]) {\n    println!("{}", std::str::from_utf8(b).unwrap());\n}\n',
      'src/max.rs': 'fn f() {\n    assert!(x < u64::MAX);\n}\n',
      'src/glob.rs': 'use crate::utils::error::*;\n',
      'src/super_glob.rs': 'use super::*;\n',
      'src/utils/error.rs': 'pub struct Error;\n',
      'src/io_result.rs': 'impl<T> Wrapper<T> {}\nfn read() -> io::Result<()> { Ok(()) }\nfn parse() -> Result<u8, Error> { Ok(1) }\n',
      'src/template.rs': 'macro_rules! call {\n    ($name:ident) => { $name::run(); $crate::inner::go(); };\n}\n',
      'tests_only_in_readme/README.md': '```rust\n#[test]\nfn t() {}\n```\n',
      'tests_only_in_readme/lib.rs': 'pub fn f() {}\n',
      'tests_in_rust/notes.txt': 'no tests here\n',
      'tests_in_rust/lib.rs': '#[test]\nfn t() {}\n',
    });
  });
  after(() => removeWorkspace(ws));

  const file = (rel: string): ScopeValue => scopeOfPaths([`${ws}/${rel}`]);

  it('#[doc(hidden)] is not documentation; #[doc = ..] in any form is', async () => {
    const ctx = contextFor(ws);
    assert.deepEqual(await check(rust, 'has_docs', [file('src/hidden.rs')], ctx), FAIL('No documentation comments found'));
    for (const rel of ['src/doc_value.rs', 'src/doc_include.rs', 'src/doc_cfg_attr.rs', 'src/hidden_and_doc.rs']) {
      assert.deepEqual(await check(rust, 'has_docs', [file(rel)], ctx), PASS, rel);
    }
  });

  it('a primitive type in a path inside macro arguments (`std::str::from_utf8`, `u64::MAX`)', async () => {
    const ctx = contextFor(ws);
    for (const m of ['std', 'std::str', 'str::from_utf8', 'std::str::from_utf8']) {
      assert.deepEqual(await check(rust, 'uses', [file('src/print.rs'), s(m)], ctx), PASS, m);
    }
    assert.deepEqual(await check(rust, 'uses', [file('src/max.rs'), s('u64')], ctx), PASS);
    assert.deepEqual(await check(rust, 'uses', [file('src/max.rs'), s('u64::MAX')], ctx), PASS);
    assert.deepEqual(await check(rust, 'uses', [file('src/print.rs'), s('str::unwrap')], ctx), FAIL("Module does not use 'str::unwrap'"));
  });

  it('`use crate::utils::error::*;` depends on module `error`', async () => {
    const ctx = contextFor(ws);
    const error = await select(rust, 'module_selector', [s('error')], ctx);
    assert.deepEqual(error.paths, [`${ws}/src/utils/error.rs`]);
    assert.deepEqual(await check(rust, 'depends_on', [file('src/glob.rs'), error], ctx), PASS);
    assert.deepEqual(await check(rust, 'no_dependency', [file('src/glob.rs'), error], ctx), FAIL('Forbidden dependency detected', `${ws}/src/glob.rs`));
    assert.deepEqual(await check(rust, 'depends_on', [file('src/super_glob.rs'), error], ctx), FAIL("No dependency found: source does not use 'error'"));
    assert.deepEqual(await check(rust, 'uses', [file('src/glob.rs'), s('crate::utils::error')], ctx), PASS);
  });

  it('impl_exists does not match `-> io::Result`-like text next to a generic impl', async () => {
    const ctx = contextFor(ws);
    // The reference passes both: the file has `impl<` and `> io::Result`, `> Result`.
    assert.deepEqual(await check(rust, 'impl_exists', [s('io')], ctx), FAIL("Impl for 'io' not found"));
    assert.deepEqual(await check(rust, 'impl_exists', [s('Result')], ctx), FAIL("Impl for 'Result' not found"));
    assert.deepEqual(await check(rust, 'impl_exists', [s('Wrapper')], ctx), PASS);
  });

  it('macro variables (`$name::`, `$crate::`) are not path segments', async () => {
    const ctx = contextFor(ws);
    const t = file('src/template.rs');
    for (const m of ['name', 'name::run', 'crate::inner']) assert.deepEqual(await check(rust, 'uses', [t, s(m)], ctx), FAIL(`Module does not use '${m}'`), m);
    assert.deepEqual(await check(rust, 'uses', [t, s('inner::go')], ctx), PASS);
  });

  it('has_tests on a folder reads only its Rust files', async () => {
    const ctx = contextFor(ws);
    const readme = await select(files, 'folder_selector', [s('tests_only_in_readme')], ctx);
    assert.deepEqual(readme.paths, [`${ws}/tests_only_in_readme/README.md`, `${ws}/tests_only_in_readme/lib.rs`]);
    assert.deepEqual(await check(rust, 'has_tests', [readme], ctx), FAIL('No tests found'));
    assert.deepEqual(await check(rust, 'has_docs', [readme], ctx), FAIL('No documentation comments found'));
    assert.deepEqual(await check(rust, 'has_tests', [await select(files, 'folder_selector', [s('tests_in_rust')], ctx)], ctx), PASS);
  });
});
