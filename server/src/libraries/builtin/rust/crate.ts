import * as fs from 'node:fs';
import * as path from 'node:path';
import * as TOML from '@iarna/toml';
import { LibraryError } from '../../library';
import { compareCodeUnits } from '../../../workspace/dirWalk';
import { joinPath, outsideError } from '../paths';
import type { RustContext } from './rustWorkspace';

/** Code of "path '…' is outside the workspace" for crate names that are really paths. */
export const RUST_OUTSIDE_CODE = 'E307';

const manifestNames = new WeakMap<object, Map<string, string | undefined>>();

/**
 * `[package] name` of a manifest. A manifest that is not valid TOML falls back to the
 * reference's substring test, so such a crate is still found.
 */
function packageName(text: string): string | undefined {
  try {
    const parsed = TOML.parse(text) as { package?: { name?: unknown } };
    return typeof parsed.package?.name === 'string' ? parsed.package.name : undefined;
  } catch {
    return undefined;
  }
}

async function declaresCrate(rc: RustContext, manifestAbs: string, name: string): Promise<boolean> {
  const text = await rc.ctx.index.readText(manifestAbs);
  if (text === undefined) return false;
  let byText = manifestNames.get(rc.ctx.index);
  if (!byText) {
    byText = new Map();
    manifestNames.set(rc.ctx.index, byText);
  }
  if (!byText.has(text)) byText.set(text, packageName(text) ?? undefined);
  const declared = byText.get(text);
  if (declared !== undefined) return declared === name;
  return text.includes(`name = "${name}"`);
}

function isFile(abs: string): boolean {
  try {
    return fs.statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** Where a crate lives: its manifest, its folder, and how its files are reported. */
export interface CrateLocation {
  manifest: string;
  dirAbs: string;
  show: (abs: string) => string;
}

/**
 * The manifest declaring a crate (stdlib.md §3.1 `crate_selector`): the first of
 * `<ws>/Cargo.toml`, `<ws>/crates/<name>/Cargo.toml`, `<ws>/<name>/Cargo.toml` that declares
 * the package gives a canonical absolute directory; otherwise `crates/*` manifests in sorted
 * order give `<ws>/crates/<dir>`.
 */
export async function crateLocation(rc: RustContext, name: string): Promise<CrateLocation | undefined> {
  const { ws } = rc;
  for (const rel of ['Cargo.toml', `crates/${name}/Cargo.toml`, `${name}/Cargo.toml`]) {
    const abs = path.resolve(ws.join(rel));
    if (!ws.contains(abs)) throw outsideError(RUST_OUTSIDE_CODE, name);
    if (!isFile(abs) || !(await declaresCrate(rc, abs, name))) continue;
    let dir: string;
    try {
      dir = fs.realpathSync.native(path.dirname(abs));
    } catch {
      continue;
    }
    if (!ws.contains(dir)) throw new LibraryError(RUST_OUTSIDE_CODE, `path '${dir}' is outside the workspace`);
    return { manifest: abs, dirAbs: dir, show: (f) => f };
  }
  const cratesDir = path.join(ws.abs, 'crates');
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(cratesDir).sort(compareCodeUnits);
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    const manifest = path.join(cratesDir, entry, 'Cargo.toml');
    if (!isFile(manifest) || !(await declaresCrate(rc, manifest, name))) continue;
    const dirAbs = path.join(cratesDir, entry);
    const shownDir = ws.join(`crates/${entry}`);
    return { manifest, dirAbs, show: (f) => joinPath(shownDir, path.relative(dirAbs, f)) };
  }
  return undefined;
}

/** Reported paths of a crate's `.rs` files; files are listed without directory exclusions. */
export async function crateFiles(rc: RustContext, name: string): Promise<string[]> {
  const crate = await crateLocation(rc, name);
  return crate ? rustFilesBelow(rc, crate.dirAbs, crate.show) : [];
}

async function rustFilesBelow(rc: RustContext, dirAbs: string, show: (abs: string) => string): Promise<string[]> {
  const files = await rc.ctx.index.walk(dirAbs);
  return files.filter((f) => f.endsWith('.rs')).map(show);
}
