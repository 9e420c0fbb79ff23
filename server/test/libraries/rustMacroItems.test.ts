import * as assert from 'node:assert/strict';
import { createRustLibrary } from '../../src/libraries/builtin/rust';
import type { ScopeValue } from '../../src/eval/values';
import { check, contextFor, FAIL, makeWorkspace, PASS, removeWorkspace, s, scopeOfPaths, select } from './helpers';

const rust = createRustLibrary();

/** Items written inside macro invocations (tokio's `cfg_*!`, `pin_project!`, syn's `ast_struct!`, `bitflags!`). */
describe('rust library: items inside macro invocations', () => {
  let ws: string;
  before(() => {
    ws = makeWorkspace({
      'src/runtime.rs': [
        'cfg_rt! {',
        '    #[derive(Debug, Clone)]',
        '    pub struct Runtime { handle: Handle }',
        '    cfg_net! {',
        '        use std::{fmt, io};',
        '        pub enum Flavor { CurrentThread }',
        '        pub trait Spawner { fn spawn(&self); }',
        '        impl fmt::Display for Runtime {}',
        '        impl Runtime { pub fn block_on(&self) {} }',
        '        mod blocking;',
        '    }',
        '}',
      ].join('\n'),
      'src/project.rs': 'pin_project_lite::pin_project! {\n    #[doc = "A projected future."]\n    pub struct Sleep<T> { #[pin] inner: T }\n}\n',
      'src/tests.rs': 'cfg_test! {\n    #[test]\n    fn it_works() {}\n}\n',
      'src/parens.rs': 'thread_local!(static CURRENT: Cell<u8> = Cell::new(0));\nstruct_in_parens!(pub struct InParens;);\n',
      'src/impl_body.rs': 'pub struct Host;\nimpl Host {\n    cfg_io! { pub fn io_method(&self) {} }\n}\n',
      'src/in_fn.rs': 'fn t() {\n    pin_project! { struct LocalProjected { x: u8 } }\n    let _ = 1;\n}\n',
      'src/templates.rs': [
        'macro_rules! generate {',
        '    ($name:ident) => { pub struct Template; pub fn template_fn() {} impl Template {} };',
        '}',
        'fn code() -> TokenStream { quote! { pub struct Quoted; } }',
        'fn more() { let _t = quote! { struct InLet; }; }',
        'fn tail() { make! { struct AtTail; } }',
      ].join('\n'),
      'src/flags.rs': [
        'bitflags! {',
        '    /// Flags — ünïcode 🎉 (offsets are UTF-16 code units).',
        '    #[derive(Default)]',
        '    pub struct Flags: u32 {',
        '        const A = 0b01;',
        '        const B = Self::A.bits | 0b10;',
        '    }',
        '    struct Other: u8 {',
        '        const C = 1;',
        '    }',
        '}',
        'impl_from!(u8, u16);',
      ].join('\n'),
      'src/syn_like.rs': 'ast_struct! {\n    pub struct ExprArray #full {\n        pub elems: Vec<Expr>,\n    }\n}\nast_struct! {\n    pub struct ExprCall { pub func: Box<Expr> }\n}\n',
      'src/order.rs': 'cfg_rt! { pub struct First; }\npub struct Second;\n',
      'src/user.rs': 'fn go() { let _x: Second = Second; }\n',
    });
  });
  after(() => removeWorkspace(ws));

  const file = (rel: string): ScopeValue => scopeOfPaths([`${ws}/src/${rel}`]);

  it('declarations in item-position invocations count, nested ones too', async () => {
    const ctx = contextFor(ws);
    assert.deepEqual(await check(rust, 'struct_exists', [s('Runtime')], ctx), PASS);
    assert.deepEqual((await select(rust, 'struct_selector', [s('Runtime')], ctx)).paths, [`${ws}/src/runtime.rs`]);
    assert.deepEqual(await check(rust, 'enum_exists', [s('Flavor')], ctx), PASS);
    assert.deepEqual(await check(rust, 'trait_exists', [s('Spawner')], ctx), PASS);
    assert.deepEqual(await check(rust, 'function_exists', [s('spawn')], ctx), PASS);
    assert.deepEqual(await check(rust, 'function_exists', [s('block_on')], ctx), PASS);
    assert.deepEqual(await check(rust, 'impl_exists', [s('Runtime')], ctx), PASS);
    assert.deepEqual(await check(rust, 'implements', [s('Runtime'), s('fmt::Display')], ctx), PASS);
    assert.deepEqual((await select(rust, 'impl_selector', [s('Runtime')], ctx)).paths, [`${ws}/src/runtime.rs`]);
    assert.deepEqual(await check(rust, 'struct_exists', [s('Sleep')], ctx), PASS, 'a macro named by a path');
    assert.deepEqual(await check(rust, 'function_exists', [s('io_method')], ctx), PASS, 'inside an impl body');
    assert.deepEqual(await check(rust, 'struct_exists', [s('InParens')], ctx), PASS, '`m!(…);` at item level');
    assert.deepEqual(await check(rust, 'struct_exists', [s('LocalProjected')], ctx), PASS, 'a `{ … }` statement of a function body');
  });

  it('derives, docs, tests, uses and mod declarations inside invocations count', async () => {
    const ctx = contextFor(ws);
    assert.deepEqual(await check(rust, 'has_derive', [file('runtime.rs'), s('Clone')], ctx), PASS);
    assert.deepEqual(await check(rust, 'has_docs', [file('project.rs')], ctx), PASS, '#[doc = ..] is an attribute only once the body is parsed');
    assert.deepEqual(await check(rust, 'has_tests', [file('tests.rs')], ctx), PASS);
    assert.deepEqual(await check(rust, 'uses', [file('runtime.rs'), s('std::fmt')], ctx), PASS, '`use std::{fmt, io}` expanded');
    assert.deepEqual(await check(rust, 'uses', [file('runtime.rs'), s('std::io')], ctx), PASS);
    const blocking = scopeOfPaths([`${ws}/src/runtime/blocking.rs`]);
    blocking.kind = { File: 'blocking' };
    assert.deepEqual(await check(rust, 'depends_on', [file('runtime.rs'), blocking], ctx), PASS, '`mod blocking;` inside cfg_net!');
  });

  it('macro_rules! rules, quote! values and other expressions are templates, not declarations', async () => {
    const ctx = contextFor(ws);
    for (const name of ['Template', 'Quoted', 'InLet', 'AtTail']) {
      assert.deepEqual(await check(rust, 'struct_exists', [s(name)], ctx), FAIL(`Struct '${name}' not found`), name);
    }
    assert.deepEqual(await check(rust, 'function_exists', [s('template_fn')], ctx), FAIL("Function 'template_fn' not found"));
    assert.deepEqual(await check(rust, 'impl_exists', [s('Template')], ctx), FAIL("Impl for 'Template' not found"));
  });

  it('bodies that are not plain Rust: the items tree-sitter recognises count (bitflags!, syn’s #full)', async () => {
    const ctx = contextFor(ws);
    for (const name of ['Flags', 'Other', 'ExprArray', 'ExprCall']) {
      assert.deepEqual(await check(rust, 'struct_exists', [s(name)], ctx), PASS, name);
    }
    assert.deepEqual(await check(rust, 'has_derive', [file('flags.rs'), s('Default')], ctx), PASS);
    // `const A = …` of a flags body is not a function or a struct; `impl_from!(u8, u16)` declares nothing.
    for (const name of ['A', 'C']) assert.deepEqual(await check(rust, 'struct_exists', [s(name)], ctx), FAIL(`Struct '${name}' not found`));
    assert.deepEqual(await check(rust, 'impl_exists', [s('u8')], ctx), FAIL("Impl for 'u8' not found"));
  });

  it('the primary type keeps source order (a struct in an invocation before a later one)', async () => {
    const ctx = contextFor(ws);
    assert.deepEqual(await check(rust, 'pipeline_connects', [file('order.rs'), file('user.rs')], ctx), FAIL("Pipeline not connected: 'First' is not used by input scope"));
  });
});
