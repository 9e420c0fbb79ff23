'use strict';
// The server side of every bundle: the npm package (scripts/package/build.js: the `hielements` and
// `hielements-language-server` commands) and the VS Code extension (client/build/bundle.js: its own copy of
// the language server). One list of worker entries, .wasm files, runtime assets and unbundlable packages.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { copyRuntimePackages } = require('./runtimePackages');

const REPO = path.resolve(__dirname, '..', '..');
const SERVER = path.join(REPO, 'server');

/**
 * Files and folders the code reads at run time, as paths below server/. They are copied next to the bundle
 * under the same relative path, where `assetPath(...)` (server/src/runtime/assets.ts) finds them.
 * To ship another one, add one line here.
 */
const RUNTIME_ASSETS = ['grammar/tree-sitter-hielements.wasm', 'plugin-templates'];

/**
 * Worker threads started from `path.join(__dirname, '<name>.js')`: bundled next to the entry points.
 * worker.js runs a WASM plugin (plugins/wasm/pluginWorker.ts), transpileJob.js transpiles a component
 * (plugins/wasm/componentCache.ts).
 */
const SERVER_WORKERS = {
  worker: path.join(SERVER, 'src', 'plugins', 'wasm', 'worker.ts'),
  transpileJob: path.join(SERVER, 'src', 'plugins', 'wasm', 'transpileJob.ts'),
};

/**
 * Packages left out of the bundle and copied to <out>/node_modules when the code imports them:
 * jco-transpile is ESM-only, loads its own .wasm files via import.meta.url and a native minifier.
 * binaryen (93 MB) is only used by jco's optimize/asm.js paths, which the server does not call.
 */
const RUNTIME_PACKAGES = ['@bytecodealliance/jco-transpile'];
const RUNTIME_PACKAGES_EXCLUDED = new Set(['binaryen']);

/** .wasm files of npm packages, copied flat next to the bundle (treeSitter.ts looks for them there). */
function packageWasmFiles() {
  const fromServer = (spec) => require.resolve(spec, { paths: [SERVER] });
  return {
    'web-tree-sitter.wasm': () => fromServer('web-tree-sitter/web-tree-sitter.wasm'),
    'tree-sitter-rust.wasm': () => fromServer('tree-sitter-rust/tree-sitter-rust.wasm'),
    'tree-sitter-python.wasm': () => fromServer('tree-sitter-python/tree-sitter-python.wasm'),
  };
}

/**
 * esbuild resolves `import` statements with the "import" condition even for CJS output, which would pick
 * web-tree-sitter's ESM build (it locates its .wasm via import.meta.url, empty in CJS). Use its CJS build.
 */
const preferCjsBuilds = {
  name: 'prefer-cjs-builds',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter', { paths: [SERVER] }) }));
  },
};

/** esbuild options for server entry points written to `outdir` (HIELEMENTS_BUNDLE tells the code it is bundled). */
function serverBuildOptions({ entryPoints, outdir, production, banner }) {
  return {
    entryPoints: { ...entryPoints, ...SERVER_WORKERS },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    sourcemap: !production,
    minify: production,
    // no keepNames: esbuild would then wrap every function and class in a `__name(fn, "name")` call
    // (Object.defineProperty) made each time the closure is created, e.g. per check in the static
    // checker (CLI `check` of 5,000 lines: ~15 ms). Nothing reads function names; stack traces of
    // the production bundle show minified names either way.
    keepNames: false,
    plugins: [preferCjsBuilds],
    external: RUNTIME_PACKAGES,
    metafile: true,
    define: { HIELEMENTS_BUNDLE: 'true' },
    ...(banner ? { banner: { js: banner } } : {}),
    // treeSitter.ts keeps require.resolve() for unbundled runs; bundled, it looks next to the bundle
    logOverride: { 'require-resolve-not-external': 'silent' },
  };
}

/**
 * Copies what the bundle reads at run time into `outdir`: the packages' .wasm files (flat), RUNTIME_ASSETS,
 * and the hielements grammar flat too when `flatGrammar` (HIELEMENTS_WASM_DIR layout of the extension).
 * Returns the files that could not be found.
 */
function copyServerAssets(outdir, { flatGrammar = false } = {}) {
  fs.mkdirSync(outdir, { recursive: true });
  const missing = [];
  const copy = (from, to) => {
    if (from && fs.existsSync(from)) fs.cpSync(from, to, { recursive: true, dereference: true });
    else missing.push(`${path.relative(outdir, to)} (${from ?? 'not resolvable'})`);
  };
  for (const [name, locate] of Object.entries(packageWasmFiles())) {
    let from;
    try {
      from = locate();
    } catch {
      from = undefined;
    }
    copy(from, path.join(outdir, name));
  }
  for (const asset of RUNTIME_ASSETS) copy(path.join(SERVER, asset), path.join(outdir, asset));
  if (flatGrammar) copy(path.join(SERVER, 'grammar', 'tree-sitter-hielements.wasm'), path.join(outdir, 'tree-sitter-hielements.wasm'));
  return missing;
}

/** RUNTIME_PACKAGES that the bundled code imports (esbuild's metafile lists external imports). */
function importedRuntimePackages(results) {
  const found = new Set();
  for (const result of results) {
    for (const input of Object.values(result.metafile?.inputs ?? {})) {
      for (const imp of input.imports) if (imp.external && RUNTIME_PACKAGES.includes(imp.path)) found.add(imp.path);
    }
  }
  return [...found];
}

/** Copies the runtime packages the bundles import into `<outdir>/node_modules`; returns their names. */
function copyImportedRuntimePackages(results, outdir) {
  const imported = importedRuntimePackages(results);
  if (imported.length === 0) return [];
  return copyRuntimePackages(imported, SERVER, path.join(outdir, 'node_modules'), RUNTIME_PACKAGES_EXCLUDED);
}

module.exports = { REPO, SERVER, RUNTIME_ASSETS, SERVER_WORKERS, serverBuildOptions, copyServerAssets, copyImportedRuntimePackages, esbuild };
