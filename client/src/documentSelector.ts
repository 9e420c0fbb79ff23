/**
 * Documents the server handles: `.hie` files, and `hielements.toml` (diagnostics + capability quick-fixes).
 * hielements.toml is selected by pattern only, so it works whether or not a TOML extension gives it the `toml` language.
 */
export const HIELEMENTS_LANGUAGE_ID = 'hielements';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: HIELEMENTS_LANGUAGE_ID },
  { scheme: 'untitled', language: HIELEMENTS_LANGUAGE_ID },
  { scheme: 'file', pattern: '**/hielements.toml' },
];

/** File changes the server is told about (workspace/didChangeWatchedFiles): sources the checks read, the config, and git's ignore rules (the spec set). */
export const WATCHED_FILES_GLOB = '**/{*.hie,hielements.toml,*.rs,*.py,Cargo.toml,.gitignore}';
