'use strict';
// Copies npm packages that cannot be bundled (ESM-only with their own .wasm files, native bindings) into
// dist/node_modules, with their installed dependencies and optional dependencies, so the bundled server can
// `import()` them at run time.
const fs = require('node:fs');
const path = require('node:path');

/** The folder of package `name` as Node would find it from `fromDir`, or undefined. */
function findPackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ...name.split('/'));
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * @param {string[]} names packages to copy
 * @param {string} fromDir where to resolve them from
 * @param {string} targetNodeModules e.g. client/dist/node_modules
 * @param {Set<string>} exclude packages never copied (only needed by code paths we do not use)
 * @returns {string[]} the copied package names
 */
function copyRuntimePackages(names, fromDir, targetNodeModules, exclude) {
  const copied = new Map(); // name -> source dir
  const queue = names.map((name) => ({ name, from: fromDir, required: true }));
  while (queue.length > 0) {
    const { name, from, required } = queue.shift();
    if (copied.has(name) || exclude.has(name)) continue;
    const dir = findPackageDir(name, from);
    if (!dir) {
      if (required) throw new Error(`runtime package ${name} is not installed (needed by the bundled server)`);
      continue; // an optional dependency for another platform
    }
    copied.set(name, dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir, required: true });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) queue.push({ name: dep, from: dir, required: false });
  }
  for (const [name, dir] of copied) {
    fs.cpSync(dir, path.join(targetNodeModules, ...name.split('/')), {
      recursive: true,
      dereference: true,
      filter: (src) => !src.endsWith('.map') && !src.endsWith('.d.ts') && path.basename(src) !== 'node_modules',
    });
  }
  return [...copied.keys()].sort();
}

module.exports = { copyRuntimePackages };
