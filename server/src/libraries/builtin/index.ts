import type { Library } from '../library';
import { createFilesLibrary } from './files';
import { createPythonLibrary } from './python';
import { createRustLibrary } from './rust';

/** The built-in libraries in catalogue order: files, python, rust. */
export function createBuiltinLibraries(): Library[] {
  return [createFilesLibrary(), createPythonLibrary(), createRustLibrary()];
}

export { createFilesLibrary, createPythonLibrary, createRustLibrary };
