import * as assert from 'node:assert/strict';
import { createFilesLibrary } from '../../src/libraries/builtin/files';
import { createRustLibrary } from '../../src/libraries/builtin/rust';
import type { ScopeValue } from '../../src/eval/values';
import { check, contextFor, FAIL, makeWorkspace, PASS, rejection, removeWorkspace, s, select } from './helpers';

const rust = createRustLibrary();
const files = createFilesLibrary();

const LIB_RS =
  '\npub fn hello_world() {\n    println!("Hello!");\n}\n\nfn private_func() {}\n\npub struct MyStruct {\n    field: i32,\n}\n\nstruct PrivateStruct;\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n';

const scopeOf = (paths: string[], kind: ScopeValue['kind'] = { Folder: 'x' }): ScopeValue => ({ type: 'scope', kind, paths, resolved: true });

describe('rust library', () => {
  describe('fixture RS (conformance RS-01..RS-06)', () => {
    let ws: string;
    before(() => {
      ws = makeWorkspace({ 'src/lib.rs': LIB_RS, 'target/gen.rs': 'pub struct Hidden;\n' });
    });
    after(() => removeWorkspace(ws));

    it('RS-01 function search (exact names: the prefix quirk is dropped)', async () => {
      const ctx = contextFor(ws);
      assert.deepEqual(await check(rust, 'function_exists', [s('hello_world')], ctx), PASS);
      assert.deepEqual(await check(rust, 'function_exists', [s('private_func')], ctx), PASS);
      assert.deepEqual(await check(rust, 'function_exists', [s('nope')], ctx), FAIL("Function 'nope' not found"));
      // The reference passes this by substring (`fn hello` in `fn hello_world`); see docs/differences.md.
      assert.deepEqual(await check(rust, 'function_exists', [s('hello')], ctx), FAIL("Function 'hello' not found"));
      assert.deepEqual(await check(rust, 'function_exists', [s('t')], ctx), PASS);
    });

    it('RS-02 struct search', async () => {
      const ctx = contextFor(ws);
      assert.deepEqual(await check(rust, 'struct_exists', [s('MyStruct')], ctx), PASS);
      assert.deepEqual(await check(rust, 'struct_exists', [s('PrivateStruct')], ctx), PASS);
      assert.deepEqual(await check(rust, 'struct_exists', [s('My')], ctx), FAIL("Struct 'My' not found"));
      const sel = await select(rust, 'struct_selector', [s('MyStruct')], ctx);
      assert.deepEqual(sel, { type: 'scope', kind: { File: 'struct:MyStruct' }, paths: [`${ws}/src/lib.rs`], resolved: true });
    });

    it('RS-03 has_tests and has_docs', async () => {
      const ctx = contextFor(ws);
      const lib = await select(files, 'file_selector', [s('src/lib.rs')], ctx);
      assert.deepEqual(await check(rust, 'has_tests', [lib], ctx), PASS);
      assert.deepEqual(await check(rust, 'has_docs', [lib], ctx), FAIL('No documentation comments found'));
    });

    it('RS-04 excluded directories are not scanned', async () => {
      const ctx = contextFor(ws);
      assert.deepEqual(await check(rust, 'struct_exists', [s('Hidden')], ctx), FAIL("Struct 'Hidden' not found"));
    });

    it('RS-05 a scope where a name is expected is an argument error', async () => {
      const ctx = contextFor(ws);
      const lib = await select(files, 'file_selector', [s('src/lib.rs')], ctx);
      assert.deepEqual(await rejection(rust.check('function_exists', [lib, s('hello_world')], ctx)), { code: 'E312', message: 'function_exists requires a function name' });
      assert.deepEqual(await rejection(rust.call('function_selector', [lib, s('hello_world')], ctx)), { code: 'E304', message: 'function_selector requires a function name' });
    });

    it('RS-06 unknown checks and selectors', async () => {
      const ctx = contextFor(ws);
      assert.deepEqual(await rejection(rust.check('derives', [s('x')], ctx)), { code: 'E399', message: 'Unknown check: rust.derives' });
      assert.deepEqual(await rejection(rust.check('struct_selector', [s('x')], ctx)), { code: 'E399', message: 'Unknown check: rust.struct_selector' });
      assert.deepEqual(await rejection(rust.call('public_functions', [], ctx)), { code: 'E399', message: 'Unknown function: rust.public_functions' });
      assert.deepEqual(await rejection(rust.call('struct_exists', [s('x')], ctx)), { code: 'E399', message: 'Unknown function: rust.struct_exists' });
    });
  });

  it('RS-07 depends_on / no_dependency and module_selector', async () => {
    const ws = makeWorkspace({ 'src/lexer.rs': 'pub struct Token;\n', 'src/parser.rs': 'use crate::lexer::Token;\npub struct Parser;\n' });
    try {
      const ctx = contextFor(ws);
      const p = await select(rust, 'module_selector', [s('parser')], ctx);
      const l = await select(rust, 'module_selector', [s('lexer')], ctx);
      assert.deepEqual(l, { type: 'scope', kind: { File: 'lexer' }, paths: [`${ws}/src/lexer.rs`], resolved: true });
      assert.deepEqual(await check(rust, 'depends_on', [p, l], ctx), PASS);
      assert.deepEqual(await check(rust, 'no_dependency', [l, p], ctx), PASS);
      assert.deepEqual(await check(rust, 'no_dependency', [p, l], ctx), FAIL('Forbidden dependency detected', `${ws}/src/parser.rs`));
      assert.deepEqual(await check(rust, 'depends_on', [l, p], ctx), FAIL("No dependency found: source does not use 'parser'"));
      const qualified = await select(rust, 'module_selector', [s('app::lexer')], ctx);
      assert.deepEqual(qualified.paths, l.paths);
    } finally {
      removeWorkspace(ws);
    }
  });

  it('RS-08 implements', async () => {
    const ws = makeWorkspace({ 'src/x.rs': 'impl Library for FilesLibrary {}\n', 'src/y.rs': 'impl<T> fmt::Display for Wrapper<T> {}\n' });
    try {
      const ctx = contextFor(ws);
      assert.deepEqual(await check(rust, 'implements', [s('FilesLibrary'), s('Library')], ctx), PASS);
      assert.deepEqual(await check(rust, 'implements', [s('Other'), s('Library')], ctx), FAIL("'Other' does not implement 'Library'"));
      assert.deepEqual(await check(rust, 'implements', [s('Wrapper'), s('Display')], ctx), PASS);
      assert.deepEqual(await check(rust, 'implements', [s('Wrapper'), s('fmt::Display')], ctx), PASS);
      assert.deepEqual(await check(rust, 'impl_exists', [s('FilesLibrary')], ctx), PASS);
      assert.deepEqual(await check(rust, 'impl_exists', [s('Library')], ctx), FAIL("Impl for 'Library' not found"));
      assert.deepEqual(await rejection(rust.check('implements', [s('A')], ctx)), { code: 'E316', message: 'implements requires a trait name' });
    } finally {
      removeWorkspace(ws);
    }
  });

  it('RS-09 crate_selector', async () => {
    const ws = makeWorkspace({
      'crates/mycrate/Cargo.toml': '[package]\nname = "mycrate"\n',
      'crates/mycrate/src/lib.rs': '//! docs\n',
      'crates/mycrate/target/debug/build.rs': '',
      'crates/renamed-dir/Cargo.toml': '[package]\nname = "other-name"\n',
      'crates/renamed-dir/src/main.rs': 'fn main() {}\n',
    });
    try {
      const ctx = contextFor(ws);
      const c = await select(rust, 'crate_selector', [s('mycrate')], ctx);
      assert.deepEqual(c.kind, { Folder: 'mycrate' });
      assert.deepEqual(c.paths, [`${ws}/crates/mycrate/src/lib.rs`, `${ws}/crates/mycrate/target/debug/build.rs`], 'no exclusions below a crate');
      assert.deepEqual(await check(rust, 'has_docs', [c], ctx), PASS);
      const other = await select(rust, 'crate_selector', [s('other')], ctx);
      assert.deepEqual(other.paths, []);
      assert.deepEqual(await check(rust, 'has_docs', [other], ctx), FAIL('No documentation comments found'));
      const renamed = await select(rust, 'crate_selector', [s('other-name')], ctx);
      assert.deepEqual(renamed.paths, [`${ws}/crates/renamed-dir/src/main.rs`], 'found through the crates/* fallback');
      assert.deepEqual(await rejection(rust.call('crate_selector', [s('../../x')], ctx)), { code: 'E307', message: "path '../../x' is outside the workspace" });
    } finally {
      removeWorkspace(ws);
    }
  });

  describe('answers from syntax trees', () => {
    let ws: string;
    before(() => {
      ws = makeWorkspace({
        'src/a.rs': [
          '// struct InComment {}',
          'const S: &str = "struct InString {}";',
          'macro_rules! m { () => { struct InMacro; } }',
          '/// Documented.',
          '#[derive(Debug, serde::Serialize)]',
          'pub struct Config<T> { v: T }',
          'pub(crate) struct CrateOnly;',
          'pub enum Mode { A }',
          'pub trait Store { fn load(&self); }',
          'impl Store for Config<u8> { fn load(&self) {} }',
          'use std::collections::{HashMap, self};',
          'use crate::engine::run;',
          'fn go() { let _ = serde_json::to_string(&1); tracing::info!("x {}", fmt::Debug::fmt); }',
          '#[tokio::test] async fn t() {}',
        ].join('\n'),
        'src/engine.rs': 'pub struct Engine;\n',
        'src/bin.rs': 'fn main() { Config::new(); }\n',
        'src/bad.rs': Buffer.from([0x66, 0x6e, 0x20, 0xff, 0xfe, 0x28, 0x29]),
      });
    });
    after(() => removeWorkspace(ws));

    it('ignores names in comments, strings and macro_rules! templates', async () => {
      const ctx = contextFor(ws);
      for (const name of ['InComment', 'InString', 'InMacro']) {
        assert.deepEqual(await check(rust, 'struct_exists', [s(name)], ctx), FAIL(`Struct '${name}' not found`));
      }
      assert.deepEqual(await check(rust, 'struct_exists', [s('Config')], ctx), PASS);
      assert.deepEqual(await check(rust, 'struct_exists', [s('CrateOnly')], ctx), PASS);
      assert.deepEqual(await check(rust, 'enum_exists', [s('Mode')], ctx), PASS);
      assert.deepEqual(await check(rust, 'enum_exists', [s('Mod')], ctx), FAIL("Enum 'Mod' not found"));
      assert.deepEqual(await check(rust, 'trait_exists', [s('Store')], ctx), PASS);
      assert.deepEqual(await check(rust, 'function_exists', [s('load')], ctx), PASS, 'trait method signatures count');
      assert.deepEqual((await select(rust, 'impl_selector', [s('Config')], ctx)).paths, [`${ws}/src/a.rs`]);
    });

    it('uses, has_derive, has_docs, has_tests on a scope', async () => {
      const ctx = contextFor(ws);
      const a = scopeOf([`${ws}/src/a.rs`]);
      for (const m of ['std::collections', 'collections', 'serde_json', 'crate::engine', 'engine', 'tracing', 'fmt::Debug']) {
        assert.deepEqual(await check(rust, 'uses', [a, s(m)], ctx), PASS, m);
      }
      assert.deepEqual(await check(rust, 'uses', [a, s('serde_js')], ctx), FAIL("Module does not use 'serde_js'"));
      assert.deepEqual(await check(rust, 'has_derive', [a, s('Debug')], ctx), PASS);
      assert.deepEqual(await check(rust, 'has_derive', [a, s('Serialize')], ctx), PASS);
      assert.deepEqual(await check(rust, 'has_derive', [a, s('serde::Serialize')], ctx), PASS);
      assert.deepEqual(await check(rust, 'has_derive', [a, s('Clone')], ctx), FAIL('No #[derive(Clone)] found'));
      assert.deepEqual(await check(rust, 'has_docs', [a], ctx), PASS);
      assert.deepEqual(await check(rust, 'has_tests', [a], ctx), PASS);
      assert.deepEqual(await check(rust, 'has_tests', [scopeOf([])], ctx), FAIL('No tests found'));
      assert.deepEqual(await check(rust, 'uses', [scopeOf([]), s('x')], ctx), FAIL("Module does not use 'x'"));
    });

    it('depends_on errors: no targets, no sources, unreadable (non-UTF-8) source', async () => {
      const ctx = contextFor(ws);
      const engine = scopeOf([`${ws}/src/engine.rs`]);
      assert.deepEqual(await check(rust, 'depends_on', [scopeOf([`${ws}/src/a.rs`]), engine], ctx), PASS);
      assert.deepEqual(await check(rust, 'depends_on', [engine, scopeOf([])], ctx), { status: 'error', message: 'Could not determine target module names' });
      assert.deepEqual(await check(rust, 'depends_on', [scopeOf([]), engine], ctx), { status: 'error', message: 'Source scope has no paths' });
      assert.deepEqual(await check(rust, 'no_dependency', [scopeOf([`${ws}/src/bad.rs`]), engine], ctx), { status: 'error', message: `Could not read file: ${ws}/src/bad.rs` });
      assert.deepEqual(await check(rust, 'depends_on', [scopeOf([`${ws}/src/engine.rs`]), scopeOf([], { File: 'struct:Foo' })], ctx), FAIL("No dependency found: source does not use 'struct:Foo'"));
    });

    it('pipeline_connects and type_compatible use the primary pub type', async () => {
      const ctx = contextFor(ws);
      const config = await select(rust, 'struct_selector', [s('Config')], ctx);
      const bin = scopeOf([`${ws}/src/bin.rs`]);
      const engine = scopeOf([`${ws}/src/engine.rs`]);
      assert.deepEqual(await check(rust, 'pipeline_connects', [config, bin], ctx), PASS);
      assert.deepEqual(await check(rust, 'pipeline_connects', [config, engine], ctx), FAIL("Pipeline not connected: 'Config' is not used by input scope"));
      assert.deepEqual(await check(rust, 'pipeline_connects', [engine, scopeOf([`${ws}/src/a.rs`])], ctx), FAIL("Pipeline not connected: 'Engine' is not used by input scope"));
      assert.deepEqual(await check(rust, 'pipeline_connects', [bin, engine], ctx), { status: 'error', message: 'Could not determine output type' });
      assert.deepEqual(await check(rust, 'type_compatible', [engine, engine], ctx), PASS);
      assert.deepEqual(await check(rust, 'type_compatible', [config, bin], ctx), { status: 'error', message: 'Could not determine type from second scope' });
      assert.deepEqual(await check(rust, 'type_compatible', [bin, config], ctx), { status: 'error', message: 'Could not determine type from first scope' });
      assert.deepEqual(await check(rust, 'type_compatible', [config, engine], ctx), FAIL("Types 'Config' and 'Engine' are not compatible"));
      assert.deepEqual(await check(rust, 'type_compatible', [scopeOf([`${ws}/src/a.rs`]), engine], ctx), FAIL("Types 'Config' and 'Engine' are not compatible"));
    });

    it('skips non-UTF-8 files in workspace scans', async () => {
      const ctx = contextFor(ws);
      assert.deepEqual((await select(rust, 'module_selector', [s('bad')], ctx)).paths, [`${ws}/src/bad.rs`]);
      assert.deepEqual(await check(rust, 'has_docs', [scopeOf([`${ws}/src/bad.rs`])], ctx), FAIL('No documentation comments found'));
    });
  });

  it('does not read scope paths outside the workspace', async () => {
    const outer = makeWorkspace({ 'secret.rs': '/// docs\nuse crate::engine::x;\n', 'ws/src/engine.rs': '' });
    try {
      const ctx = contextFor(`${outer}/ws`);
      const outside = scopeOf([`${outer}/secret.rs`]);
      const engine = scopeOf([`${outer}/ws/src/engine.rs`]);
      assert.deepEqual(await check(rust, 'has_docs', [outside], ctx), FAIL('No documentation comments found'));
      assert.deepEqual(await check(rust, 'depends_on', [outside, engine], ctx), { status: 'error', message: `Could not read file: ${outer}/secret.rs` });
      assert.deepEqual(await check(files, 'max_size', [outside, { type: 'int', value: 0 }], ctx), PASS);
    } finally {
      removeWorkspace(outer);
    }
  });

  it('argument error codes of every check', async () => {
    const ws = makeWorkspace({});
    try {
      const ctx = contextFor(ws);
      const expected: [string, string, string][] = [
        ['struct_exists', 'E310', 'struct_exists requires a struct name'],
        ['enum_exists', 'E311', 'enum_exists requires an enum name'],
        ['trait_exists', 'E313', 'trait_exists requires a trait name'],
        ['impl_exists', 'E314', 'impl_exists requires a type name'],
        ['implements', 'E315', 'implements requires a type name'],
        ['uses', 'E317', 'uses requires a scope'],
        ['has_derive', 'E319', 'has_derive requires a scope'],
        ['has_docs', 'E321', 'has_docs requires a scope'],
        ['has_tests', 'E322', 'has_tests requires a scope'],
        ['depends_on', 'E323', 'depends_on requires a source scope as first argument'],
        ['no_dependency', 'E325', 'no_dependency requires a source scope as first argument'],
        ['pipeline_connects', 'E327', 'pipeline_connects requires an output scope as first argument'],
        ['type_compatible', 'E329', 'type_compatible requires a scope as first argument'],
      ];
      for (const [fn, code, message] of expected) assert.deepEqual(await rejection(rust.check(fn, [], ctx)), { code, message }, fn);
      const sc = scopeOf([]);
      assert.deepEqual(await rejection(rust.check('uses', [sc], ctx)), { code: 'E318', message: 'uses requires a module path' });
      assert.deepEqual(await rejection(rust.check('has_derive', [sc], ctx)), { code: 'E320', message: 'has_derive requires a derive name' });
      assert.deepEqual(await rejection(rust.check('depends_on', [sc], ctx)), { code: 'E324', message: 'depends_on requires a target scope as second argument' });
      assert.deepEqual(await rejection(rust.check('no_dependency', [sc], ctx)), { code: 'E326', message: 'no_dependency requires a target scope as second argument' });
      assert.deepEqual(await rejection(rust.check('pipeline_connects', [sc], ctx)), { code: 'E328', message: 'pipeline_connects requires an input scope as second argument' });
      assert.deepEqual(await rejection(rust.check('type_compatible', [sc], ctx)), { code: 'E330', message: 'type_compatible requires a scope as second argument' });
      const sel: [string, string, string][] = [
        ['crate_selector', 'E300', 'crate_selector requires a crate name'],
        ['module_selector', 'E301', 'module_selector requires a module path'],
        ['struct_selector', 'E302', 'struct_selector requires a struct name'],
        ['enum_selector', 'E303', 'enum_selector requires an enum name'],
        ['trait_selector', 'E305', 'trait_selector requires a trait name'],
        ['impl_selector', 'E306', 'impl_selector requires a type name'],
      ];
      for (const [fn, code, message] of sel) assert.deepEqual(await rejection(rust.call(fn, [], ctx)), { code, message }, fn);
    } finally {
      removeWorkspace(ws);
    }
  });
});
