import { LibraryError, type Library } from '../library';
import { builtinLibrary } from './define';
import { pythonLocators } from './python/locate';
import { pythonSelectors } from './python/selectors';
import { pythonChecks } from './python/checks';

export function createPythonLibrary(): Library {
  return builtinLibrary({
    name: 'python',
    description: 'Python code selectors and checks, answered from tree-sitter syntax trees: modules, functions, classes, imports, return types and calls.',
    selectors: pythonSelectors,
    checks: pythonChecks,
    unknownSelector: (fn) => new LibraryError('E499', `Unknown function: python.${fn}`),
    unknownCheck: (fn) => new LibraryError('E499', `Unknown check: python.${fn}`),
    locators: pythonLocators,
  });
}
