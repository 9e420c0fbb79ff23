import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DATA } from '../inputs';

/**
 * Real code nobody here wrote: Rust crates from Debian's `librust-*-dev` packages (sources
 * under /usr/share/cargo/registry) and packages of the Python standard library. Crates are
 * fetched with `apt-get download` and unpacked with `dpkg-deb -x` into a cache (not into the
 * repository); the standard library is read where Debian installed it.
 */
export interface Corpus {
  name: string;
  language: 'rust' | 'python';
  /** The workspace: the crate's root (with Cargo.toml) or the Python package directory. */
  root: string;
  /** `syn 1.0.107`, `python3.11 json`. */
  label: string;
}

/** The crates of the full smoke run; the first two are also the cheap test's. */
export const SMOKE_CRATES = ['bitflags', 'pin-project-lite', 'syn', 'tokio', 'serde', 'regex-syntax'];
export const SMOKE_PYTHON = ['json', 'email', 'asyncio', 'importlib'];

export const CACHE_ENV = 'HIELEMENTS_REAL_CODE_CACHE';

export function cacheDir(): string {
  return process.env[CACHE_ENV] || path.join(DATA, 'real-code');
}

const REGISTRY = path.join('usr', 'share', 'cargo', 'registry');

function run(cmd: string, args: string[], cwd: string): void {
  try {
    execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${(err.stderr || err.message).trim()}`);
  }
}

/** The unpacked crate directory below `dir` (`<crate>-<version>`), if any. */
function unpackedCrate(dir: string, crate: string): string | undefined {
  const registry = path.join(dir, REGISTRY);
  if (!existsSync(registry)) return undefined;
  const found = readdirSync(registry).find((d) => d.startsWith(crate + '-') && /^\d/.test(d.slice(crate.length + 1)));
  return found ? path.join(registry, found) : undefined;
}

/**
 * The sources of `crate` from Debian's `librust-<crate>-dev`, downloaded and unpacked once
 * into the cache (a later run reuses them without apt). Needs apt's package lists
 * (`apt-get update` once on a fresh machine); `.ci/run` makes sure they are there.
 */
export function debianCrate(crate: string, cache = cacheDir()): Corpus {
  const dir = path.join(cache, `librust-${crate}-dev`);
  let root = unpackedCrate(dir, crate);
  if (!root) {
    mkdirSync(cache, { recursive: true });
    const work = mkdtempSync(path.join(cache, `.fetch-${crate}-`));
    try {
      // As root, apt hands the download to its sandbox user, who cannot write here: download as root.
      const sandbox = process.getuid?.() === 0 ? ['-o', 'APT::Sandbox::User=root'] : [];
      try {
        run('apt-get', [...sandbox, 'download', `librust-${crate}-dev`], work);
      } catch (e) {
        throw new Error(`${(e as Error).message} (apt needs its package lists: run \`apt-get update\` once)`);
      }
      const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download librust-${crate}-dev produced no .deb file`);
      const unpacked = path.join(work, 'x');
      run('dpkg-deb', ['-x', deb, unpacked], work);
      if (!unpackedCrate(unpacked, crate)) throw new Error(`librust-${crate}-dev holds no ${REGISTRY}/${crate}-<version>`);
      writeFileSync(path.join(unpacked, 'SOURCE'), `${deb}\n`);
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(unpacked, dir); // atomic: a half-unpacked crate is never taken for a cached one
      } catch (e) {
        if (!unpackedCrate(dir, crate)) throw e; // else another process unpacked it meanwhile
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    root = unpackedCrate(dir, crate) as string;
  }
  return { name: crate, language: 'rust', root, label: path.basename(root).replace(/-(\d[^-]*)$/, ' $1') };
}

/** The newest `/usr/lib/python3.N` (Debian's standard library). */
export function pythonStdlib(): string {
  const lib = '/usr/lib';
  const versions = existsSync(lib)
    ? readdirSync(lib)
        .filter((d) => /^python3\.\d+$/.test(d) && existsSync(path.join(lib, d, 'os.py')))
        .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    : [];
  const newest = versions[versions.length - 1];
  if (!newest) throw new Error('no Python standard library under /usr/lib/python3.* (install python3)');
  return path.join(lib, newest);
}

/** A package of the standard library (`json`, `email`, …) read in place. */
export function stdlibPackage(name: string): Corpus {
  const stdlib = pythonStdlib();
  const root = path.join(stdlib, name);
  if (!existsSync(path.join(root, '__init__.py'))) throw new Error(`${root} is not a package`);
  return { name, language: 'python', root, label: `${path.basename(stdlib)} ${name}` };
}
