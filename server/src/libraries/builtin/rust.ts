import { LibraryError, type Library } from '../library';
import { builtinLibrary } from './define';
import { rustLocators } from './rust/locate';
import { rustSelectors } from './rust/selectors';
import { rustChecks } from './rust/checks';

export function createRustLibrary(): Library {
  return builtinLibrary({
    name: 'rust',
    description: 'Rust code selectors and checks, answered from tree-sitter syntax trees: crates, modules, structs, enums, functions, traits, impls, uses, derives, docs, tests and dependencies.',
    selectors: rustSelectors,
    checks: rustChecks,
    unknownSelector: (fn) => new LibraryError('E399', `Unknown function: rust.${fn}`),
    unknownCheck: (fn) => new LibraryError('E399', `Unknown check: rust.${fn}`),
    locators: rustLocators,
  });
}
