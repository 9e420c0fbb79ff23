/**
 * Quick-fix edits of hielements.toml for capability findings (wasm-plugins.md §4):
 * grant `fs`, add an env variable, remove a granted capability, rewrite the upstream
 * `permissions` alias to `capabilities`. Pure: text in, edits out; everything outside the
 * edited ranges is preserved byte for byte. An entry written with the `permissions` alias
 * is edited in that spelling (`filesystem`, `environment`). `[]` when the library entry
 * is not found or the text is not valid TOML.
 */
import * as TOML from '@iarna/toml';
import type { Span } from '../../syntax/span';
import type { CapabilityFinding } from '../types';
import { LineIndex } from './textPosition';
import { locateToml } from './tomlLocator';
import { TomlEditor, type RawEdit } from './tomlEdits';
import { has, isStringArray, isTable } from './tomlValues';

export interface TextEdit {
  span: Span;
  newText: string;
}

export type FsGrant = 'read' | 'write';

interface Entry {
  editor: TomlEditor;
  lines: LineIndex;
  /** The parsed library table. */
  table: Record<string, unknown>;
  path: string[];
  /** Which spelling the entry uses for its grants. */
  alias: boolean;
}

function entry(text: string, library: string): Entry | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = TOML.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const libs = parsed.libraries;
  if (!isTable(libs) || !has(libs, library) || !isTable(libs[library])) return undefined;
  const table = libs[library] as Record<string, unknown>;
  const alias = !has(table, 'capabilities') && has(table, 'permissions') && isTable(table.permissions);
  return { editor: new TomlEditor(locateToml(text)), lines: new LineIndex(text), table, path: ['libraries', library], alias };
}

function toTextEdits(lines: LineIndex, edits: RawEdit[]): TextEdit[] {
  return edits.map((e) => ({ span: lines.span(e.start, e.end), newText: e.newText }));
}

const quote = (s: string): string => JSON.stringify(s);

/** Grant `fs = "read"` / `"write"` (replacing a weaker or stronger value). */
export function grantFsEdits(text: string, library: string, level: FsGrant): TextEdit[] {
  const e = entry(text, library);
  if (!e) return [];
  if (e.alias) {
    const container = [...e.path, 'permissions'];
    const perms = e.table.permissions as Record<string, unknown>;
    const current = isStringArray(perms.filesystem) ? perms.filesystem : [];
    const items = [level, ...current.filter((x) => x !== 'read' && x !== 'write')];
    return toTextEdits(e.lines, e.editor.setValue(container, 'filesystem', `[${items.map(quote).join(', ')}]`));
  }
  return toTextEdits(e.lines, e.editor.setValue([...e.path, 'capabilities'], 'fs', quote(level)));
}

/** Add an environment variable name to the granted list (no edit when already granted). */
export function addEnvEdits(text: string, library: string, name: string): TextEdit[] {
  const e = entry(text, library);
  if (!e) return [];
  const [containerKey, key] = e.alias ? ['permissions', 'environment'] : ['capabilities', 'env'];
  const container = isTable(e.table[containerKey]) ? (e.table[containerKey] as Record<string, unknown>) : {};
  if (isStringArray(container[key]) && container[key].includes(name)) return [];
  return toTextEdits(e.lines, e.editor.appendItem([...e.path, containerKey], key, quote(name)));
}

/** Remove a granted capability: `fs`, all of `env`, or one env name. */
export function removeCapabilityEdits(text: string, library: string, capability: 'fs' | 'env', envName?: string): TextEdit[] {
  const e = entry(text, library);
  if (!e) return [];
  const containerKey = e.alias ? 'permissions' : 'capabilities';
  const key = capability === 'fs' ? (e.alias ? 'filesystem' : 'fs') : e.alias ? 'environment' : 'env';
  const path = [...e.path, containerKey, key];
  if (capability === 'env' && envName !== undefined) {
    const container = e.table[containerKey];
    const list = isTable(container) && Array.isArray(container[key]) ? (container[key] as unknown[]) : [];
    const index = list.indexOf(envName);
    return index < 0 ? [] : toTextEdits(e.lines, e.editor.removeItem(path, index));
  }
  return toTextEdits(e.lines, e.editor.removePair(path));
}

/** Rewrite `permissions` (filesystem/environment) to `capabilities` (fs/env), keeping comments and layout. */
export function permissionsToCapabilitiesEdits(text: string, library: string): TextEdit[] {
  const e = entry(text, library);
  if (!e || !e.alias) return [];
  const base = [...e.path, 'permissions'];
  const perms = e.table.permissions as Record<string, unknown>;
  const edits: RawEdit[] = e.editor.segmentRanges(base).map((r) => ({ ...r, newText: 'capabilities' }));
  const rename = (from: string, to: string): void => {
    for (const r of e.editor.segmentRanges([...base, from])) edits.push({ ...r, newText: to });
  };
  const replaceValue = (key: string, valueText: string): void => {
    const node = e.editor.node([...base, key]);
    if (node) edits.push({ start: node.start, end: node.end, newText: valueText });
  };
  if (has(perms, 'filesystem')) {
    const fs = isStringArray(perms.filesystem) ? perms.filesystem : [];
    rename('filesystem', 'fs');
    replaceValue('filesystem', quote(fs.includes('write') ? 'write' : fs.includes('read') ? 'read' : 'none'));
  }
  if (has(perms, 'environment')) rename('environment', 'env');
  if (Array.isArray(perms.network) && perms.network.length === 0) replaceValue('network', '"none"');
  return toTextEdits(e.lines, edits);
}

/** The quick-fix for a finding: grant what is missing or denied, remove what is unused. */
export function editsForFinding(text: string, finding: CapabilityFinding): TextEdit[] {
  const { library, capability, needed } = finding;
  // a denial no grant would fix (outside the workspace, a protected file, …) has no `needed`: no edit
  if (finding.kind === 'denied' && needed === undefined) return [];
  if (finding.kind === 'unused') return removeCapabilityEdits(text, library, capability, capability === 'env' ? needed : undefined);
  if (capability === 'fs') return grantFsEdits(text, library, needed === 'write' ? 'write' : 'read');
  return needed ? addEnvEdits(text, library, needed) : [];
}

/** Apply edits to a text (for previews and tests): non-overlapping, any order. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.startIndex - a.span.startIndex)) {
    out = out.slice(0, e.span.startIndex) + e.newText + out.slice(e.span.endIndex);
  }
  return out;
}
