import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Value } from '../../src/eval/values';
import { createFilesLibrary, createPythonLibrary, createRustLibrary } from '../../src/libraries/builtin';
import type { Library, LocateRequest, SourceSite } from '../../src/libraries/library';
import { contextFor, makeWorkspace, removeWorkspace, s } from './helpers';

/** Where a string argument's item lives (Library.locate): what go to definition and document links show. */
describe('libraries: locate (editor navigation)', () => {
  let ws: string;
  before(() => {
    ws = makeWorkspace({
      'src/lib.rs': 'use std::fmt;\npub struct Lexer;\nimpl fmt::Display for Lexer {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) }\n}\nmod parser;\n',
      'src/parser.rs': 'pub fn parse() {}\n',
      'src/macros.rs': 'mod m {\n    cfg_rt! {\n        pub struct Runtime {\n            x: u8,\n        }\n    }\n}\nbitflags! {\n    pub struct Flags: u32 {\n        const A = 1;\n    }\n    pub struct After;\n}\n',
      'Cargo.toml': '[workspace]\nmembers = ["x"]\n\n[package]\nversion = "1.0.0"\nname = "core"\n',
      'app/orders/api.py': 'import os\n\nclass Order:\n    def total(self) -> int:\n        return 0\n',
      'app/orders/__init__.py': '',
      'docs/a.md': '#',
    });
  });
  after(() => removeWorkspace(ws));

  const locate = async (lib: Library, request: Partial<LocateRequest> & { fn: string; args: (Value | undefined)[]; argIndex: number }): Promise<[string, ...number[]][]> => {
    const sites: SourceSite[] = await lib.locate!({ table: 'check', purpose: 'definition', ...request }, contextFor(ws));
    return sites.map((x) => [path.relative(ws, x.path), ...(x.range ? [x.range.start.row, x.range.start.column, x.range.end.row, x.range.end.column] : [])]);
  };
  const scope = (kind: { Folder: string } | { Glob: string } | { File: string }, paths: string[] = []): Value => ({ type: 'scope', kind, paths, resolved: true });

  it('rust: a trait outside the workspace lands on the impl naming it; a module on its files; a crate on its name in Cargo.toml', async () => {
    const rust = createRustLibrary();
    assert.deepEqual(await locate(rust, { fn: 'implements', args: [s('Lexer'), s('Display')], argIndex: 1 }), [['src/lib.rs', 2, 5, 2, 17]]);
    assert.deepEqual(await locate(rust, { fn: 'implements', args: [s('Lexer'), s('Display')], argIndex: 0 }), [['src/lib.rs', 2, 22, 2, 27]]);
    assert.deepEqual(await locate(rust, { fn: 'uses', args: [scope({ Folder: 'src' }), s('crate::parser')], argIndex: 1 }), [['src/parser.rs']]);
    assert.deepEqual(await locate(rust, { table: 'selector', fn: 'crate_selector', args: [s('core')], argIndex: 0, purpose: 'link' }), [['Cargo.toml', 5, 7, 5, 13]]);
    assert.deepEqual(await locate(rust, { fn: 'struct_exists', args: [s('Lexer')], argIndex: 0, purpose: 'link' }), [], 'links never scan the workspace');
    assert.deepEqual(await locate(rust, { fn: 'struct_exists', args: [s('Missing')], argIndex: 0 }), []);
  });

  it('rust: items declared in macro bodies land where they are written in the file', async () => {
    const rust = createRustLibrary();
    assert.deepEqual(await locate(rust, { fn: 'struct_exists', args: [s('Runtime')], argIndex: 0 }), [['src/macros.rs', 2, 19, 2, 26]]);
    assert.deepEqual(await locate(rust, { fn: 'struct_exists', args: [s('After')], argIndex: 0 }), [['src/macros.rs', 11, 15, 11, 20]], 'a body read piece by piece');
    assert.deepEqual(await locate(rust, { fn: 'struct_exists', args: [s('Flags')], argIndex: 0 }), [['src/macros.rs', 8, 15, 8, 20]]);
  });

  it('python: a module on its files, a method by name, a class', async () => {
    const python = createPythonLibrary();
    assert.deepEqual(await locate(python, { fn: 'imports', args: [scope({ Folder: 'app' }), s('orders.api')], argIndex: 1 }), [['app/orders/api.py']]);
    assert.deepEqual(await locate(python, { table: 'selector', fn: 'function_selector', args: [s('total')], argIndex: 0 }), [['app/orders/api.py', 3, 8, 3, 13]]);
    assert.deepEqual(await locate(python, { fn: 'returns_type', args: [scope({ Folder: 'app' }), s('Order')], argIndex: 1 }), [['app/orders/api.py', 2, 6, 2, 11]]);
  });

  it('files: paths, the folder a glob starts from, a file in a folder or glob scope; nothing outside the workspace', async () => {
    const files = createFilesLibrary();
    const sel = (fn: string, arg: string) => locate(files, { table: 'selector', fn, args: [s(arg)], argIndex: 0, purpose: 'link' });
    assert.deepEqual(await sel('file_selector', 'docs/a.md'), [['docs/a.md']]);
    assert.deepEqual(await sel('file_selector', 'docs'), [], 'a folder is not a file');
    assert.deepEqual(await sel('folder_selector', 'app/orders'), [['app/orders']]);
    assert.deepEqual(await sel('glob_selector', 'app/orders/**/*.py'), [['app/orders']]);
    assert.deepEqual(await sel('glob_selector', '*.toml'), [['']]);
    assert.deepEqual(await sel('folder_selector', '../..'), []);
    assert.deepEqual(await locate(files, { fn: 'exists', args: [scope({ Folder: 'src' }), s('lib.rs')], argIndex: 1, purpose: 'link' }), [['src/lib.rs']]);
    const globbed = scope({ Glob: 'app/**/*.py' }, [path.join(ws, 'app/orders/__init__.py'), path.join(ws, 'app/orders/api.py')]);
    assert.deepEqual(await locate(files, { fn: 'contains', args: [globbed, s('api.py')], argIndex: 1, purpose: 'link' }), [['app/orders/api.py']]);
    assert.deepEqual(await locate(files, { fn: 'exists', args: [undefined, s('lib.rs')], argIndex: 1 }), [], 'the scope is not known');
  });
});
