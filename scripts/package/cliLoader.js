#!/usr/bin/env node
'use strict';
// dist/hielements.js, the `hielements` command of the package (copied by scripts/package/build.js). It runs the
// bundled CLI, dist/cli.js, with V8's code cache of it, dist/cli.cache: the bytecode of the functions a run
// needs, so that a cold start does not parse and compile them again (`run` of the reference spec: ~30 ms less,
// `check` of 5,000 lines ~12 ms). The cache is written when the package is built, by a run of the CLI
// (scripts/package/codeCache.js). V8 uses it only if it was made by the same V8 with the same flags for the same
// source; otherwise it is rejected and cli.js is compiled as usual.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');

const CLI = path.join(__dirname, 'cli.js');
const CACHE = path.join(__dirname, 'cli.cache');
/** CLI_V8_FLAGS of server/src/cli/v8Flags.ts, the flags cli.js sets first thing (a test keeps the two lists equal). */
const V8_FLAGS = ['--liftoff-only', '--semi-space-growth-factor=1', '--interrupt-budget=270336'];

/**
 * cli.js compiled as a CommonJS module, with the cache when there is one; null when this Node cannot run a
 * script's `import()` as a module's (then cli.js is simply required).
 */
function compileCli() {
  const importModuleDynamically = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (importModuleDynamically === undefined) return null;
  // the flags cli.js sets first thing, set before compiling: a cache is only accepted under the flags it was made
  // with, and it is made when the run ends
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 20 && major <= 24) for (const flag of V8_FLAGS) require('node:v8').setFlagsFromString(flag);
  let cachedData;
  try {
    cachedData = fs.readFileSync(CACHE);
  } catch {
    cachedData = undefined;
  }
  return new vm.Script(wrap(fs.readFileSync(CLI, 'utf8')), { filename: CLI, cachedData, importModuleDynamically });
}

/** Runs compiled cli.js as this module's sibling (its require, __dirname); the CLI then exits by itself. */
function runCli(script) {
  script.runInThisContext().call(module.exports, module.exports, require, module, CLI, __dirname);
}

if (require.main === module) {
  const script = compileCli();
  if (script) runCli(script);
  else require(CLI);
} else {
  module.exports = { compileCli, runCli, V8_FLAGS };
}
