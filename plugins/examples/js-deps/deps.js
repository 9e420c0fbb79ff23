// A Hielements plugin written in JavaScript, built into a WebAssembly component with
// `jco componentize` (world `plugin-fs` of server/plugin-templates/wit/plugin.wit). It reads the workspace's
// manifests through wasi:filesystem, so it needs `capabilities.fs = "read"`.
//
//   check deps.forbids('lodash')      passes when no manifest declares `lodash`
//   check deps.requires('serde')      passes when some manifest declares `serde`
//   deps.list()                       the declared dependency names (a List of Strings)

import { getDirectories } from 'wasi:filesystem/preopens@0.2.10';

const MANIFESTS = ['package.json', 'Cargo.toml'];

const DOC = {
  name: 'deps',
  description: 'Dependencies declared in package.json and Cargo.toml',
  version: '0.1.0',
  functions: [
    { name: 'list', description: 'Names of all declared dependencies', parameters: [], return_type: 'list', example: 'deps.list()' },
  ],
  checks: [
    {
      name: 'forbids',
      description: 'Passes when no manifest declares the dependency',
      parameters: [{ name: 'name', type: 'string', description: 'dependency name' }],
      return_type: 'CheckResult',
      example: "check deps.forbids('lodash')",
    },
    {
      name: 'requires',
      description: 'Passes when some manifest declares the dependency',
      parameters: [{ name: 'name', type: 'string', description: 'dependency name' }],
      return_type: 'CheckResult',
      example: "check deps.requires('serde')",
    },
  ],
};

function workspace() {
  const found = getDirectories().find(([, path]) => path === '/workspace');
  if (!found) throw 'no workspace is mapped: grant `capabilities.fs = "read"`';
  return found[0];
}

/** The file's text, or undefined when it cannot be opened (missing, or refused by the host). */
function readText(dir, path) {
  let file;
  try {
    file = dir.openAt({ symlinkFollow: true }, path, {}, { read: true });
  } catch {
    return undefined;
  }
  const parts = [];
  let offset = 0n;
  for (;;) {
    const [bytes, eof] = file.read(65536n, offset);
    parts.push(bytes);
    offset += BigInt(bytes.length);
    if (eof || bytes.length === 0) break;
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new TextDecoder().decode(all);
}

function packageJsonDeps(text) {
  const json = JSON.parse(text);
  const names = [];
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    if (json[key] && typeof json[key] === 'object') names.push(...Object.keys(json[key]));
  }
  return names;
}

/** Names under [dependencies], [dev-dependencies], [build-dependencies] (and target.*. variants, and [dependencies.x] tables). */
function cargoDeps(text) {
  const names = [];
  let inDeps = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const table = /^\[([^\]]+)\]$/.exec(line);
    if (table) {
      const path = table[1].trim().split('.');
      const i = path.findIndex((p) => /^(dev-|build-)?dependencies$/.test(p));
      inDeps = i >= 0 && i === path.length - 1;
      if (i >= 0 && i === path.length - 2) names.push(path[i + 1].replace(/"/g, ''));
      continue;
    }
    const key = /^"?([A-Za-z0-9_-]+)"?\s*(\.|=)/.exec(line);
    if (inDeps && key) names.push(key[1]);
  }
  return names;
}

/** Every declared dependency, with the manifest that declares it. */
function declared() {
  const dir = workspace();
  const found = [];
  for (const manifest of MANIFESTS) {
    const text = readText(dir, manifest);
    if (text === undefined) continue;
    const names = manifest === 'package.json' ? packageJsonDeps(text) : cargoDeps(text);
    for (const name of names) found.push({ name, manifest });
  }
  return found;
}

/** First argument as a string (arguments arrive as tagged JSON Values, e.g. {"String": "lodash"}). */
function stringArg(args, fn) {
  const first = JSON.parse(args)[0];
  if (!first || typeof first.String !== 'string') throw `${fn} requires a string argument`;
  return first.String;
}

export const library = {
  libraryName() {
    return 'deps';
  },
  libraryDoc() {
    return JSON.stringify(DOC);
  },
  libraryCall(fn, args, ws) {
    if (fn === 'list') return JSON.stringify({ List: [...new Set(declared().map((d) => d.name))].map((n) => ({ String: n })) });
    throw `Unknown function: ${fn}`;
  },
  libraryCheck(fn, args, ws) {
    if (fn === 'forbids') {
      const name = stringArg(args, fn);
      const hit = declared().find((d) => d.name === name);
      return hit ? { passed: false, message: `\`${name}\` is a dependency in ${hit.manifest}` } : { passed: true };
    }
    if (fn === 'requires') {
      const name = stringArg(args, fn);
      return declared().some((d) => d.name === name) ? { passed: true } : { passed: false, message: `\`${name}\` is not a dependency` };
    }
    throw `Unknown check: ${fn}`;
  },
};
