/** Names of the built-in libraries, in catalogue order. */
export const BUILTIN_LIBRARY_NAMES: readonly string[] = ['files', 'python', 'rust'];
