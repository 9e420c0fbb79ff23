import { scope, type Value } from '../../../eval/values';
import { defineFunction, stringParam } from '../define';
import { fileStem } from '../paths';
import { findRustFiles, rustContext, type RustContext } from './rustWorkspace';
import { crateFiles } from './crate';
import type { RustFacts } from './facts';

/** Files declaring an item, by exact name from the syntax tree. */
export const itemFinders = {
  struct: (rc: RustContext, name: string) => findRustFiles(rc, 'struct\0' + name, [name], (f) => f.structs.some((s) => s.name === name)),
  enum: (rc: RustContext, name: string) => findRustFiles(rc, 'enum\0' + name, [name], (f) => f.enums.some((s) => s.name === name)),
  fn: (rc: RustContext, name: string) => findRustFiles(rc, 'fn\0' + name, [name], (f) => f.functions.has(name)),
  trait: (rc: RustContext, name: string) => findRustFiles(rc, 'trait\0' + name, [name], (f) => f.traits.has(name)),
  impl: (rc: RustContext, name: string) =>
    findRustFiles(rc, 'impl\0' + name, [name], (f) => f.impls.some((i) => i.typeName === name || i.typeText === name)),
  implements: (rc: RustContext, type: string, trait: string) =>
    findRustFiles(rc, 'implements\0' + type + '\0' + trait, [type, trait], (f: RustFacts) =>
      f.impls.some(
        (i) => (i.typeName === type || i.typeText === type) && (i.traitName === trait || i.traitText === trait),
      ),
    ),
};

const crateSelector = defineFunction({
  name: 'crate_selector',
  description: 'Select the `.rs` files of a crate, found by its Cargo.toml `[package] name` (workspace root, `crates/<name>`, `<name>`, then `crates/*`).',
  params: [stringParam('crate_name', 'Package name from Cargo.toml', 'E300', 'crate_selector requires a crate name')],
  returns: 'Scope',
  example: "scope core = rust.crate_selector('hielements-core')",
  async run([name], ctx): Promise<Value> {
    return scope({ Folder: name }, await crateFiles(rustContext(ctx), name));
  },
});

const moduleSelector = defineFunction({
  name: 'module_selector',
  description: 'Select the files of a module by its last `::` segment: `<name>.rs`, or a `mod.rs` whose path contains the name.',
  params: [stringParam('module_path', 'Module path such as `parser` or `app::parser`', 'E301', 'module_selector requires a module path')],
  returns: 'Scope',
  example: "scope parser = rust.module_selector('parser')",
  async run([modulePath], ctx): Promise<Value> {
    const rc = rustContext(ctx);
    const segments = modulePath.split('::');
    const last = segments[segments.length - 1];
    const files = await rc.state.scan.shownFiles((f) => rc.ws.display(f), fileStem);
    const selected = files
      // `mod.rs` files match on their path below the workspace (the reference also looks at the workspace prefix).
      .filter(({ rel, stem }) => stem === last || (stem === 'mod' && rel.includes(last)))
      .map((f) => f.shown);
    return scope({ File: modulePath }, [...new Set(selected)].sort());
  },
});

function itemSelector(
  name: string,
  kindPrefix: string,
  param: string,
  code: string,
  message: string,
  what: string,
  paramDescription: string,
  example: string,
  find: (rc: RustContext, n: string) => Promise<string[]>,
) {
  return defineFunction({
    name,
    description: `Select the workspace Rust files that declare ${what} (exact name, from the syntax tree).`,
    params: [stringParam(param, paramDescription, code, message)],
    returns: 'Scope',
    example,
    async run([n], ctx): Promise<Value> {
      return scope({ File: kindPrefix + n }, await find(rustContext(ctx), n));
    },
  });
}

export const rustSelectors = [
  crateSelector,
  moduleSelector,
  itemSelector('struct_selector', 'struct:', 'struct_name', 'E302', 'struct_selector requires a struct name', 'a struct', 'Name of the struct', "scope parser = rust.struct_selector('Parser')", itemFinders.struct),
  itemSelector('enum_selector', 'enum:', 'enum_name', 'E303', 'enum_selector requires an enum name', 'an enum', 'Name of the enum', "scope tokens = rust.enum_selector('TokenKind')", itemFinders.enum),
  itemSelector('function_selector', 'fn:', 'func_name', 'E304', 'function_selector requires a function name', 'a function', 'Name of the function', "scope entry = rust.function_selector('main')", itemFinders.fn),
  itemSelector('trait_selector', 'trait:', 'trait_name', 'E305', 'trait_selector requires a trait name', 'a trait', 'Name of the trait', "scope lib = rust.trait_selector('Library')", itemFinders.trait),
  itemSelector('impl_selector', 'impl:', 'type_name', 'E306', 'impl_selector requires a type name', 'an impl block for a type', 'Name of the implementing type', "scope impls = rust.impl_selector('Parser')", itemFinders.impl),
];
