#!/usr/bin/env node
// Builds client/dist/: the extension bundle, the language-server bundle, the .wasm files the server loads,
// and the TextMate grammar. Usage: node build/bundle.js [--watch | --production]
//   --production: minified, no source maps, and strict: a missing server entry or .wasm file is an error
//   (a dev build only warns and skips the server bundle, so `npm run build` works before the server exists).
//   HIELEMENTS_SERVER_ENTRY=<file>  bundle another server entry (default: server/src/lsp/main.ts; relative = to the repo root)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { copyRuntimePackages } = require('./runtimePackages');

const CLIENT = path.resolve(__dirname, '..');
const REPO = path.resolve(CLIENT, '..');
const DIST = path.join(CLIENT, 'dist');
const DEFAULT_SERVER_ENTRY = path.join(REPO, 'server', 'src', 'lsp', 'main.ts');
// a relative HIELEMENTS_SERVER_ENTRY is relative to the repository root (npm -w runs scripts inside client/)
const SERVER_ENTRY = process.env.HIELEMENTS_SERVER_ENTRY
  ? path.resolve(REPO, process.env.HIELEMENTS_SERVER_ENTRY)
  : DEFAULT_SERVER_ENTRY;
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * Extra server entry points, built next to server.js when their source exists: the WASM plugin host starts
 * its worker thread from `path.join(__dirname, 'worker.js')` (server/src/plugins/wasm/pluginWorker.ts), and
 * transpiles a component not yet cached in `path.join(__dirname, 'transpileJob.js')` (componentCache.ts).
 */
const SERVER_EXTRA_ENTRIES = {
  'worker.js': path.join(REPO, 'server', 'src', 'plugins', 'wasm', 'worker.ts'),
  'transpileJob.js': path.join(REPO, 'server', 'src', 'plugins', 'wasm', 'transpileJob.ts'),
};

/**
 * Packages left out of the bundle and copied to dist/node_modules when the server imports them:
 * jco-transpile is ESM-only, loads its own .wasm files via import.meta.url and a native minifier.
 * binaryen (93 MB) is only used by jco's optimize/asm.js paths, which the server does not call.
 */
const RUNTIME_PACKAGES = ['@bytecodealliance/jco-transpile'];
const RUNTIME_PACKAGES_EXCLUDED = new Set(['binaryen']);

/** name in dist → where it comes from. The server finds them through HIELEMENTS_WASM_DIR (= dist). */
function wasmFiles() {
  const fromServer = (spec) => require.resolve(spec, { paths: [path.join(REPO, 'server')] });
  return {
    'web-tree-sitter.wasm': () => fromServer('web-tree-sitter/web-tree-sitter.wasm'),
    'tree-sitter-rust.wasm': () => fromServer('tree-sitter-rust/tree-sitter-rust.wasm'),
    'tree-sitter-python.wasm': () => fromServer('tree-sitter-python/tree-sitter-python.wasm'),
    'tree-sitter-hielements.wasm': () => path.join(REPO, 'server', 'grammar', 'tree-sitter-hielements.wasm'),
  };
}

/**
 * esbuild resolves `import` statements with the "import" condition even for CJS output, which would pick
 * web-tree-sitter's ESM build (it locates its .wasm via import.meta.url, empty in CJS). Use its CJS build.
 */
const preferCjsBuilds = {
  name: 'prefer-cjs-builds',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({
      path: require.resolve('web-tree-sitter', { paths: [path.join(REPO, 'server')] }),
    }));
  },
};

const common = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
  sourcemap: !production, minify: production, keepNames: true,
};

function copyAssets() {
  fs.mkdirSync(DIST, { recursive: true });
  fs.copyFileSync(path.join(REPO, 'syntaxes', 'hielements.tmLanguage.json'), path.join(DIST, 'hielements.tmLanguage.json'));
  const missing = [];
  for (const [name, locate] of Object.entries(wasmFiles())) {
    let from;
    try {
      from = locate();
    } catch {
      from = undefined;
    }
    if (from && fs.existsSync(from)) fs.copyFileSync(from, path.join(DIST, name));
    else missing.push(`${name} (${from ?? 'not resolvable'})`);
  }
  return missing;
}

function problem(text) {
  if (production) throw new Error(text);
  console.warn(`[bundle] warning: ${text}`);
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

async function main() {
  fs.rmSync(DIST, { recursive: true, force: true });
  const missing = copyAssets();
  // the stub entry used to validate the harnesses needs no .wasm files
  if (missing.length > 0 && SERVER_ENTRY === DEFAULT_SERVER_ENTRY) {
    problem(`missing .wasm files for the bundled server: ${missing.join(', ')}`);
  }
  const builds = [
    { ...common, entryPoints: [path.join(CLIENT, 'src', 'extension.ts')], outfile: path.join(DIST, 'extension.js'), external: ['vscode'] },
  ];
  if (fs.existsSync(SERVER_ENTRY)) {
    const entryPoints = { server: SERVER_ENTRY };
    for (const [out, src] of Object.entries(SERVER_EXTRA_ENTRIES)) {
      if (fs.existsSync(src)) entryPoints[out.replace(/\.js$/, '')] = src;
    }
    builds.push({
      ...common, entryPoints, outdir: DIST, plugins: [preferCjsBuilds], external: RUNTIME_PACKAGES, metafile: true,
      // treeSitter.ts keeps require.resolve() for unbundled runs; bundled, it uses HIELEMENTS_WASM_DIR instead
      logOverride: { 'require-resolve-not-external': 'silent' },
    });
  } else {
    problem(`server entry ${SERVER_ENTRY} does not exist: dist/server.js not built (build the server, or set HIELEMENTS_SERVER_ENTRY)`);
  }
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    console.log('[bundle] watching client/src and the server sources');
    return;
  }
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  const imported = importedRuntimePackages(results);
  if (imported.length > 0) {
    const copied = copyRuntimePackages(imported, path.join(REPO, 'server'), path.join(DIST, 'node_modules'), RUNTIME_PACKAGES_EXCLUDED);
    console.log(`[bundle] dist/node_modules: ${copied.join(' ')}`);
  }
  console.log(`[bundle] ${path.relative(REPO, DIST)}: ${fs.readdirSync(DIST).sort().join(' ')}`);
}

main().catch((error) => {
  console.error(`[bundle] ${error.message}`);
  process.exit(1);
});
