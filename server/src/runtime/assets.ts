import * as path from 'node:path';

/**
 * Files the CLI and the language server read at run time (the grammar wasm, templates, …),
 * named by their path below `server/`. Unbundled (server/out/src/runtime) they are read in
 * place; in a bundle (the npm package's dist/, the VS Code extension's dist/) esbuild defines
 * HIELEMENTS_BUNDLE and the packaging script has copied them next to the bundle under the same
 * relative path (scripts/package/serverBundle.js, RUNTIME_ASSETS: one line per file or folder).
 */
declare const HIELEMENTS_BUNDLE: boolean | undefined;

/** True in the esbuild bundles. */
export const BUNDLED = typeof HIELEMENTS_BUNDLE !== 'undefined' && HIELEMENTS_BUNDLE === true;

/** The folder assets are relative to: the bundle's folder, or server/. */
export const ASSET_ROOT = BUNDLED ? __dirname : path.resolve(__dirname, '..', '..', '..');

/** `assetPath('grammar', 'tree-sitter-hielements.wasm')` → its absolute path in this installation. */
export const assetPath = (...relative: string[]): string => path.join(ASSET_ROOT, ...relative);
